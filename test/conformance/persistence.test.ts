/**
 * The local stand-in only: data on disk survives a restart, close() loses no acknowledged
 * write, and a crash at any point of a transaction leaves all of it or none of it.
 */
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable } from '#infra/local/dynamo/create-table.ts';
import { startLocalDynamo, type LocalDynamoOptions } from '#infra/local/dynamo/server.ts';
import { failure, isLocal, localClient } from './harness.ts';
import { bumpPair, consistentPair, PAIR_TABLE, readPair, seedPair } from './pair.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'klassny-dynamo-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Opens the stand-in on a folder, runs `work`, closes it again. */
async function withLocal<T>(
  dataDir: string,
  work: (doc: DynamoDBDocumentClient) => Promise<T>,
  options: LocalDynamoOptions & { maxAttempts?: number } = {},
) {
  const local = await startLocalDynamo({ ...options, dataDir });
  const client = localClient(local.endpoint, options.maxAttempts);
  try {
    await ensureTable(client, PAIR_TABLE);
    return await work(DynamoDBDocumentClient.from(client));
  } finally {
    client.destroy();
    await local.close();
  }
}

function runChild(dataDir: string, mode: string, killAfterRunningMs?: number): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dataDir, mode], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (killAfterRunningMs !== undefined && output.includes('running')) {
        setTimeout(() => child.kill('SIGKILL'), killAfterRunningMs);
        killAfterRunningMs = undefined;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal ? resolve({ signal, output }) : reject(new Error(`child exited with ${code}: ${output} ${errors.slice(-2000)}`)),
    );
  });
}

describe.skipIf(!isLocal)('local persistence and crash safety', () => {
  it('keeps data, indexes and client request tokens across a restart', async () => {
    const dataDir = join(root, 'restart');
    const token = 'restart-token';
    const increment = new TransactWriteItemsCommand({
      ClientRequestToken: token,
      TransactItems: [
        {
          Update: {
            TableName: PAIR_TABLE,
            Key: { pk: { S: 'restart' }, sk: { S: 'counter' } },
            UpdateExpression: 'ADD #c :one',
            ExpressionAttributeNames: { '#c': 'counter' },
            ExpressionAttributeValues: { ':one': { N: '1' } },
          },
        },
      ],
    });
    await withLocal(dataDir, async (doc) => {
      await doc.send(new PutCommand({ TableName: PAIR_TABLE, Item: { pk: 'restart', sk: 'plain', gsi2pk: 'restart-index', gsi2sk: 'a' } }));
      await doc.send(increment);
    });

    await withLocal(dataDir, async (doc) => {
      const plain = await doc.send(new GetCommand({ TableName: PAIR_TABLE, Key: { pk: 'restart', sk: 'plain' } }));
      expect(plain.Item).toEqual({ pk: 'restart', sk: 'plain', gsi2pk: 'restart-index', gsi2sk: 'a' });
      const indexed = await doc.send(
        new QueryCommand({ TableName: PAIR_TABLE, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :g', ExpressionAttributeValues: { ':g': 'restart-index' } }),
      );
      expect(indexed.Items?.map((item) => item.sk)).toEqual(['plain']);

      // The retry after the restart is still recognised: not applied a second time.
      await doc.send(increment);
      const counter = await doc.send(new GetCommand({ TableName: PAIR_TABLE, Key: { pk: 'restart', sk: 'counter' } }));
      expect(counter.Item?.counter).toBe(1);
    });
  });

  it('close() lets a transaction in flight finish and keeps it', async () => {
    const dataDir = join(root, 'close');
    await withLocal(dataDir, seedPair);

    const local = await startLocalDynamo({
      dataDir,
      faultHook: (point) => (point === 'before-commit' ? new Promise((resolve) => setTimeout(resolve, 100)) : undefined),
    });
    const client = localClient(local.endpoint, 1);
    const inFlight = client.send(new TransactWriteItemsCommand({ TransactItems: bumpPair(PAIR_TABLE, 1) }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closing = local.close();
    await inFlight;
    await closing;
    client.destroy();

    expect(await withLocal(dataDir, readPair)).toEqual(consistentPair(1));
  });

  it('rolls back when the commit fails: nothing of the transaction is written', async () => {
    const dataDir = join(root, 'failed-commit');
    await withLocal(dataDir, seedPair);
    let armed = true;
    await withLocal(
      dataDir,
      async (doc) => {
        const err = await failure(doc.send(new TransactWriteItemsCommand({ TransactItems: bumpPair(PAIR_TABLE, 1) })));
        expect(err.name).toBe('InternalServerError');
        expect(await readPair(doc)).toEqual(consistentPair(0));
        armed = false;
        await doc.send(new TransactWriteItemsCommand({ TransactItems: bumpPair(PAIR_TABLE, 1) }));
        expect(await readPair(doc)).toEqual(consistentPair(1));
      },
      {
        maxAttempts: 1,
        log: () => {},
        faultHook: (point) => {
          if (armed && point === 'before-commit') throw new Error('simulated disk failure');
        },
      },
    );
  });

  it('leaves all or nothing of a transaction when the process is killed', async () => {
    // Children run side by side: each pays a process start, the runtime is the slowest one.
    const scenarios = [
      { mode: 'before-commit', killAfterRunningMs: undefined },
      { mode: 'after-commit', killAfterRunningMs: undefined },
      // The parent's SIGKILL lands at an arbitrary point of a stream of commits.
      { mode: 'stream', killAfterRunningMs: 20 + Math.floor(Math.random() * 80) },
    ];
    const states = await Promise.all(
      scenarios.map(async ({ mode, killAfterRunningMs }) => {
        const dataDir = join(root, `kill-${mode}`);
        await withLocal(dataDir, seedPair);
        const { signal, output } = await runChild(dataDir, mode, killAfterRunningMs);
        expect(signal).toBe('SIGKILL');
        expect(output).not.toContain('survived');
        return withLocal(dataDir, readPair);
      }),
    );
    const [beforeCommit, afterCommit, stream] = states;
    expect(beforeCommit).toEqual(consistentPair(0));
    expect(afterCommit).toEqual(consistentPair(1));
    expect(stream!.left).toBeGreaterThanOrEqual(1);
    expect(stream).toEqual(consistentPair(stream!.left));
  }, 30_000);
});
