/**
 * The local engine's opt-in modes (docs/local-dynamodb.md), local only: real DynamoDB cannot be
 * made to conflict or lag on demand.
 *
 * - `conflicts: true`: a transaction overlapping one in flight is cancelled with a
 *   TransactionConflict reason, a single-item write on its items fails with
 *   TransactionConflictException — checked through the real SDK clients and on the wire.
 * - `indexLagMs`: Query/Scan on a GSI see the table as it was that long ago; GetItem and table
 *   queries stay fresh. A test clock makes "before" and "after" the lag exact.
 */
import {
  DynamoDBClient,
  TransactionCanceledException,
  TransactionConflictException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#infra/local/dynamo/create-table.ts';
import { IndexLag } from '#infra/local/dynamo/index-lag.ts';
import { dynamoModesFromEnv, resolveDynamoModes } from '#infra/local/dynamo/modes.ts';
import { startLocalDynamo, type LocalDynamo, type LocalDynamoOptions } from '#infra/local/dynamo/server.ts';
import type { FaultHook } from '#infra/local/dynamo/transact-write.ts';
import { startTestStack } from '../support/local-stack.ts';
import { failure, isLocal, localClient, uniquePk } from './harness.ts';

const TABLE = 'klassny';
const CONFLICT_MESSAGE = 'Transaction is ongoing for the item';

/** Holds the next transaction at its commit until released: a transaction in flight, on demand. */
function commitGate() {
  let next: { reached: () => void; released: Promise<void> } | undefined;
  const hook: FaultHook = async (point) => {
    if (point !== 'before-commit' || !next) return;
    const held = next;
    next = undefined;
    held.reached();
    await held.released;
  };
  return {
    hook,
    /** Arms the gate; `reached` resolves once a transaction waits at it. */
    hold() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      next = { reached, released: new Promise<void>((resolve) => (release = resolve)) };
      return { reached: reachedPromise, release };
    },
  };
}

type Front = { local: LocalDynamo; client: DynamoDBClient; doc: DynamoDBDocumentClient; close(): Promise<void> };

async function openFront(options: LocalDynamoOptions): Promise<Front> {
  const local = await startLocalDynamo(options);
  const client = localClient(local.endpoint);
  await ensureTable(client, TABLE);
  return {
    local,
    client,
    doc: DynamoDBDocumentClient.from(client),
    async close() {
      client.destroy();
      await local.close();
    },
  };
}

/** A version-checked bump of one item, as the functions' optimistic updates do. */
const bump = (pk: string, sk: string, from: number) => ({
  Update: {
    TableName: TABLE,
    Key: { pk, sk },
    UpdateExpression: 'SET version = :next',
    ConditionExpression: 'version = :current',
    ExpressionAttributeValues: { ':next': from + 1, ':current': from },
  },
});

/** Settles to 'ok' or to the error, so a pending request can be raced without rejections going unhandled. */
const outcome = (promise: Promise<unknown>): Promise<'ok' | (Error & Record<string, unknown>)> =>
  promise.then(
    () => 'ok' as const,
    (err: unknown) => err as Error & Record<string, unknown>,
  );

describe.skipIf(!isLocal)('conflict mode (conflicts: true)', () => {
  const gate = commitGate();
  let front: Front;
  const get = async (pk: string, sk: string) => (await front.doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk } }))).Item;

  beforeAll(async () => {
    front = await openFront({ conflicts: true, faultHook: gate.hook });
  });
  afterAll(async () => {
    await front?.close();
  });

  it('cancels a transaction that overlaps one in flight: TransactionConflict at the shared item, None elsewhere', async () => {
    const pk = uniquePk('tx-conflict');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 0 } }));

    const held = gate.hold();
    const first = front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0), { Put: { TableName: TABLE, Item: { pk, sk: 'log-1' } } }] }));
    await held.reached;

    // The document client (lib-dynamodb), as the functions use it.
    const second = await failure(
      front.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: { pk, sk: 'log-2' } } }, bump(pk, 'doc', 0)] })),
    );
    expect(second).toBeInstanceOf(TransactionCanceledException);
    expect(second.name).toBe('TransactionCanceledException');
    expect(second.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]');
    expect(second.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE }]);
    expect((second.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(400);

    // The plain client (client-dynamodb), the conflicting item first; a ConditionCheck counts too.
    const third = await failure(
      front.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { ConditionCheck: { TableName: TABLE, Key: { pk: { S: pk }, sk: { S: 'doc' } }, ConditionExpression: 'attribute_exists(pk)' } },
            { Put: { TableName: TABLE, Item: { pk: { S: pk }, sk: { S: 'log-3' } } } },
          ],
        }),
      ),
    );
    expect(third).toBeInstanceOf(TransactionCanceledException);
    expect((third as unknown as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE },
      { Code: 'None' },
    ]);

    held.release();
    await first;
    expect(await get(pk, 'doc')).toEqual({ pk, sk: 'doc', version: 1 });
    expect(await get(pk, 'log-1')).toEqual({ pk, sk: 'log-1' });
    expect(await get(pk, 'log-2')).toBeUndefined();
    expect(await get(pk, 'log-3')).toBeUndefined();

    // Once the first has committed, the same transaction is no longer in conflict: it runs (and its condition now fails).
    const late = await failure(front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0)] })));
    expect(late.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
  });

  it('fails PutItem, UpdateItem and DeleteItem on an item of a transaction in flight with TransactionConflictException', async () => {
    const pk = uniquePk('single-conflict');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 0 } }));
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'checked', n: 1 } }));

    const held = gate.hold();
    const transaction = front.doc.send(
      new TransactWriteCommand({
        TransactItems: [bump(pk, 'doc', 0), { ConditionCheck: { TableName: TABLE, Key: { pk, sk: 'checked' }, ConditionExpression: 'n = :one', ExpressionAttributeValues: { ':one': 1 } } }],
      }),
    );
    await held.reached;

    const writes = [
      new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 7 } }),
      new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'doc' }, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': 7 } }),
      new DeleteCommand({ TableName: TABLE, Key: { pk, sk: 'doc' } }),
      new PutCommand({ TableName: TABLE, Item: { pk, sk: 'checked', n: 2 } }),
    ];
    for (const write of writes) {
      const err = await failure(front.doc.send(write as PutCommand));
      expect(err).toBeInstanceOf(TransactionConflictException);
      expect(err.name).toBe('TransactionConflictException');
      expect(err.message).toBe(CONFLICT_MESSAGE);
      expect(err.$fault).toBe('client');
      expect((err.$metadata as { httpStatusCode?: number }).httpStatusCode).toBe(400);
    }

    // On the wire, exactly as DynamoDB answers it.
    const raw = await fetch(front.local.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.DeleteItem' },
      body: JSON.stringify({ TableName: TABLE, Key: { pk: { S: pk }, sk: { S: 'doc' } } }),
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException', message: CONFLICT_MESSAGE });

    // A write on another item is not in conflict: it waits for the lock as before.
    let released = false;
    const unrelated = front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'unrelated' } })).then(() => expect(released).toBe(true));

    released = true;
    held.release();
    await transaction;
    await unrelated;
    expect(await get(pk, 'doc')).toEqual({ pk, sk: 'doc', version: 1 });
    expect(await get(pk, 'checked')).toEqual({ pk, sk: 'checked', n: 1 });

    // Committed: the item is free again.
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 7 } }));
    expect(await get(pk, 'doc')).toEqual({ pk, sk: 'doc', version: 7 });
  });

  it('counts a transaction still waiting for the lock as in flight', async () => {
    const pk = uniquePk('queued-conflict');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a', version: 0 } }));
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'b', version: 0 } }));

    const held = gate.hold();
    const first = front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'a', 0)] }));
    await held.reached;

    // Neither overlaps the held transaction; both touch b. Whichever arrives first queues for the
    // lock (in flight), and the other is cancelled without waiting.
    const racers = [
      outcome(front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'b', 0)] }))),
      outcome(front.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: { pk, sk: 'c' } } }, bump(pk, 'b', 0)] }))),
    ];
    const loser = await Promise.race(racers);
    expect(loser).toBeInstanceOf(TransactionCanceledException);
    held.release();
    await first;
    const results = await Promise.all(racers);
    expect(results.filter((result) => result === 'ok')).toHaveLength(1);
    const cancelled = results.find((result) => result !== 'ok') as Error & { CancellationReasons?: Array<{ Code: string }> };
    expect(cancelled.CancellationReasons?.map((reason) => reason.Code)).toContain('TransactionConflict');
    expect((await get(pk, 'b'))?.version).toBe(1);
  });

  it('cancels a TransactGetItems on an item of a transaction in flight', async () => {
    const pk = uniquePk('get-conflict');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 0 } }));
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'other' } }));

    const held = gate.hold();
    const transaction = front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0)] }));
    await held.reached;
    const err = await failure(
      front.doc.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: TABLE, Key: { pk, sk: 'other' } } }, { Get: { TableName: TABLE, Key: { pk, sk: 'doc' } } }] })),
    );
    expect(err).toBeInstanceOf(TransactionCanceledException);
    expect(err.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'TransactionConflict', Message: CONFLICT_MESSAGE }]);
    held.release();
    await transaction;

    const { Responses } = await front.doc.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: TABLE, Key: { pk, sk: 'doc' } } }] }));
    expect(Responses?.[0]?.Item).toEqual({ pk, sk: 'doc', version: 1 });
  });

  it('answers a retry with a committed ClientRequestToken even while an overlapping transaction is in flight', async () => {
    const pk = uniquePk('token-replay');
    const token = randomUUID();
    const increment = new TransactWriteCommand({
      ClientRequestToken: token,
      TransactItems: [{ Update: { TableName: TABLE, Key: { pk, sk: 'counter' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } }],
    });
    await front.doc.send(increment);

    const held = gate.hold();
    const other = front.doc.send(
      new TransactWriteCommand({ TransactItems: [{ Update: { TableName: TABLE, Key: { pk, sk: 'counter' }, UpdateExpression: 'ADD n :ten', ExpressionAttributeValues: { ':ten': 10 } } }] }),
    );
    await held.reached;
    await front.doc.send(increment); // the retry: answered from its record at once, nothing to conflict with
    held.release();
    await other;
    expect(await get(pk, 'counter')).toEqual({ pk, sk: 'counter', n: 11 });
  });

  it('rejects an invalid request as before, even on an item of a transaction in flight', async () => {
    const pk = uniquePk('invalid-in-flight');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 0 } }));
    const held = gate.hold();
    const transaction = front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0)] }));
    await held.reached;
    const invalid = await failure(
      front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0), { ConditionCheck: { TableName: TABLE, Key: { pk, sk: 'doc' }, ConditionExpression: 'attribute_exists(pk)' } }] })),
    );
    expect(invalid.name).toBe('ValidationException');
    // A single write is validated once it has the lock, as without the mode: it waits, then fails as invalid.
    const badUpdate = outcome(front.doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'doc' }, UpdateExpression: 'SET = oops' })));
    held.release();
    await transaction;
    expect(((await badUpdate) as Error).name).toBe('ValidationException');
  });
});

describe.skipIf(!isLocal)('default mode (no conflicts): writes wait for the transaction in flight', () => {
  const gate = commitGate();
  let front: Front;

  beforeAll(async () => {
    front = await openFront({ faultHook: gate.hook });
  });
  afterAll(async () => {
    await front?.close();
  });

  it('queues an overlapping transaction and a single write behind it: the transaction then fails its condition', async () => {
    const pk = uniquePk('no-conflict');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'doc', version: 0 } }));

    const held = gate.hold();
    const first = front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0)] }));
    await held.reached;
    const second = outcome(front.doc.send(new TransactWriteCommand({ TransactItems: [bump(pk, 'doc', 0)] })));
    let released = false;
    const put = front.doc
      .send(new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'doc' }, UpdateExpression: 'SET touched = :t', ExpressionAttributeValues: { ':t': true } }))
      .then(() => expect(released).toBe(true));
    // Give both time to arrive: they wait instead of failing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    released = true;
    held.release();
    await first;
    await put;
    const err = await second;
    expect(err).toBeInstanceOf(TransactionCanceledException);
    expect((err as unknown as TransactionCanceledException).CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
    const { Item } = await front.doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'doc' } }));
    expect(Item).toEqual({ pk, sk: 'doc', version: 1, touched: true });
  });

  it('shows a GSI write at once', async () => {
    const pk = uniquePk('fresh-index');
    const gsi1pk = uniquePk('fresh-partition');
    await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a', gsi1pk, gsi1sk: '1' } }));
    const { Items } = await front.doc.send(
      new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } }),
    );
    expect(Items?.map((item) => item.sk)).toEqual(['a']);
  });
});

describe.skipIf(!isLocal)('index lag mode (indexLagMs), on a test clock', () => {
  const LAG = 1000;
  let now = 1_000_000;
  const advance = (ms: number) => (now += ms);
  let front: Front;

  beforeAll(async () => {
    front = await openFront({ indexLagMs: LAG, clock: () => now });
  });
  afterAll(async () => {
    await front?.close();
  });

  const put = (item: Record<string, unknown>) => front.doc.send(new PutCommand({ TableName: TABLE, Item: item }));
  const query = async (input: Omit<QueryCommandInput, 'TableName'>) => front.doc.send(new QueryCommand({ TableName: TABLE, ...input }));
  /** The gsi1 partition as `sk:gsi1sk:label`, in index order. */
  const index = async (gsi1pk: string) =>
    (
      await query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } })
    ).Items?.map((item) => `${item.sk}:${item.gsi1sk}:${item.label ?? ''}`);

  it('hides a new item from GSI queries until the lag has passed; GetItem and table queries see it at once', async () => {
    const pk = uniquePk('lag-new');
    const gsi1pk = uniquePk('lag-new-index');
    await put({ pk, sk: 'a', gsi1pk, gsi1sk: '1', label: 'x' });

    expect(await index(gsi1pk)).toEqual([]);
    for (const ConsistentRead of [false, true]) {
      const { Item } = await front.doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'a' }, ConsistentRead }));
      expect(Item).toEqual({ pk, sk: 'a', gsi1pk, gsi1sk: '1', label: 'x' });
    }
    const table = await query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
    expect(table.Items?.map((item) => item.sk)).toEqual(['a']);

    advance(LAG - 1);
    expect(await index(gsi1pk)).toEqual([]);
    advance(1);
    expect(await index(gsi1pk)).toEqual(['a:1:x']);
  });

  it('shows an updated item as it was before the update until the lag has passed', async () => {
    const pk = uniquePk('lag-update');
    const gsi1pk = uniquePk('lag-update-index');
    await put({ pk, sk: 'a', gsi1pk, gsi1sk: '1', label: 'old' });
    advance(LAG);

    await front.doc.send(
      new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'a' }, UpdateExpression: 'SET gsi1sk = :s, label = :l', ExpressionAttributeValues: { ':s': '2', ':l': 'new' } }),
    );
    expect(await index(gsi1pk)).toEqual(['a:1:old']);
    const bySortKey = async (gsi1sk: string) =>
      (
        await query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g AND gsi1sk = :s', ExpressionAttributeValues: { ':g': gsi1pk, ':s': gsi1sk } })
      ).Items?.map((item) => item.label);
    expect(await bySortKey('1')).toEqual(['old']);
    expect(await bySortKey('2')).toEqual([]);
    expect((await front.doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'a' } }))).Item?.label).toBe('new');

    advance(LAG);
    expect(await index(gsi1pk)).toEqual(['a:2:new']);
    expect(await bySortKey('1')).toEqual([]);
  });

  it('keeps an item updated into the index absent, and one updated out of it present, until the lag has passed', async () => {
    const pk = uniquePk('lag-move');
    const gsi1pk = uniquePk('lag-move-index');
    await put({ pk, sk: 'joining', label: 'j' });
    await put({ pk, sk: 'leaving', gsi1pk, gsi1sk: '2', label: 'l' });
    advance(LAG);

    await front.doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'joining' }, UpdateExpression: 'SET gsi1pk = :g, gsi1sk = :s', ExpressionAttributeValues: { ':g': gsi1pk, ':s': '1' } }));
    await front.doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'leaving' }, UpdateExpression: 'REMOVE gsi1pk' }));
    expect(await index(gsi1pk)).toEqual(['leaving:2:l']);

    advance(LAG);
    expect(await index(gsi1pk)).toEqual(['joining:1:j']);
  });

  it('still shows a deleted item until the lag has passed', async () => {
    const pk = uniquePk('lag-delete');
    const gsi1pk = uniquePk('lag-delete-index');
    await put({ pk, sk: 'a', gsi1pk, gsi1sk: '1', label: 'gone' });
    advance(LAG);

    await front.doc.send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk: 'a' } }));
    expect(await index(gsi1pk)).toEqual(['a:1:gone']);
    expect((await front.doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'a' } }))).Item).toBeUndefined();
    advance(LAG);
    expect(await index(gsi1pk)).toEqual([]);
  });

  it('shows the image from exactly the lag ago when an item changes several times', async () => {
    const pk = uniquePk('lag-several');
    const gsi1pk = uniquePk('lag-several-index');
    await put({ pk, sk: 'a', gsi1pk, gsi1sk: '1', label: 'v1' });
    advance(LAG);
    const relabel = (label: string) =>
      front.doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'a' }, UpdateExpression: 'SET label = :l', ExpressionAttributeValues: { ':l': label } }));
    await relabel('v2');
    advance(LAG / 2);
    await relabel('v3');
    expect(await index(gsi1pk)).toEqual(['a:1:v1']);
    advance(LAG / 2); // v2 is now as old as the lag, v3 younger
    expect(await index(gsi1pk)).toEqual(['a:1:v2']);
    advance(LAG / 2);
    expect(await index(gsi1pk)).toEqual(['a:1:v3']);
  });

  it('lags writes from transactions and BatchWriteItem too', async () => {
    const pk = uniquePk('lag-batch');
    const gsi1pk = uniquePk('lag-batch-index');
    await front.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: { pk, sk: 't', gsi1pk, gsi1sk: '1' } } }] }));
    await front.doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: { pk, sk: 'b', gsi1pk, gsi1sk: '2' } } }] } }));
    expect(await index(gsi1pk)).toEqual([]);
    advance(LAG);
    expect(await index(gsi1pk)).toEqual(['t:1:', 'b:2:']);
  });

  it('applies Limit, pagination, reverse order, COUNT, filters and Scan to the lagged index', async () => {
    const pk = uniquePk('lag-pages');
    const gsi1pk = uniquePk('lag-pages-index');
    for (const n of [1, 2, 3, 4, 5]) await put({ pk, sk: `item-${n}`, gsi1pk, gsi1sk: String(n), label: n % 2 ? 'odd' : 'even' });
    advance(LAG);
    // Now changed: 2 deleted, 4 moved to the front, 6 added; the index still shows 1..5.
    await front.doc.send(new DeleteCommand({ TableName: TABLE, Key: { pk, sk: 'item-2' } }));
    await front.doc.send(new UpdateCommand({ TableName: TABLE, Key: { pk, sk: 'item-4' }, UpdateExpression: 'SET gsi1sk = :s', ExpressionAttributeValues: { ':s': '0' } }));
    await put({ pk, sk: 'item-6', gsi1pk, gsi1sk: '6', label: 'even' });

    const partition = { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } };
    const pages: string[][] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await query({ ...partition, Limit: 2, ExclusiveStartKey });
      pages.push(page.Items!.map((item) => item.gsi1sk as string));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    expect(pages.flat()).toEqual(['1', '2', '3', '4', '5']);
    expect(pages[0]).toEqual(['1', '2']);

    const reversed = await query({ ...partition, ScanIndexForward: false });
    expect(reversed.Items?.map((item) => item.gsi1sk)).toEqual(['5', '4', '3', '2', '1']);
    const counted = await query({ ...partition, Select: 'COUNT' });
    expect(counted.Count).toBe(5);
    const even = await query({ ...partition, FilterExpression: 'label = :even', ExpressionAttributeValues: { ':g': gsi1pk, ':even': 'even' } });
    expect(even.Items?.map((item) => item.sk)).toEqual(['item-2', 'item-4']);
    const range = await query({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :g AND gsi1sk BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':g': gsi1pk, ':lo': '0', ':hi': '2' },
    });
    expect(range.Items?.map((item) => item.gsi1sk)).toEqual(['1', '2']);

    const scanIndex = async () =>
      (
        await front.doc.send(new ScanCommand({ TableName: TABLE, IndexName: 'gsi1', FilterExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } }))
      ).Items?.map((item) => item.gsi1sk as string).sort();
    expect(await scanIndex()).toEqual(['1', '2', '3', '4', '5']);
    // A scan of the table itself is fresh.
    const scanTable = await front.doc.send(new ScanCommand({ TableName: TABLE, FilterExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }));
    expect(scanTable.Items?.map((item) => item.sk as string).sort()).toEqual(['item-1', 'item-3', 'item-4', 'item-5', 'item-6']);

    advance(LAG);
    expect((await query(partition)).Items?.map((item) => item.gsi1sk)).toEqual(['0', '1', '3', '5', '6']);
    expect(await scanIndex()).toEqual(['0', '1', '3', '5', '6']);
  });

  it('keeps memory bounded: changes older than the lag are dropped', () => {
    let clock = 0;
    const lag = new IndexLag(100, () => clock);
    lag.record(Array.from({ length: 5000 }, (_, i) => ({ tableName: TABLE, itemKey: `k${i}`, old: undefined, new: undefined })));
    expect(lag.pending).toBe(5000);
    clock = 50;
    lag.record([{ tableName: TABLE, itemKey: 'late', old: undefined, new: undefined }]);
    expect(lag.pending).toBe(5001);
    clock = 100;
    lag.record([{ tableName: TABLE, itemKey: 'later', old: undefined, new: undefined }]);
    expect(lag.pending).toBe(2);
    clock = 1000;
    lag.record([]);
    expect(lag.pending).toBe(0);
  });
});

describe.skipIf(!isLocal)('index lag mode on the real clock', () => {
  it('shows a new item in a GSI query once the lag has passed, not before', async () => {
    const LAG = 1500;
    const front = await openFront({ indexLagMs: LAG });
    try {
      const pk = uniquePk('lag-real');
      const gsi1pk = uniquePk('lag-real-index');
      const partition = new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } });
      const sent = performance.now();
      await front.doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a', gsi1pk, gsi1sk: '1' } }));
      expect((await front.doc.send(partition)).Items).toEqual([]);
      let seen: number | undefined;
      while (seen === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if ((await front.doc.send(partition)).Items?.length === 1) seen = performance.now();
        if (performance.now() - sent > 10_000) throw new Error('the item never appeared in the index');
      }
      expect(seen - sent).toBeGreaterThanOrEqual(LAG);
    } finally {
      await front.close();
    }
  });
});

describe('mode settings', () => {
  it('reads KLASSNY_DYNAMO_CONFLICTS and KLASSNY_DYNAMO_INDEX_LAG_MS', () => {
    expect(dynamoModesFromEnv({})).toEqual({});
    expect(dynamoModesFromEnv({ KLASSNY_DYNAMO_CONFLICTS: '1', KLASSNY_DYNAMO_INDEX_LAG_MS: '250' })).toEqual({ conflicts: true, indexLagMs: 250 });
    expect(dynamoModesFromEnv({ KLASSNY_DYNAMO_CONFLICTS: '0', KLASSNY_DYNAMO_INDEX_LAG_MS: '' })).toEqual({ conflicts: false });
    expect(() => dynamoModesFromEnv({ KLASSNY_DYNAMO_CONFLICTS: 'maybe' })).toThrow(/KLASSNY_DYNAMO_CONFLICTS/);
    expect(() => dynamoModesFromEnv({ KLASSNY_DYNAMO_INDEX_LAG_MS: '-5' })).toThrow(/KLASSNY_DYNAMO_INDEX_LAG_MS/);
    expect(() => dynamoModesFromEnv({ KLASSNY_DYNAMO_INDEX_LAG_MS: '1.5' })).toThrow(/KLASSNY_DYNAMO_INDEX_LAG_MS/);
  });

  it('is off by default; options given explicitly win over the environment', () => {
    expect(resolveDynamoModes(undefined, {})).toEqual({ conflicts: false, indexLagMs: 0 });
    const env = { KLASSNY_DYNAMO_CONFLICTS: '1', KLASSNY_DYNAMO_INDEX_LAG_MS: '300' };
    expect(resolveDynamoModes(undefined, env)).toEqual({ conflicts: true, indexLagMs: 300 });
    expect(resolveDynamoModes({ conflicts: false, indexLagMs: 0 }, env)).toEqual({ conflicts: false, indexLagMs: 0 });
    expect(resolveDynamoModes({ indexLagMs: 50 }, env)).toEqual({ conflicts: true, indexLagMs: 50 });
  });

  it.skipIf(!isLocal)('reaches the DynamoDB front of the whole local stack (startTestStack → startLocalStack)', async () => {
    const stack = await startTestStack({ seed: false, dynamo: { indexLagMs: 60_000 } });
    const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${stack.port}/dynamodb`, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const doc = DynamoDBDocumentClient.from(client);
      const pk = uniquePk('stack-lag');
      const gsi1pk = uniquePk('stack-lag-index');
      await doc.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'a', gsi1pk, gsi1sk: '1' } }));
      const { Items } = await doc.send(new QueryCommand({ TableName: TABLE, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :g', ExpressionAttributeValues: { ':g': gsi1pk } }));
      expect(Items).toEqual([]);
      expect((await doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'a' } }))).Item?.gsi1sk).toBe('1');
    } finally {
      client.destroy();
      await stack.close();
    }
  });
});
