import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/aws-clients.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

export type RateLimit = { limit: number; windowSeconds: number };
export type RateKey = { bucket: string; key: string; rule: RateLimit };

const windowOf = (rule: RateLimit, nowMs: number) => Math.floor(nowMs / 1000 / rule.windowSeconds) * rule.windowSeconds;

/**
 * Fixed-window counters in the table (TTL removes them): the same in AWS and locally, and shared
 * by every function instance. `blockedFor` reads the counters (one BatchGetItem); `count` adds a
 * failure to each (one UpdateItem each, atomic ADD).
 */
export async function blockedFor(rateKeys: RateKey[], nowMs = Date.now()): Promise<number | undefined> {
  const wanted = rateKeys.map((r) => ({ r, key: keys.rateCounter(r.bucket, r.key, windowOf(r.rule, nowMs)) }));
  const out = await documentClient.send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: wanted.map((w) => w.key), ConsistentRead: true } } }),
  );
  const found = out.Responses?.[tableName()] ?? [];
  let retryAfter: number | undefined;
  for (const { r, key } of wanted) {
    const item = found.find((i) => i.pk === key.pk && i.sk === key.sk);
    if (item && Number(item.count) >= r.rule.limit) {
      const wait = windowOf(r.rule, nowMs) + r.rule.windowSeconds - Math.floor(nowMs / 1000);
      retryAfter = Math.max(retryAfter ?? 0, wait);
    }
  }
  return retryAfter;
}

export async function countFailure(rateKeys: RateKey[], nowMs = Date.now()): Promise<void> {
  await Promise.all(
    rateKeys.map((r) => {
      const start = windowOf(r.rule, nowMs);
      return documentClient.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.rateCounter(r.bucket, r.key, start),
          UpdateExpression: 'ADD #count :one SET expiresAt = :exp, #type = :type',
          ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
          ExpressionAttributeValues: { ':one': 1, ':exp': start + r.rule.windowSeconds + 60, ':type': 'RateCounter' },
        }),
      );
    }),
  );
}
