import { describe, expect, it } from 'vitest';
import { afterQuietHours, inQuietHours, INSTANT_SETTLE_MS, mailTime, nextDigestAt } from '#shared/domain/rules/mail-timing.ts';

/** п. 2.4: parents informed in time, not woken up — times are Moscow's (UTC+3, no DST). */
const TZ = 'Europe/Moscow';
const msk = (local: string) => Date.parse(`${local}+03:00`);
const iso = (local: string) => new Date(msk(local)).toISOString();
const quiet = { from: '21:00', to: '08:00' };

describe('when a notification is e-mailed', () => {
  it('quiet hours may span midnight', () => {
    expect(inQuietHours(msk('2026-12-07T22:30:00'), quiet, TZ)).toBe(true);
    expect(inQuietHours(msk('2026-12-07T07:59:00'), quiet, TZ)).toBe(true);
    expect(inQuietHours(msk('2026-12-07T08:00:00'), quiet, TZ)).toBe(false);
    expect(inQuietHours(msk('2026-12-07T20:59:00'), quiet, TZ)).toBe(false);
    expect(inQuietHours(msk('2026-12-07T13:00:00'), { from: '12:00', to: '14:00' }, TZ)).toBe(true);
    expect(inQuietHours(msk('2026-12-07T13:00:00'), null, TZ)).toBe(false);
  });

  it('the end of quiet hours: the same morning after midnight, the next morning before it', () => {
    expect(new Date(afterQuietHours(msk('2026-12-07T23:10:00'), quiet, TZ)).toISOString()).toBe(iso('2026-12-08T08:00:00'));
    expect(new Date(afterQuietHours(msk('2026-12-08T02:00:00'), quiet, TZ)).toISOString()).toBe(iso('2026-12-08T08:00:00'));
    expect(afterQuietHours(msk('2026-12-08T12:00:00'), quiet, TZ)).toBe(msk('2026-12-08T12:00:00'));
  });

  it('instant: after the settling minutes, moved out of quiet hours', () => {
    expect(mailTime('instant', iso('2026-12-07T10:00:00'), { quietHours: quiet, digestTime: '19:00' }, TZ)).toBe(
      new Date(msk('2026-12-07T10:00:00') + INSTANT_SETTLE_MS).toISOString(),
    );
    // A mark typed at 20:55 would go at 21:05 — in quiet hours: it goes at 08:00.
    expect(mailTime('instant', iso('2026-12-07T20:55:00'), { quietHours: quiet, digestTime: '19:00' }, TZ)).toBe(iso('2026-12-08T08:00:00'));
  });

  it('digest: today at its time if still ahead, else tomorrow; never in quiet hours', () => {
    const s = { quietHours: quiet, digestTime: '19:00' };
    expect(mailTime('digest', iso('2026-12-07T10:00:00'), s, TZ)).toBe(iso('2026-12-07T19:00:00'));
    expect(mailTime('digest', iso('2026-12-07T19:30:00'), s, TZ)).toBe(iso('2026-12-08T19:00:00'));
    expect(new Date(nextDigestAt(msk('2026-12-07T10:00:00'), { quietHours: quiet, digestTime: '22:00' }, TZ)).toISOString()).toBe(iso('2026-12-08T08:00:00'));
    expect(mailTime('off', iso('2026-12-07T10:00:00'), s, TZ)).toBeNull();
  });
});
