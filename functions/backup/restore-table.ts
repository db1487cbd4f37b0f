/**
 * The table a restore writes into: made from the one table definition (shared/table/definition.ts,
 * the same keys and indexes as the school's table in AWS and locally), written with
 * BatchWriteItem, and — for the drill's scratch table — deleted afterwards.
 *
 * What a new table does not get here: TTL, point-in-time recovery, deletion protection and tags,
 * which the stack sets on the school's table. A restored table that is to serve the school gets
 * them as docs/backups.md says.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type CreateTableCommandInput,
  type TableDescription,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition, type TableDefinition } from '#shared/table/definition.ts';
import { createTableRequest } from '#shared/table/create-table-request.ts';
import { dynamo } from '#functions/lib/dynamo-client.ts';
import type { TableItem } from './item-codec.ts';

/** The CreateTable request of the table definition (shared/table/create-table-request.ts). */
export function tableInputOf(tableName: string, definition: TableDefinition = tableDefinition): CreateTableCommandInput {
  return createTableRequest(tableName, definition);
}

export async function describeTable(tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await dynamo.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Creates the table from the definition if there is none; waits until it and its indexes are ACTIVE. */
export async function ensureTable(tableName: string, timeoutMs = 10 * 60_000): Promise<{ created: boolean }> {
  let created = false;
  if (!(await describeTable(tableName))) {
    try {
      await dynamo.send(new CreateTableCommand(tableInputOf(tableName)));
      created = true;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
  }
  const deadline = Date.now() + timeoutMs;
  // Locally a table is ACTIVE at once; DynamoDB takes seconds to minutes (its indexes too).
  for (let delay = 25; ; delay = Math.min(delay * 2, 2000)) {
    const table = await describeTable(tableName);
    const active = table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (active) return { created };
    if (Date.now() > deadline) throw new Error(`table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await sleep(delay);
  }
}

/** Deletes the table and waits until it is gone (a table of the same name can then be made again). */
export async function deleteTable(tableName: string, timeoutMs = 5 * 60_000): Promise<void> {
  try {
    await dynamo.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return;
    throw error;
  }
  const deadline = Date.now() + timeoutMs;
  for (let delay = 25; (await describeTable(tableName)) !== undefined; delay = Math.min(delay * 2, 2000)) {
    if (Date.now() > deadline) throw new Error(`table ${tableName} was not deleted within ${timeoutMs} ms`);
    await sleep(delay);
  }
}

const BATCH = 25;
const MAX_ROUNDS = 12;
const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'InternalServerError']);

/**
 * Puts items with BatchWriteItem, 25 a call, `concurrency` calls in flight. Items DynamoDB leaves
 * unprocessed (throttling of a new table) and throttled calls are retried with exponential
 * backoff and jitter; after 12 rounds without progress the restore fails rather than lose items.
 */
export async function putItems(tableName: string, items: readonly TableItem[], concurrency: number): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH).map((Item) => ({ PutRequest: { Item } })));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await writeBatch(tableName, batch);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

async function writeBatch(tableName: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) throw new Error(`${pending.length} items of ${tableName} stayed unprocessed after ${MAX_ROUNDS} attempts`);
    if (round > 0) await sleep(Math.min(50 * 2 ** round, 5_000) * (0.5 + Math.random() / 2));
    try {
      const out = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = out.UnprocessedItems?.[tableName] ?? [];
    } catch (error) {
      if (!THROTTLED.has((error as { name?: string }).name ?? '')) throw error;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
