import { addDays, localDateOf, type IsoDate } from '../date-math.ts';

/**
 * Who uses the journal (п. 5.10), from what a sign-in leaves on the account: the last completed
 * password sign-in. "Active in the last N days" counts the school's days, today included (the
 * last 7 days: today and the 6 before), so a sign-in late on Sunday evening is Sunday's
 * wherever the server's clock is. Refreshing a session is not a sign-in, but a session lives at
 * most 12 hours (decision 10), so a parent shows as active on the day they last signed in, or
 * the next.
 */
export type SignInActivity =
  /** No account: the person never redeemed a code. */
  | 'no-account'
  /** An account that was never signed in to. */
  | 'never'
  | 'last-7-days'
  /** Within the last 30 days, not the last 7. */
  | 'last-30-days'
  /** Longer ago than 30 days. */
  | 'earlier';

/** Whether the last sign-in falls within the last `days` school days (today included). */
export function signedInWithin(lastSignInAt: string | undefined, days: number, today: IsoDate, timeZone: string): boolean {
  return lastSignInAt !== undefined && localDateOf(lastSignInAt, timeZone) >= addDays(today, -(days - 1));
}

export function signInActivity(account: { lastSignInAt?: string } | undefined, today: IsoDate, timeZone: string): SignInActivity {
  if (!account) return 'no-account';
  if (!account.lastSignInAt) return 'never';
  if (signedInWithin(account.lastSignInAt, 7, today, timeZone)) return 'last-7-days';
  if (signedInWithin(account.lastSignInAt, 30, today, timeZone)) return 'last-30-days';
  return 'earlier';
}
