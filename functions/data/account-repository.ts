import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/aws-clients.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/** The product's record of a Cognito user: who they are to the school. */
export type Account = {
  userId: string;
  login: string;
  displayName: string;
  /** The school's person this account belongs to (staff, student or parent). */
  personId?: string;
  createdAt: string;
  version: number;
};

/** Access pattern: the signed-in user's profile (GetItem by sub). */
export async function getAccount(userId: string): Promise<Account | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.account(userId) }));
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

/** Create only: an existing account is never overwritten. Returns false if it already exists. */
export async function createAccount(account: Omit<Account, 'version' | 'createdAt'>): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.account(account.userId),
          ...keys.accountByLogin(account.login),
          type: 'Account',
          ...account,
          createdAt: new Date().toISOString(),
          version: 1,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

function toAccount(item: Record<string, unknown>): Account {
  return {
    userId: String(item.userId),
    login: String(item.login),
    displayName: String(item.displayName),
    ...(item.personId ? { personId: String(item.personId) } : {}),
    createdAt: String(item.createdAt),
    version: Number(item.version),
  };
}
