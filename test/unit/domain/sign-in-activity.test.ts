import { describe, expect, it } from 'vitest';
import { signedInWithin, signInActivity } from '#shared/domain/rules/sign-in-activity.ts';

/** п. 5.10: who uses the diary, counted in the school's days (Moscow, UTC+3). */
const TZ = 'Europe/Moscow';
const at = (local: string) => new Date(Date.parse(`${local}+03:00`)).toISOString();
const today = '2026-12-07';

describe('usage of the journal by sign-ins (п. 5.10)', () => {
  it('tells apart no account, never signed in, the last 7 days, the last 30 days and earlier', () => {
    expect(signInActivity(undefined, today, TZ)).toBe('no-account');
    expect(signInActivity({}, today, TZ)).toBe('never');
    expect(signInActivity({ lastSignInAt: at('2026-12-07T08:00:00') }, today, TZ)).toBe('last-7-days');
    expect(signInActivity({ lastSignInAt: at('2026-12-06T19:30:00') }, today, TZ)).toBe('last-7-days');
    expect(signInActivity({ lastSignInAt: at('2026-11-20T12:00:00') }, today, TZ)).toBe('last-30-days');
    expect(signInActivity({ lastSignInAt: at('2026-10-01T12:00:00') }, today, TZ)).toBe('earlier');
  });

  it('counts 7 days as today and the 6 before, from the school\'s midnight', () => {
    expect(signedInWithin(at('2026-12-01T00:00:00'), 7, today, TZ)).toBe(true);
    expect(signedInWithin(at('2026-11-30T23:59:00'), 7, today, TZ)).toBe(false);
    expect(signedInWithin(at('2026-11-08T00:00:00'), 30, today, TZ)).toBe(true);
    expect(signedInWithin(at('2026-11-07T23:59:00'), 30, today, TZ)).toBe(false);
    expect(signedInWithin(undefined, 30, today, TZ)).toBe(false);
  });

  it('takes the date where the school is: 23:30 in Moscow is still that day, though it is the next in Vladivostok', () => {
    const lateEvening = at('2026-11-30T23:30:00');
    expect(signedInWithin(lateEvening, 7, today, TZ)).toBe(false);
    expect(signedInWithin(lateEvening, 7, today, 'Asia/Vladivostok')).toBe(true);
  });
});
