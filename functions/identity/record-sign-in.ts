/**
 * Lambda entry: the user pool's post-authentication trigger. Cognito calls it once a password
 * sign-in is complete (with a new password or TOTP when asked) — not when tokens are refreshed —
 * and the local emulator calls this same module at the same moment. It records the sign-in on
 * the account (lastSignInAt, signInCount: the usage report of п. 5.10) and returns the event.
 *
 * It never throws: Cognito fails the sign-in when its trigger fails or takes longer than 5 s, and
 * a lost record is better than a parent locked out. So the write has a deadline of its own, and
 * every failure is logged and swallowed.
 */
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { recordSignIn } from '#functions/data/usage-repository.ts';
import { actorRef, errorFields, logger } from '#functions/lib/logger.ts';

/** Well inside Cognito's 5 s, with room for a cold start. */
export const RECORD_DEADLINE_MS = 2_000;

export async function handler(event: PostAuthenticationTriggerEvent): Promise<PostAuthenticationTriggerEvent> {
  const userId = event.request?.userAttributes?.sub;
  const log = logger.child({ trigger: 'record-sign-in', ...(userId ? { actor: actorRef(userId) } : {}) });
  if (!userId) {
    log.warn('sign-in not recorded: the event has no sub');
    return event;
  }
  try {
    const result = await recordSignIn(userId, new Date(), { abortSignal: AbortSignal.timeout(RECORD_DEADLINE_MS) });
    if (result === 'no-account') log.warn('sign-in not recorded: no account record for this user');
  } catch (error) {
    log.error('sign-in not recorded', errorFields(error));
  }
  return event;
}
