import { describe, expect, it } from 'vitest';
import { NAVIGATION_GAP_MS, POLL_INTERVAL_MS, createUnreadPoller } from './notifications-poller.ts';
import { manualClock } from './test-support.ts';

/** Lets the promise callbacks run (the clock is manual; this is the real event loop). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A poller whose requests are answered by hand; records the start of each request. */
function setup(options: { visible?: boolean } = {}) {
  const clock = manualClock(1_000_000);
  let visible = options.visible ?? true;
  const started: number[] = [];
  const waiting: { resolve: (n: number) => void; reject: (e: unknown) => void }[] = [];
  const counts: number[] = [];
  const errors: unknown[] = [];
  const poller = createUnreadPoller({
    clock,
    isVisible: () => visible,
    fetchCount: () =>
      new Promise<number>((resolve, reject) => {
        started.push(clock.now() - 1_000_000);
        waiting.push({ resolve, reject });
      }),
    onCount: (n) => counts.push(n),
    onError: (e) => errors.push(e),
  });
  return {
    clock,
    poller,
    started,
    counts,
    errors,
    setVisible: (v: boolean) => (visible = v),
    /** Answers the oldest open request. */
    async answer(count: number) {
      waiting.shift()?.resolve(count);
      await settle();
    },
    async fail(error: unknown) {
      waiting.shift()?.reject(error);
      await settle();
    },
    open: () => waiting.length,
  };
}

describe('the unread count’s refresh rules', () => {
  it('asks at the start, then every 60 s — never more often', async () => {
    const t = setup();
    t.poller.start();
    expect(t.started).toEqual([0]);
    await t.answer(3);
    expect(t.counts).toEqual([3]);
    t.clock.advance(POLL_INTERVAL_MS - 1);
    expect(t.started).toEqual([0]);
    t.clock.advance(1);
    expect(t.started).toEqual([0, 60_000]);
    await t.answer(4);
    t.clock.advance(POLL_INTERVAL_MS);
    expect(t.started).toEqual([0, 60_000, 120_000]);
    expect(t.counts).toEqual([3, 4]);
    t.poller.stop();
  });

  it('makes one request at a time: a slow answer delays the next poll, never doubles it', async () => {
    const t = setup();
    t.poller.start();
    t.clock.advance(90_000); // the first answer has not come yet
    t.poller.navigated();
    t.poller.visibilityChanged();
    expect(t.started).toEqual([0]);
    expect(t.open()).toBe(1);
    await t.answer(1);
    // 60 s after the last request started have passed: the next one goes at once, then 60 s on.
    expect(t.started).toEqual([0]);
    t.clock.advance(0);
    expect(t.started).toEqual([0, 90_000]);
    await t.answer(1);
    t.clock.advance(59_999);
    expect(t.started).toEqual([0, 90_000]);
    t.poller.stop();
  });

  it('asks nothing while the tab is hidden, and at once when it shows after the interval', async () => {
    const t = setup();
    t.poller.start();
    await t.answer(2);
    t.setVisible(false);
    t.clock.advance(5 * POLL_INTERVAL_MS);
    expect(t.started).toEqual([0]);
    t.setVisible(true);
    t.poller.visibilityChanged();
    expect(t.started).toEqual([0, 300_000]);
    await t.answer(2);
    t.poller.stop();
  });

  it('does not ask when the tab shows again within 60 s of the last request', async () => {
    const t = setup();
    t.poller.start();
    await t.answer(2);
    t.clock.advance(20_000);
    t.setVisible(false);
    t.poller.visibilityChanged();
    t.clock.advance(10_000);
    t.setVisible(true);
    t.poller.visibilityChanged();
    expect(t.started).toEqual([0]);
    t.clock.advance(30_000); // the regular poll, 60 s after the first
    expect(t.started).toEqual([0, 60_000]);
    await t.answer(2);
    t.poller.stop();
  });

  it('starts hidden: waits for the tab to show', async () => {
    const t = setup({ visible: false });
    t.poller.start();
    t.clock.advance(POLL_INTERVAL_MS * 3);
    expect(t.started).toEqual([]);
    t.setVisible(true);
    t.poller.visibilityChanged();
    expect(t.started).toEqual([180_000]);
    await t.answer(0);
    t.poller.stop();
  });

  it('asks on navigation, but not within 10 s of the last request, and restarts the 60 s from there', async () => {
    const t = setup();
    t.poller.start();
    await t.answer(1);
    t.clock.advance(NAVIGATION_GAP_MS - 1);
    t.poller.navigated();
    expect(t.started).toEqual([0]);
    t.clock.advance(1);
    t.poller.navigated();
    expect(t.started).toEqual([0, 10_000]);
    await t.answer(1);
    t.clock.advance(50_000); // 60 s after the first: no poll, the navigation's request counts
    expect(t.started).toEqual([0, 10_000]);
    t.clock.advance(10_000);
    expect(t.started).toEqual([0, 10_000, 70_000]);
    await t.answer(1);
    t.poller.stop();
  });

  it('counts a count learnt elsewhere as a request, and does not show an older answer over it', async () => {
    const t = setup();
    t.poller.start();
    await t.answer(5);
    t.clock.advance(60_000);
    expect(t.started).toEqual([0, 60_000]);
    t.poller.report(0); // «Отметить все прочитанными» while the poll is on its way
    await t.answer(5);
    expect(t.counts).toEqual([5]);
    t.clock.advance(59_999);
    expect(t.started).toEqual([0, 60_000]);
    t.clock.advance(1);
    expect(t.started).toEqual([0, 60_000, 120_000]);
    await t.answer(0);
    expect(t.counts).toEqual([5, 0]);
    t.poller.stop();
  });

  it('keeps polling after a failure, and stops for good', async () => {
    const t = setup();
    t.poller.start();
    await t.fail(new Error('offline'));
    expect(t.errors).toHaveLength(1);
    t.clock.advance(POLL_INTERVAL_MS);
    expect(t.started).toEqual([0, 60_000]);
    t.poller.stop();
    await t.answer(9);
    expect(t.counts).toEqual([]);
    t.clock.advance(10 * POLL_INTERVAL_MS);
    t.poller.navigated();
    t.poller.visibilityChanged();
    expect(t.started).toEqual([0, 60_000]);
    expect(t.clock.pending()).toEqual([]);
  });
});
