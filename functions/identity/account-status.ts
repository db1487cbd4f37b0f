import { setTimeout as sleep } from 'node:timers/promises';
import { AdminDisableUserCommand, AdminEnableUserCommand, AdminUserGlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { functionEnv } from '#shared/config/function-env.ts';
import type { Account } from '#functions/data/account-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import type { AuditedWrite } from '#functions/data/audited-transaction.ts';
import { cognito } from '#functions/lib/cognito-client.ts';

/**
 * Disabling an account: the table write (conditional on the version the caller saw) that every
 * request checks at once, and the pool calls that refuse sign-in and revoke refresh tokens.
 * The table is written first: it is what the API believes; the pool calls are idempotent and are
 * repeated by a retry.
 */
export function disableWrite(account: Account, reason: 'operator' | 'consent-withdrawn', at: Date): AuditedWrite {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.account(account.userId),
        UpdateExpression: 'SET #status = :disabled, disabledReason = :reason, disabledAt = :at, sessionsValidAfter = :after, version = version + :one',
        ConditionExpression: 'version = :version',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':disabled': 'disabled',
          ':reason': reason,
          ':at': at.toISOString(),
          ':after': sessionBoundary(at),
          ':one': 1,
          ':version': account.version,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    audit: { entityType: 'account', entityKey: `ACCOUNT#${account.userId}`, action: 'update', before: { status: account.status }, after: { status: 'disabled', reason } },
  };
}

export function enableWrite(account: Account): AuditedWrite {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.account(account.userId),
        UpdateExpression: 'SET #status = :active, version = version + :one REMOVE disabledReason, disabledAt',
        ConditionExpression: 'version = :version',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active', ':one': 1, ':version': account.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    audit: { entityType: 'account', entityKey: `ACCOUNT#${account.userId}`, action: 'update', before: { status: account.status }, after: { status: 'active' } },
  };
}

/**
 * Sessions that started before this second boundary are over. `auth_time` has whole seconds, so
 * the boundary is the next second: a session signed in during this very second ends too — and
 * so that one signed in *after* the end is not refused, the end is answered only once the
 * boundary has passed (`boundaryPassed`).
 */
export const sessionBoundary = (at: Date) => Math.floor(at.getTime() / 1000) + 1;

/**
 * Margin for the clocks of the user pool (which writes `auth_time`) and the function: both keep
 * time from Amazon Time Sync (well under a millisecond apart); locally they are one clock.
 */
export const CLOCK_MARGIN_MS = 100;

/**
 * Waits (at most a second) until the boundary has passed: a token issued after the caller hears
 * "sessions ended" carries an `auth_time` at or past the boundary and is accepted, whatever the
 * grain of the clock; every token issued before the end is refused.
 */
export async function boundaryPassed(boundary: number, now: () => number = Date.now): Promise<void> {
  const wait = boundary * 1000 + CLOCK_MARGIN_MS - now();
  if (wait > 0) await sleep(wait);
}

export async function disableInPool(login: string): Promise<void> {
  const { USER_POOL_ID: UserPoolId } = functionEnv();
  await cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: login }));
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: login }));
}

export async function enableInPool(login: string): Promise<void> {
  await cognito.send(new AdminEnableUserCommand({ UserPoolId: functionEnv().USER_POOL_ID, Username: login }));
}

export async function signOutInPool(login: string): Promise<void> {
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: functionEnv().USER_POOL_ID, Username: login }));
}
