import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { tableName } from './table.ts';

export type BatchGetOptions = {
  /** Attributes to return (names are aliased, so reserved words such as `status` may be named). */
  attributes?: readonly string[];
  consistent?: boolean;
};

/** DynamoDB's limit of keys per BatchGetItem call. */
export const BATCH_GET_KEYS = 100;

/**
 * Items by key from the school's table: one BatchGetItem per 100 keys, keys DynamoDB left
 * unprocessed (throttling, the 16 MB answer limit) asked for again, after a growing pause. Duplicate
 * keys are asked for once (DynamoDB refuses a batch that repeats a key). Missing items are
 * simply not in the answer; the order is DynamoDB's, not the keys'.
 */
export async function batchGetItems(wanted: readonly { pk: string; sk: string }[], options: BatchGetOptions = {}): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(wanted.map((k) => [`${k.pk}\u0000${k.sk}`, { pk: k.pk, sk: k.sk }])).values()];
  const names = options.attributes?.length ? Object.fromEntries(options.attributes.map((a, i) => [`#a${i}`, a])) : undefined;
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) {
    type Request = Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string>; ConsistentRead?: boolean }>;
    let request: Request | undefined = {
      [tableName()]: {
        Keys: unique.slice(i, i + BATCH_GET_KEYS),
        ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
        ...(options.consistent ? { ConsistentRead: true } : {}),
      },
    };
    for (let round = 0; request && Object.keys(request).length > 0; round++) {
      // Unprocessed keys mostly mean throttling: asking again at once would be throttled again.
      if (round > 0) await sleep(Math.min(1000, 25 * 2 ** round));
      const res = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(res.Responses?.[tableName()] ?? []));
      request = res.UnprocessedKeys as Request | undefined;
    }
  }
  return found;
}
