import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { tableName } from './table.ts';

/** Attributes that are storage, not domain: stripped from every item read. */
const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'duePk', 'dueAt', 'type', 'expiresAt'];

export type StoredItem = Record<string, unknown> & { type?: string };

export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!STORAGE_ATTRIBUTES.includes(k)) out[k] = v;
  return out as T;
}

/**
 * One access pattern = one logical Query, followed through DynamoDB's 1 MB pages. Every access
 * pattern in docs/data-model.md is sized to fit one page; the loop is the safety net, and the
 * call-counting tests prove the pages stay one.
 */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await documentClient.send(new QueryCommand({ TableName: tableName(), ...input, ExclusiveStartKey }));
    items.push(...((out.Items ?? []) as StoredItem[]));
    // A limited query asks for one page (the newest N); an unlimited one wants the whole range.
    ExclusiveStartKey = input.Limit ? undefined : out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Items of one partition whose sort key lies in [from, to] (inclusive, by prefix). */
export function queryRange(
  key: { name: 'pk' | 'gsi1pk' | 'gsi2pk' | 'gsi3pk' | 'duePk'; value: string },
  sortKey: 'sk' | 'gsi1sk' | 'gsi2sk' | 'gsi3sk' | 'dueAt',
  from: string,
  to: string,
  options: { index?: string; consistent?: boolean } = {},
): Promise<StoredItem[]> {
  return queryAll({
    IndexName: options.index,
    ConsistentRead: options.index ? undefined : options.consistent,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': key.name, '#sk': sortKey },
    ExpressionAttributeValues: { ':pk': key.value, ':from': from, ':to': to },
  });
}

export function queryPrefix(
  key: { name: 'pk' | 'gsi1pk' | 'gsi2pk' | 'gsi3pk' | 'duePk'; value: string },
  sortKey: 'sk' | 'gsi1sk' | 'gsi2sk' | 'gsi3sk' | 'dueAt',
  prefix: string,
  options: { index?: string; consistent?: boolean; limit?: number; newestFirst?: boolean } = {},
): Promise<StoredItem[]> {
  return queryAll({
    IndexName: options.index,
    ConsistentRead: options.index ? undefined : options.consistent,
    KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
    ExpressionAttributeNames: prefix ? { '#pk': key.name, '#sk': sortKey } : { '#pk': key.name },
    ExpressionAttributeValues: prefix ? { ':pk': key.value, ':prefix': prefix } : { ':pk': key.value },
    Limit: options.limit,
    ScanIndexForward: options.newestFirst ? false : undefined,
  });
}
