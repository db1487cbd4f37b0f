/**
 * Counts DynamoDB calls at a DocumentClient, by command name, at the SDK's `initialize` step:
 * one count per `send()`, whatever the SDK retries underneath. Installed on the functions' own
 * module-scope client (the handlers run in this process) and on the floor's client.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type CallCounts = Record<string, number>;

export type CallCounter = {
  reset(): void;
  snapshot(): CallCounts;
  total(): number;
};

const installed = new WeakMap<DynamoDBDocumentClient, CallCounter>();

export function countCalls(client: DynamoDBDocumentClient): CallCounter {
  const existing = installed.get(client);
  if (existing) return existing;
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'klassnyBenchCallCounter' },
  );
  const counter: CallCounter = {
    reset: () => counts.clear(),
    snapshot: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
  };
  installed.set(client, counter);
  return counter;
}

/** Calls per operation: each count divided by the number of operations, 3 decimals. */
export function perOperation(counts: CallCounts, operations: number): CallCounts {
  const out: CallCounts = {};
  for (const [name, n] of Object.entries(counts)) out[name] = operations ? Math.round((n / operations) * 1000) / 1000 : Number.NaN;
  return out;
}

/** `2 Query + 1 TransactWriteItems`, for the report. */
export function describeCalls(counts: CallCounts): string {
  const parts = Object.entries(counts).map(([name, n]) => `${Number.isInteger(n) ? n : Number(n.toFixed(3))} ${name}`);
  return parts.length ? parts.join(' + ') : '0';
}
