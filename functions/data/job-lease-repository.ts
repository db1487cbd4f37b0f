import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/**
 * A scheduled job's lease: work that must happen in order (the fan-out of changes, oldest first)
 * is done by one run at a time. A run that dies lets the lease lapse; the next run takes it.
 */
export async function takeLease(job: string, now: Date, forMs: number): Promise<{ release: () => Promise<void> } | null> {
  const holder = randomUUID();
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.jobLease(job),
        UpdateExpression: 'SET leaseUntil = :until, holder = :holder, #type = :type',
        ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':until': now.getTime() + forMs, ':holder': holder, ':now': now.getTime(), ':type': 'JobLease' },
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return null;
    throw error;
  }
  return {
    release: async () => {
      try {
        await documentClient.send(
          new UpdateCommand({
            TableName: tableName(),
            Key: keys.jobLease(job),
            UpdateExpression: 'REMOVE leaseUntil, holder',
            ConditionExpression: 'holder = :holder',
            ExpressionAttributeValues: { ':holder': holder },
          }),
        );
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    },
  };
}
