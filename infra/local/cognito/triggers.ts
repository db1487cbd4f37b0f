/**
 * The pool's Lambda triggers, called in-process with Cognito's event at the moment Cognito calls
 * them. Only post authentication is emulated (the one the product uses).
 */
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { CognitoError } from './errors.ts';
import type { UserRecord } from './user-store.ts';

export interface LambdaTriggers {
  /**
   * After a password sign-in completes (a new password or a TOTP code included), before its tokens
   * are issued; never on a refresh. As in Cognito, a trigger that throws, or answers after
   * TRIGGER_TIMEOUT_MS, fails the sign-in.
   */
  postAuthentication?: (event: PostAuthenticationTriggerEvent) => Promise<unknown>;
}

/** How long Cognito waits for a trigger. */
export const TRIGGER_TIMEOUT_MS = 5_000;

export interface TriggerContext {
  userPoolId: string;
  clientId: string;
  region: string;
  triggers: LambdaTriggers;
}

/** Cognito's post-authentication event for this user. */
export function postAuthenticationEvent(ctx: TriggerContext, user: UserRecord): PostAuthenticationTriggerEvent {
  return {
    version: '1',
    region: ctx.region,
    userPoolId: ctx.userPoolId,
    userName: user.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: ctx.clientId },
    triggerSource: 'PostAuthentication_Authentication',
    request: {
      userAttributes: { sub: user.sub, ...user.attributes, 'cognito:user_status': user.status },
      newDeviceUsed: false,
    },
    response: {},
  };
}

/** Runs the post-authentication trigger, if any; its failure is the sign-in's, as in Cognito. */
export async function runPostAuthentication(ctx: TriggerContext, user: UserRecord): Promise<void> {
  const trigger = ctx.triggers.postAuthentication;
  if (!trigger) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TRIGGER_TIMEOUT_MS);
  });
  try {
    const outcome = await Promise.race([trigger(postAuthenticationEvent(ctx, user)), timeout]);
    if (outcome === 'timeout') throw new CognitoError('UnexpectedLambdaException', 'PostAuthentication invocation failed due to error TimeoutError.');
  } catch (error) {
    if (error instanceof CognitoError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new CognitoError('UserLambdaValidationException', `PostAuthentication failed with error ${message}.`);
  } finally {
    clearTimeout(timer);
  }
}
