/**
 * TransactWriteItems / TransactGetItems semantics, written against the plain AWS SDK so the
 * same cases run against the local stand-in (default) and real DynamoDB (DYNAMODB_ENDPOINT).
 */
import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactGetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, eventually, isLocal, openTarget, setupTimeoutMs, uniquePk, type Target } from './harness.ts';

let target: Target;
let table: string;

beforeAll(async () => {
  target = await openTarget();
  table = target.tableName;
}, setupTimeoutMs);

afterAll(async () => {
  await target?.close();
}, setupTimeoutMs);

const get = async (pk: string, sk: string) =>
  (await target.doc.send(new GetCommand({ TableName: table, Key: { pk, sk }, ConsistentRead: true }))).Item;
const put = (item: Record<string, unknown>) => target.doc.send(new PutCommand({ TableName: table, Item: item }));

describe('TransactWriteItems', () => {
  it('applies put, update, delete and condition check together', async () => {
    const pk = uniquePk('multi');
    await put({ pk, sk: 'update', n: 1 });
    await put({ pk, sk: 'delete', n: 1 });
    await put({ pk, sk: 'check', n: 1 });

    await target.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk, sk: 'put', n: 7 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Update: {
              TableName: table,
              Key: { pk, sk: 'update' },
              UpdateExpression: 'SET label = :l ADD n :one',
              ConditionExpression: 'n = :n',
              ExpressionAttributeValues: { ':l': 'done', ':one': 1, ':n': 1 },
            },
          },
          { Delete: { TableName: table, Key: { pk, sk: 'delete' }, ConditionExpression: 'attribute_exists(pk)' } },
          { ConditionCheck: { TableName: table, Key: { pk, sk: 'check' }, ConditionExpression: 'n = :n', ExpressionAttributeValues: { ':n': 1 } } },
        ],
      }),
    );

    expect(await get(pk, 'put')).toEqual({ pk, sk: 'put', n: 7 });
    expect(await get(pk, 'update')).toEqual({ pk, sk: 'update', n: 2, label: 'done' });
    expect(await get(pk, 'delete')).toBeUndefined();
    expect(await get(pk, 'check')).toEqual({ pk, sk: 'check', n: 1 });
  });

  it('writes nothing when one condition fails, and reports reasons in request order', async () => {
    const pk = uniquePk('cancel');
    await put({ pk, sk: 'versioned', version: 2 });
    await put({ pk, sk: 'doomed', n: 1 });

    const err = await failure(
      target.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk, sk: 'new', n: 1 } } },
            {
              Update: {
                TableName: table,
                Key: { pk, sk: 'versioned' },
                UpdateExpression: 'SET version = :next',
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':next': 2, ':expected': 1 },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Delete: { TableName: table, Key: { pk, sk: 'doomed' } } },
          ],
        }),
      ),
    );

    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]',
    );
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { pk: { S: pk }, sk: { S: 'versioned' }, version: { N: '2' } },
      },
      { Code: 'None' },
    ]);
    expect(await get(pk, 'new')).toBeUndefined();
    expect(await get(pk, 'versioned')).toEqual({ pk, sk: 'versioned', version: 2 });
    expect(await get(pk, 'doomed')).toEqual({ pk, sk: 'doomed', n: 1 });
  });

  it('reports every failed condition, and no item without ALL_OLD', async () => {
    const pk = uniquePk('two-failures');
    await put({ pk, sk: 'a', n: 1 });
    const err = await failure(
      target.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: table, Key: { pk, sk: 'a' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: table, Item: { pk, sk: 'b' } } },
            { ConditionCheck: { TableName: table, Key: { pk, sk: 'missing' }, ConditionExpression: 'attribute_exists(pk)' } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await get(pk, 'b')).toBeUndefined();
  });

  it('cancels with a ValidationError reason when an update cannot apply to the stored item', async () => {
    const pk = uniquePk('runtime-validation');
    await put({ pk, sk: 'text', n: 'not a number' });
    const err = await failure(
      target.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk, sk: 'other' } } },
            { Update: { TableName: table, Key: { pk, sk: 'text' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('TransactionCanceledException');
    const reasons = err.CancellationReasons as Array<{ Code: string; Message?: string }>;
    expect(reasons.map((reason) => reason.Code)).toEqual(['None', 'ValidationError']);
    expect(reasons[1]!.Message).toMatch(/incorrect data type/);
    expect(await get(pk, 'other')).toBeUndefined();
  });

  it('rejects a malformed expression as a ValidationException', async () => {
    const pk = uniquePk('bad-expression');
    const err = await failure(
      target.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk, sk: 'a' } } },
            { Update: { TableName: table, Key: { pk, sk: 'b' }, UpdateExpression: 'SET = oops' } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/Invalid UpdateExpression/);
    expect(await get(pk, 'a')).toBeUndefined();
  });

  it('rejects two operations on one item', async () => {
    const pk = uniquePk('same-item');
    const err = await failure(
      target.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk, sk: 'a', n: 1 } } },
            { ConditionCheck: { TableName: table, Key: { pk, sk: 'a' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
    expect(await get(pk, 'a')).toBeUndefined();
  });

  it('rejects more than 100 operations, and none', async () => {
    const pk = uniquePk('too-many');
    const puts = Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: table, Item: { pk, sk: `item-${i}` } } }));
    const tooMany = await failure(target.doc.send(new TransactWriteCommand({ TransactItems: puts })));
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toMatch(/transactItems.*length less than or equal to 100/);
    expect(await get(pk, 'item-0')).toBeUndefined();

    const none = await failure(target.client.send(new TransactWriteItemsCommand({ TransactItems: [] })));
    expect(none.name).toBe('ValidationException');
  });

  it('accepts exactly 100 operations', async () => {
    const pk = uniquePk('hundred');
    const puts = Array.from({ length: 100 }, (_, i) => ({ Put: { TableName: table, Item: { pk, sk: `item-${i}` } } }));
    await target.doc.send(new TransactWriteCommand({ TransactItems: puts }));
    const { Count } = await target.doc.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Select: 'COUNT' }),
    );
    expect(Count).toBe(100);
  });

  it('fails on a missing table with ResourceNotFoundException', async () => {
    const err = await failure(
      target.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: `${table}-missing`, Item: { pk: 'x', sk: 'y' } } }] })),
    );
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('applies a ClientRequestToken retry once, and rejects the token with another request', async () => {
    const pk = uniquePk('token');
    const token = randomUUID();
    const increment = (by: number): TransactWriteItem[] => [
      {
        Update: {
          TableName: table,
          Key: { pk: { S: pk }, sk: { S: 'counter' } },
          UpdateExpression: 'ADD #c :by',
          ExpressionAttributeNames: { '#c': 'counter' },
          ExpressionAttributeValues: { ':by': { N: String(by) } },
        },
      },
    ];
    await target.client.send(new TransactWriteItemsCommand({ TransactItems: increment(1), ClientRequestToken: token }));
    await target.client.send(new TransactWriteItemsCommand({ TransactItems: increment(1), ClientRequestToken: token }));
    expect(await get(pk, 'counter')).toEqual({ pk, sk: 'counter', counter: 1 });

    const mismatch = await failure(
      target.client.send(new TransactWriteItemsCommand({ TransactItems: increment(2), ClientRequestToken: token })),
    );
    expect(mismatch.name).toBe('IdempotentParameterMismatchException');
    expect(await get(pk, 'counter')).toEqual({ pk, sk: 'counter', counter: 1 });

    // A new token is a new request.
    await target.client.send(new TransactWriteItemsCommand({ TransactItems: increment(1), ClientRequestToken: randomUUID() }));
    expect(await get(pk, 'counter')).toEqual({ pk, sk: 'counter', counter: 2 });
  });

  it('keeps GSI entries in step with transactional puts, updates and deletes', async () => {
    const pk = uniquePk('gsi');
    const gsi1pk = uniquePk('gsi-partition');
    const queryIndex = async () =>
      (
        await target.doc.send(
          new QueryCommand({
            TableName: table,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :g',
            ExpressionAttributeValues: { ':g': gsi1pk },
          }),
        )
      ).Items?.map((item) => `${item.sk}:${item.gsi1sk}`);

    await target.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk, sk: 'a', gsi1pk, gsi1sk: '1' } } },
          { Put: { TableName: table, Item: { pk, sk: 'b', gsi1pk, gsi1sk: '2' } } },
        ],
      }),
    );
    await eventually(async () => expect(await queryIndex()).toEqual(['a:1', 'b:2']));

    await target.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName: table, Key: { pk, sk: 'a' }, UpdateExpression: 'SET gsi1sk = :s', ExpressionAttributeValues: { ':s': '3' } } },
          { Delete: { TableName: table, Key: { pk, sk: 'b' } } },
        ],
      }),
    );
    await eventually(async () => expect(await queryIndex()).toEqual(['a:3']));
  });

  it('lets exactly one of racing transactions with the same version condition win', async () => {
    const pk = uniquePk('race');
    await put({ pk, sk: 'doc', version: 0 });
    const racers = 12;
    const outcomes = await Promise.allSettled(
      Array.from({ length: racers }, (_, i) =>
        target.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: { pk, sk: 'doc' },
                  UpdateExpression: 'SET version = :next, winner = :me',
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':next': 1, ':expected': 0, ':me': i },
                },
              },
              { Put: { TableName: table, Item: { pk, sk: `log-${i}` } } },
            ],
          }),
        ),
      ),
    );
    const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        const err = outcome.reason as Error & { CancellationReasons?: Array<{ Code: string }> };
        expect(err.name).toBe('TransactionCanceledException');
        // Real DynamoDB may report a concurrent loser as TransactionConflict instead.
        expect(['ConditionalCheckFailed', 'TransactionConflict']).toContain(err.CancellationReasons?.[0]?.Code);
      }
    }
    const winner = winners[0]!;
    expect(await get(pk, 'doc')).toEqual({ pk, sk: 'doc', version: 1, winner });
    const logs = await target.doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :log)',
        ExpressionAttributeValues: { ':pk': pk, ':log': 'log-' },
        ConsistentRead: true,
      }),
    );
    expect(logs.Items?.map((item) => item.sk)).toEqual([`log-${winner}`]);
  });

  it('never shows a reader half of a transaction', async () => {
    const pk = uniquePk('isolation');
    await target.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk, sk: 'left', version: 0 } } },
          { Put: { TableName: table, Item: { pk, sk: 'right', version: 0 } } },
        ],
      }),
    );
    const rounds = isLocal ? 60 : 30;
    let writing = true;

    const writer = async (id: number) => {
      for (let i = 0; i < rounds / 3; i++) {
        const left = await get(pk, 'left');
        const version = left!.version as number;
        const bump = (sk: string) => ({
          Update: {
            TableName: table,
            Key: { pk, sk },
            UpdateExpression: 'SET version = :next, writer = :id',
            ConditionExpression: 'version = :current',
            ExpressionAttributeValues: { ':next': version + 1, ':current': version, ':id': id },
          },
        });
        await target.doc.send(new TransactWriteCommand({ TransactItems: [bump('left'), bump('right')] })).catch((err: Error) => {
          if (err.name !== 'TransactionCanceledException') throw err;
        });
      }
    };

    const observed: string[] = [];
    const reader = async () => {
      while (writing) {
        try {
          const { Responses } = await target.doc.send(
            new TransactGetCommand({
              TransactItems: [{ Get: { TableName: table, Key: { pk, sk: 'left' } } }, { Get: { TableName: table, Key: { pk, sk: 'right' } } }],
            }),
          );
          observed.push(`${Responses?.[0]?.Item?.version}=${Responses?.[1]?.Item?.version}`);
        } catch (err) {
          // Real DynamoDB cancels a TransactGetItems that collides with a write; that is not a torn read.
          if ((err as Error).name !== 'TransactionCanceledException') throw err;
        }
        if (isLocal) {
          // Locally even plain multi-item reads are isolated from transactions (shared lock).
          const query = await target.doc.send(
            new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
          );
          observed.push(query.Items!.map((item) => item.version).join('='));
        }
      }
    };

    const reading = reader();
    try {
      await Promise.all([writer(1), writer(2), writer(3)]);
    } finally {
      writing = false;
      await reading;
    }

    expect(observed.length).toBeGreaterThan(0);
    const torn = observed.filter((pair) => {
      const [left, right] = pair.split('=');
      return left !== right;
    });
    expect(torn).toEqual([]);
    const left = await get(pk, 'left');
    const right = await get(pk, 'right');
    expect(left!.version).toBe(right!.version);
    expect(left!.version as number).toBeGreaterThan(0);
  }, 30_000);
});

describe('TransactGetItems', () => {
  it('returns items in request order, with an empty entry for a missing item', async () => {
    const pk = uniquePk('get');
    await put({ pk, sk: 'b', n: 2 });
    await put({ pk, sk: 'a', n: 1 });
    const { Responses } = await target.doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: table, Key: { pk, sk: 'b' } } },
          { Get: { TableName: table, Key: { pk, sk: 'missing' } } },
          { Get: { TableName: table, Key: { pk, sk: 'a' }, ProjectionExpression: 'sk, #n', ExpressionAttributeNames: { '#n': 'n' } } },
        ],
      }),
    );
    expect(Responses).toHaveLength(3);
    expect(Responses![0]!.Item).toEqual({ pk, sk: 'b', n: 2 });
    expect(Responses![1]!.Item).toBeUndefined();
    expect(Responses![2]!.Item).toEqual({ sk: 'a', n: 1 });
  });

  it('rejects more than 100 gets', async () => {
    const pk = uniquePk('get-many');
    const gets = Array.from({ length: 101 }, (_, i) => ({ Get: { TableName: table, Key: { pk, sk: `item-${i}` } } }));
    const err = await failure(target.doc.send(new TransactGetCommand({ TransactItems: gets })));
    expect(err.name).toBe('ValidationException');
  });
});

describe('plain operations', () => {
  it('fails a conditional put with ConditionalCheckFailedException, returning the item on request', async () => {
    const pk = uniquePk('conditional');
    await put({ pk, sk: 'a', n: 1 });
    const err = await failure(
      target.doc.send(new PutCommand({ TableName: table, Item: { pk, sk: 'a', n: 2 }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
    expect(err.name).toBe('ConditionalCheckFailedException');
    expect(err.Item).toBeUndefined();

    const withItem = await failure(
      target.doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk, sk: 'a' },
          UpdateExpression: 'SET n = :two',
          ConditionExpression: 'n = :zero',
          ExpressionAttributeValues: { ':two': 2, ':zero': 0 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(withItem.name).toBe('ConditionalCheckFailedException');
    expect(withItem.Item).toEqual({ pk: { S: pk }, sk: { S: 'a' }, n: { N: '1' } });
    expect(await get(pk, 'a')).toEqual({ pk, sk: 'a', n: 1 });
  });

  it('queries a GSI in sort order', async () => {
    const pk = uniquePk('plain-gsi');
    const duePk = uniquePk('due');
    await put({ pk, sk: '1', duePk, dueAt: '2025-09-02T08:00:00Z' });
    await put({ pk, sk: '2', duePk, dueAt: '2025-09-01T08:00:00Z' });
    await put({ pk, sk: '3' });
    await eventually(async () => {
      const { Items } = await target.doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'due',
          KeyConditionExpression: 'duePk = :d AND dueAt < :now',
          ExpressionAttributeValues: { ':d': duePk, ':now': '2025-09-03' },
        }),
      );
      expect(Items?.map((item) => item.sk)).toEqual(['2', '1']);
    });
  });
});
