import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_TARGET, IDENTIFY_TARGET, ensureTable, inProcessFront, startLocalDynamo, type LocalDynamo } from '#infra/local/dynamo/index.ts';
import { loadItems } from '#infra/local/seed/demo-school/load.ts';
import { toDynamoJson } from '#infra/local/seed/demo-school/dynamo-json.ts';

/** The local bulk path (docs/local-dynamodb.md) stores exactly what PutItem stores, indexes included. */
let local: LocalDynamo;
let client: DynamoDBClient;
let dataDir: string;
const TABLE = 'klassny';

const lesson = (n: number, extra: Record<string, unknown> = {}) => ({
  pk: 'JOURNAL#c-2026-05-А#sub-1',
  sk: `2026-11-${String(n).padStart(2, '0')}#02#L`,
  gsi2pk: 'TEACHER#p-1',
  gsi2sk: `2026-11-${String(n).padStart(2, '0')}#02#lesson-${n}`,
  gsi3pk: 'CLASS#c-2026-05-А',
  gsi3sk: `2026-11-${String(n).padStart(2, '0')}#02#c-2026-05-А`,
  type: 'Lesson',
  topic: `Тема урока ${n}`,
  materials: [],
  isDistance: false,
  homework: { text: 'Упр. 5, с. 12' },
  version: 1,
  ...extra,
});

async function post(target: string, body: unknown) {
  const res = await fetch(local.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const query = async (index: string, pkName: string, pk: string) =>
  (await client.send(new QueryCommand({ TableName: TABLE, IndexName: index, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': pkName }, ExpressionAttributeValues: { ':p': { S: pk } } }))).Items ?? [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'klassny-bulk-'));
  local = await startLocalDynamo({ dataDir });
  client = new DynamoDBClient({ endpoint: local.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, TABLE);
});
afterAll(async () => {
  client?.destroy();
  await local?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local bulk path', () => {
  it('finds the front in this process by the id it answers over HTTP', async () => {
    const { status, body } = await post(IDENTIFY_TARGET, {});
    expect(status).toBe(200);
    expect(inProcessFront(String(body.FrontId))).toBeDefined();
    expect(inProcessFront('someone-else')).toBeUndefined();
  });

  it('stores items and index entries exactly as PutItem does', async () => {
    const front = inProcessFront(String((await post(IDENTIFY_TARGET, {})).body.FrontId))!;
    const viaPut = lesson(1, { duePk: 'UNFILLED', dueAt: '2026-11-03#x' });
    const viaBulk = lesson(2, { duePk: 'UNFILLED', dueAt: '2026-11-04#x' });
    await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(viaPut) }));
    await front.bulkPut(TABLE, [{ item: JSON.parse(toDynamoJson(viaBulk)) }]);
    const read = async (sk: string) => unmarshall((await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: viaPut.pk }, sk: { S: sk } } }))).Item!);
    expect(await read(viaBulk.sk)).toEqual(viaBulk);
    expect(await read(viaPut.sk)).toEqual(viaPut);
    for (const [index, name, value] of [['gsi2', 'gsi2pk', 'TEACHER#p-1'], ['gsi3', 'gsi3pk', 'CLASS#c-2026-05-А'], ['due', 'duePk', 'UNFILLED']] as const) {
      expect((await query(index, name, value)).map((i) => i.sk!.S)).toEqual([viaPut.sk, viaBulk.sk]);
    }
  });

  it('replaces an item like PutItem: stale index entries go (a filled lesson leaves the due index)', async () => {
    const front = inProcessFront(String((await post(IDENTIFY_TARGET, {})).body.FrontId))!;
    await front.bulkPut(TABLE, [{ item: marshall(lesson(2, { status: 'conducted' })) as never }]);
    expect((await query('due', 'duePk', 'UNFILLED')).map((i) => i.sk!.S)).toEqual([lesson(1).sk]);
    const [entry] = await query('gsi2', 'gsi2pk', 'TEACHER#p-1').then((items) => items.filter((i) => i.sk!.S === lesson(2).sk));
    expect(unmarshall(entry!).status).toBe('conducted');
  });

  it('accepts the text of an item next to its key attributes only', async () => {
    const front = inProcessFront(String((await post(IDENTIFY_TARGET, {})).body.FrontId))!;
    const item = lesson(3);
    await front.bulkPut(TABLE, [{ item: { pk: { S: item.pk }, sk: { S: item.sk }, gsi2pk: { S: item.gsi2pk }, gsi2sk: { S: item.gsi2sk }, gsi3pk: { S: item.gsi3pk }, gsi3sk: { S: item.gsi3sk } }, json: toDynamoJson(item) }]);
    const found = (await query('gsi3', 'gsi3pk', 'CLASS#c-2026-05-А')).find((i) => i.sk!.S === item.sk)!;
    expect(unmarshall(found)).toEqual(item);
  });

  it('works over HTTP too, and refuses what PutItem would refuse', async () => {
    const ok = await post(BULK_TARGET, { TableName: TABLE, Items: [marshall(lesson(4)), marshall(lesson(5))] });
    expect(ok).toEqual({ status: 200, body: { Written: 2 } });
    const missingKey = await post(BULK_TARGET, { TableName: TABLE, Items: [{ pk: { S: 'x' } }] });
    expect(missingKey.status).toBe(400);
    expect(String(missingKey.body.__type)).toMatch(/ValidationException/);
    const duplicate = await post(BULK_TARGET, { TableName: TABLE, Items: [marshall(lesson(6)), marshall(lesson(6))] });
    expect(String(duplicate.body.__type)).toMatch(/ValidationException/);
    const noTable = await post(BULK_TARGET, { TableName: 'nope', Items: [marshall(lesson(7))] });
    expect(String(noTable.body.__type)).toMatch(/ResourceNotFoundException/);
    const scan = await client.send(new ScanCommand({ TableName: TABLE }));
    expect(scan.Items!.map((i) => i.sk!.S).sort()).toEqual([1, 2, 3, 4, 5].map((n) => lesson(n).sk));
  });

  it('loadItems takes the in-process path here and BatchWriteItem on request, with the same result', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ pk: `LOAD#${i % 3}`, sk: `ITEM#${String(i).padStart(3, '0')}`, type: 'Test', n: i, text: 'проверка', list: ['а', 'б'], nested: { ok: true, none: undefined } }));
    const bulk = await loadItems(items, { tableName: TABLE, client, endpoint: local.endpoint, chunkSize: 25 });
    expect(bulk).toMatchObject({ written: 60, via: 'in-process bulk' });
    const viaBatch = items.map((i) => ({ ...i, pk: i.pk.replace('LOAD', 'BATCH') }));
    const batch = await loadItems(viaBatch, { tableName: TABLE, client, endpoint: local.endpoint, mode: 'batch-write' });
    expect(batch).toMatchObject({ written: 60, via: 'batch-write' });
    const read = async (pk: string) =>
      ((await client.send(new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: pk } } }))).Items ?? []).map((i) => {
        const { pk: _pk, ...rest } = unmarshall(i);
        return rest;
      });
    for (const n of [0, 1, 2]) expect(await read(`LOAD#${n}`)).toEqual(await read(`BATCH#${n}`));
    expect((await read('LOAD#0'))[0]).toEqual({ sk: 'ITEM#000', type: 'Test', n: 0, text: 'проверка', list: ['а', 'б'], nested: { ok: true } });
  });
});
