/**
 * Writing the demo school into the table, chunk by chunk from the item generator (memory stays
 * flat). Three ways, the fastest available:
 * 1. the local DynamoDB front in this same process (found by asking the endpoint its id):
 *    `front.bulkPut`, thousands of items per LevelDB batch, no HTTP, each item serialized once;
 * 2. a local front in another process: the same bulk operation over HTTP (`KlassnyLocal.BulkPutItems`);
 * 3. anything else (real DynamoDB): BatchWriteItem, 25 items per call, a few calls in flight,
 *    unprocessed items retried.
 * Every write is a plain put of a deterministic item, so loading again is idempotent.
 * docs/local-dynamodb.md describes the bulk path.
 */
import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '#shared/table/definition.ts';
import type { StoredItem } from '#functions/data/query.ts';
import { BULK_TARGET, IDENTIFY_TARGET, inProcessFront, type BulkEntry, type DynamoFront } from '#infra/local/dynamo/index.ts';
import { toDynamoJson } from './dynamo-json.ts';

export type LoadOptions = {
  tableName: string;
  client: DynamoDBClient;
  /** The DynamoDB endpoint when it is not AWS's (locally AWS_ENDPOINT_URL_DYNAMODB): the bulk path is tried there. */
  endpoint?: string | undefined;
  /** Force plain BatchWriteItem (e.g. to measure it). */
  mode?: 'auto' | 'batch-write';
  /** Items per bulk call (default 500: small chunks die young, which halves the garbage collector’s work). */
  chunkSize?: number;
  /** BatchWriteItem calls in flight (default 4). */
  concurrency?: number;
};

export type LoadResult = { written: number; via: 'in-process bulk' | 'http bulk' | 'batch-write'; ms: number };

const KEY_ATTRIBUTES = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...tableDefinition.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
];

/** The item's key and index attributes in DynamoDB JSON (all the bulk path needs besides the text). */
function keyAttributes(item: StoredItem): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const { name, type } of KEY_ATTRIBUTES) {
    const v = item[name];
    if (v !== undefined && v !== null) out[name] = { [type]: String(v) };
  }
  return out;
}

export async function loadItems(items: Iterable<StoredItem>, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const chunkSize = options.chunkSize ?? 500;
  const frontId = options.mode !== 'batch-write' && options.endpoint ? await identify(options.endpoint) : undefined;
  const front: DynamoFront | undefined = frontId ? inProcessFront(frontId) : undefined;
  const via: LoadResult['via'] = front ? 'in-process bulk' : frontId ? 'http bulk' : 'batch-write';
  let written = 0;
  let chunk: StoredItem[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const batch = chunk;
    chunk = [];
    if (front) {
      await front.bulkPut(options.tableName, batch.map((item): BulkEntry => ({ item: keyAttributes(item), json: toDynamoJson(item) })));
    } else if (frontId) {
      await httpBulkPut(options.endpoint!, options.tableName, batch.map(toDynamoJson));
    } else {
      const attributes = batch.map((item) => JSON.parse(toDynamoJson(item)) as Record<string, unknown>);
      await batchWrite(options.client, options.tableName, attributes, options.concurrency ?? 4);
    }
    written += batch.length;
  };
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= (via === 'batch-write' ? 2_000 : chunkSize)) await flush();
  }
  await flush();
  return { written, via, ms: Date.now() - started };
}

/** The local front's id, or undefined when the endpoint is not our local front. */
async function identify(endpoint: string): Promise<string | undefined> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': IDENTIFY_TARGET },
      body: '{}',
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { FrontId?: unknown };
    return typeof body.FrontId === 'string' ? body.FrontId : undefined;
  } catch {
    return undefined;
  }
}

async function httpBulkPut(endpoint: string, tableName: string, items: string[]): Promise<void> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': BULK_TARGET },
    body: Buffer.from(`{"TableName":${JSON.stringify(tableName)},"Items":[${items.join(',')}]}`, 'utf8'),
  });
  if (!res.ok) throw new Error(`bulk load failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
}

async function batchWrite(client: DynamoDBClient, tableName: string, items: Record<string, unknown>[], concurrency: number): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25) {
    batches.push(items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item: Item as NonNullable<WriteRequest['PutRequest']>['Item'] } })));
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!;
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`BatchWriteItem: ${requests.length} items still unprocessed`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = out.UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
