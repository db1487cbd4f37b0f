import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '#shared/domain/role.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { tableName } from './table.ts';
import { withConflictRetry } from './contention.ts';

/** The product's record of a Cognito user: who they are to the school, and whether they may act. */
export type Account = {
  userId: string;
  login: string;
  displayName: string;
  /** The school's person this account belongs to (staff, student or parent). */
  personId?: string;
  /** The role groups given in the user pool (kept here for the operator's list). */
  roles: Role[];
  status: 'active' | 'disabled';
  disabledReason?: 'operator' | 'consent-withdrawn';
  disabledAt?: string;
  /**
   * Epoch seconds: sessions signed in before this are over (sign out everywhere, disabling).
   * Checked on every request against the token's auth_time: the gateway does not know revoked tokens.
   */
  sessionsValidAfter?: number;
  /** The last in-person password recovery with a code from the operator (shown to the holder). */
  recoveredAt?: string;
  recoveredByName?: string;
  createdAt: string;
  version: number;
};

/**
 * Access pattern: an account by sub (GetItem). `consistent` where the answer decides access — the
 * caller's account on every request, a redemption — so a change made a moment ago is seen.
 */
export async function getAccount(userId: string, options: { consistent?: boolean } = {}): Promise<Account | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.account(userId), ConsistentRead: options.consistent }));
  return out.Item ? toAccount(out.Item) : undefined;
}

/** Access pattern: an account by login (gsi1), e.g. to refuse a duplicate before creating it. */
export async function findAccountByLogin(login: string): Promise<Account | undefined> {
  const k = keys.accountByLogin(login);
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
      ExpressionAttributeValues: { ':pk': k.gsi1pk, ':sk': k.gsi1sk },
      Limit: 1,
    }),
  );
  return out.Items?.[0] ? toAccount(out.Items[0]) : undefined;
}

/** Access pattern: the operator's list of users, by login (gsi3 pk = ACCOUNTS), one page. */
export async function listAccounts(options: { cursor?: string; limit: number }): Promise<{ accounts: Account[]; nextCursor?: string }> {
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': 'ACCOUNTS' },
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { gsi3pk: 'ACCOUNTS' }),
    }),
  );
  return { accounts: (out.Items ?? []).map(toAccount), ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}) };
}

/** The account item as stored (create-only puts and transactions use it). */
export function accountItem(account: Omit<Account, 'version' | 'createdAt' | 'status'> & Partial<Pick<Account, 'status'>>, createdAt: string) {
  return {
    ...keys.account(account.userId),
    ...keys.accountByLogin(account.login),
    ...keys.accountInList(account.login),
    type: 'Account',
    status: 'active',
    ...account,
    login: account.login.toLowerCase(),
    createdAt,
    version: 1,
  };
}

/** Create only: an existing account is never overwritten. Returns false if it already exists. */
export async function createAccount(account: Omit<Account, 'version' | 'createdAt' | 'status'>): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({ TableName: tableName(), Item: accountItem(account, new Date().toISOString()), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Ends every session signed in before `at` (epoch seconds). Unconditional on version: it only ever moves forward. */
export async function endSessions(userId: string, at: number): Promise<void> {
  await withConflictRetry(() => documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.account(userId),
      UpdateExpression: 'SET sessionsValidAfter = :at',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(sessionsValidAfter) OR sessionsValidAfter < :at)',
      ExpressionAttributeValues: { ':at': at },
    }),
  )).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  });
}

export function toAccount(item: Record<string, unknown>): Account {
  return {
    userId: String(item.userId),
    login: String(item.login),
    displayName: String(item.displayName),
    ...(item.personId ? { personId: String(item.personId) } : {}),
    roles: Array.isArray(item.roles) ? (item.roles as Role[]) : [],
    status: item.status === 'disabled' ? 'disabled' : 'active',
    ...(item.disabledReason ? { disabledReason: item.disabledReason as Account['disabledReason'] } : {}),
    ...(item.disabledAt ? { disabledAt: String(item.disabledAt) } : {}),
    ...(typeof item.sessionsValidAfter === 'number' ? { sessionsValidAfter: item.sessionsValidAfter } : {}),
    ...(item.recoveredAt ? { recoveredAt: String(item.recoveredAt), recoveredByName: String(item.recoveredByName ?? '') } : {}),
    createdAt: String(item.createdAt),
    version: Number(item.version),
  };
}
