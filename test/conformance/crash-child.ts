/**
 * A process that dies mid-transaction, for the crash-safety cases in persistence.test.ts.
 * Usage: node --import tsx crash-child.ts <dataDir> <before-commit|after-commit|stream>
 *
 * before-commit / after-commit: runs one transaction on the seeded pair and SIGKILLs itself at
 * that point. stream: commits pair transactions forever, prints "running" after the first one,
 * and waits for the parent's SIGKILL, which lands at an arbitrary point of a commit.
 * Speaks the wire protocol with fetch: loading the SDK would only slow the start.
 */
import { startLocalDynamo } from '#infra/local/dynamo/server.ts';
import type { FaultPoint } from '#infra/local/dynamo/transact-write.ts';
import { bumpPair, PAIR_TABLE } from './pair-transaction.ts';

const [dataDir, mode] = process.argv.slice(2) as [string, FaultPoint | 'stream'];

const local = await startLocalDynamo({
  dataDir,
  faultHook: (point) => {
    if (point === mode) process.kill(process.pid, 'SIGKILL');
  },
});

async function bump(version: number): Promise<void> {
  const response = await fetch(local.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.TransactWriteItems' },
    body: JSON.stringify({ TransactItems: bumpPair(PAIR_TABLE, version) }),
  });
  if (!response.ok) throw new Error(`transaction ${version} failed: ${await response.text()}`);
}

if (mode === 'stream') {
  for (let version = 1; ; version++) {
    await bump(version);
    if (version === 1) process.stdout.write('running\n');
  }
} else {
  await bump(1);
  process.stdout.write('survived\n');
  process.exit(1);
}
