/** The pair's keys and its one transaction (see pair.ts), free of SDK imports for the crash child. */
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';

export const PAIR_TABLE = 'klassny';
export const pk = 'pair';
export const gsi1pk = 'pair-index';
export const sortKey = (version: number) => String(version).padStart(6, '0');

/**
 * Moves both items from version - 1 to version, logging the step. Low-level attribute values,
 * so the crash child can send it as plain JSON without loading the SDK.
 */
export function bumpPair(tableName: string, version: number): TransactWriteItem[] {
  const bump = (sk: string): TransactWriteItem => ({
    Update: {
      TableName: tableName,
      Key: { pk: { S: pk }, sk: { S: sk } },
      UpdateExpression: 'SET version = :next, gsi1sk = :sort',
      ConditionExpression: 'version = :current',
      ExpressionAttributeValues: {
        ':next': { N: String(version) },
        ':current': { N: String(version - 1) },
        ':sort': { S: sortKey(version) },
      },
    },
  });
  const log: TransactWriteItem = {
    Put: { TableName: tableName, Item: { pk: { S: pk }, sk: { S: `log-${sortKey(version)}` }, version: { N: String(version) } } },
  };
  return [bump('left'), log, bump('right')];
}
