import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';
import { withConflictRetry } from './contention.ts';

export type RateLimit = { limit: number; windowSeconds: number };
export type RateKey = { bucket: string; key: string; rule: RateLimit };
/** Attempts taken under some limits, to give back when the attempt succeeded. */
export type Reservation = { taken: { key: { pk: string; sk: string } }[] };

const windowOf = (rule: RateLimit, nowMs: number) => Math.floor(nowMs / 1000 / rule.windowSeconds) * rule.windowSeconds;

/**
 * Fixed-window counters in the table (TTL removes them), the same in AWS and locally and shared
 * by every function instance. An attempt is *reserved* before it is tried — one atomic UpdateItem
 * per counter: add one only while the count is under the limit — so a burst of parallel attempts
 * can never pass more than the limit (a read-then-count check lets them all through). A
 * successful attempt gives its reservation back (`release`), so only failures stay counted.
 *
 * Returns the reservation, or the seconds to wait when a limit is reached (nothing more is taken).
 */
export async function reserve(rateKeys: readonly RateKey[], nowMs = Date.now()): Promise<{ reservation: Reservation } | { retryAfter: number }> {
  const taken: Reservation['taken'] = [];
  for (const r of rateKeys) {
    const start = windowOf(r.rule, nowMs);
    const key = keys.rateCounter(r.bucket, r.key, start);
    try {
      await withConflictRetry(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName(),
            Key: key,
            UpdateExpression: 'ADD #count :one SET expiresAt = :exp, #type = :type',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
            ExpressionAttributeValues: { ':one': 1, ':limit': r.rule.limit, ':exp': start + r.rule.windowSeconds + 60, ':type': 'RateCounter' },
          }),
        ),
      );
      taken.push({ key });
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      return { retryAfter: Math.max(1, start + r.rule.windowSeconds - Math.floor(nowMs / 1000)) };
    }
  }
  return { reservation: { taken } };
}

/** Gives a reservation back (the attempt succeeded): the counters it took go down by one. */
export async function release(reservation: Reservation): Promise<void> {
  await Promise.all(
    reservation.taken.map(({ key }) =>
      withConflictRetry(() =>
        documentClient.send(
          new UpdateCommand({
            TableName: tableName(),
            Key: key,
            UpdateExpression: 'ADD #count :minus',
            ConditionExpression: 'attribute_exists(#count) AND #count > :zero',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          }),
        ),
      ).catch((error: unknown) => {
        // The window ended and TTL took the counter: nothing to give back.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }),
    ),
  );
}
