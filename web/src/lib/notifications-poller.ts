/**
 * When the bell asks for the unread count. The rules:
 * - at the start (sign-in, a reload), then every 60 s while the tab is visible
 *   (`document.visibilityState`); a hidden tab asks nothing — when it shows again it asks at once
 *   if 60 s have passed since the last request, else when they have;
 * - on navigation too, unless the last request started less than 10 s ago (paging through diary
 *   weeks is navigation as well);
 * - one request at a time: a reason to ask while a request is on its way is dropped (its answer
 *   is as fresh);
 * - a count learnt otherwise (the panel's list, «Отметить все прочитанными») counts as a request:
 *   the next poll is 60 s after it, and an answer that was on its way then is not shown over it.
 * The clock is given (tests move it by hand); the count arrives by `onCount`.
 */
import type { Clock } from './auth.ts';

export const POLL_INTERVAL_MS = 60_000;
export const NAVIGATION_GAP_MS = 10_000;

export type UnreadPollerOptions = {
  clock: Clock;
  /** Asks the API for the unread count. */
  fetchCount: () => Promise<number>;
  /** `document.visibilityState === 'visible'`. */
  isVisible: () => boolean;
  onCount: (count: number) => void;
  /** A request failed (the count shown stays). */
  onError?: (error: unknown) => void;
  intervalMs?: number;
  navigationGapMs?: number;
};

export type UnreadPoller = {
  start(): void;
  stop(): void;
  /** The page changed. */
  navigated(): void;
  /** `visibilitychange`. */
  visibilityChanged(): void;
  /** The count came with another answer (it is not passed to `onCount`). */
  report(count: number): void;
};

export function createUnreadPoller(options: UnreadPollerOptions): UnreadPoller {
  const { clock, isVisible } = options;
  const interval = options.intervalMs ?? POLL_INTERVAL_MS;
  const gap = options.navigationGapMs ?? NAVIGATION_GAP_MS;
  let running = false;
  let inFlight = false;
  /** When the last request started (or a count was reported). */
  let lastAt: number | null = null;
  /** A poll fell due while the tab was hidden. */
  let due = false;
  let timer: unknown = null;
  /** Bumped by every request, report and stop: an answer of an older one is not shown. */
  let generation = 0;

  function clear(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    clear();
    if (!running || inFlight) return;
    const wait = lastAt === null ? 0 : Math.max(0, lastAt + interval - clock.now());
    timer = clock.setTimeout(tick, wait);
  }

  function tick(): void {
    timer = null;
    if (!running) return;
    if (!isVisible()) {
      due = true;
      return;
    }
    request();
  }

  function request(): void {
    if (!running || inFlight) return;
    clear();
    inFlight = true;
    due = false;
    lastAt = clock.now();
    const mine = ++generation;
    options.fetchCount().then(
      (count) => {
        if (running && mine === generation) options.onCount(count);
      },
      (error: unknown) => {
        if (running && mine === generation) options.onError?.(error);
      },
    ).finally(() => {
      inFlight = false;
      schedule();
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (isVisible()) request();
      else due = true;
    },
    stop() {
      running = false;
      generation += 1;
      due = false;
      clear();
    },
    navigated() {
      if (!running || inFlight || !isVisible()) return;
      if (lastAt !== null && clock.now() - lastAt < gap) return;
      request();
    },
    visibilityChanged() {
      if (!running || inFlight || !isVisible()) return;
      if (due || lastAt === null || clock.now() - lastAt >= interval) request();
    },
    report() {
      if (!running) return;
      generation += 1;
      lastAt = clock.now();
      due = false;
      schedule();
    },
  };
}
