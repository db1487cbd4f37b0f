/**
 * Two items that are only ever written together (same version, index sort key following the
 * version) plus one log item per transaction: any state where they disagree is half a
 * transaction. Used by the crash-safety cases.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { gsi1pk, PAIR_TABLE, pk, sortKey } from './pair-transaction.ts';

export { bumpPair, PAIR_TABLE } from './pair-transaction.ts';

export async function seedPair(doc: DynamoDBDocumentClient): Promise<void> {
  for (const sk of ['left', 'right']) {
    await doc.send(new PutCommand({ TableName: PAIR_TABLE, Item: { pk, sk, version: 0, gsi1pk, gsi1sk: sortKey(0) } }));
  }
}

export type PairState = { left: number; right: number; logs: number[]; indexed: string[] };

export async function readPair(doc: DynamoDBDocumentClient): Promise<PairState> {
  const version = async (sk: string) =>
    (await doc.send(new GetCommand({ TableName: PAIR_TABLE, Key: { pk, sk }, ConsistentRead: true }))).Item?.version as number;
  const logs = await doc.send(
    new QueryCommand({
      TableName: PAIR_TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :log)',
      ExpressionAttributeValues: { ':pk': pk, ':log': 'log-' },
    }),
  );
  const index = await doc.send(
    new QueryCommand({ TableName: PAIR_TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } }),
  );
  return {
    left: await version('left'),
    right: await version('right'),
    logs: (logs.Items ?? []).map((item) => item.version as number),
    indexed: (index.Items ?? []).map((item) => `${item.sk}@${item.gsi1sk}`).sort(),
  };
}

/** What a consistent pair at `version` looks like. */
export function consistentPair(version: number): PairState {
  return {
    left: version,
    right: version,
    logs: Array.from({ length: version }, (_, i) => i + 1),
    indexed: [`left@${sortKey(version)}`, `right@${sortKey(version)}`],
  };
}
