/**
 * The local DynamoDB endpoint as a request handler: DynamoDB's JSON protocol
 * (`X-Amz-Target: DynamoDB_20120810.<Action>`), dynalite's actions for everything dynalite
 * implements, and TransactWriteItems/TransactGetItems added on top. Mountable under any path
 * prefix of another HTTP server (the SDK posts to the endpoint's path; the path is ignored).
 *
 * Isolation: one read/write lock. Item writes, table changes and TransactWriteItems hold it
 * exclusively; reads and TransactGetItems share it. Writes are serialized, so a transaction's
 * conditions cannot go stale before its commit, and no read sees half of one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDynaliteOperation, type DynaliteOperation } from './dynalite-internals.ts';
import { internalServerError, serializationError, toApiError, unknownOperation } from './errors.ts';
import { IdempotencyRecords } from './idempotency.ts';
import { PLAIN_WRITES, plainWrite } from './plain-write.ts';
import { JSON_CONTENT_TYPES, readBody, sendJson, sendText } from './protocol.ts';
import { runAction, validateRequest } from './run-action.ts';
import { ReadWriteLock, type Release } from './rw-lock.ts';
import { closeStore, openStore } from './store.ts';
import { transactGetItems } from './transact-get.ts';
import { transactWriteItems, type FaultHook } from './transact-write.ts';

export type DynamoFrontOptions = {
  /** LevelDB folder; undefined keeps everything in memory. */
  dataDir?: string;
  /** Where unexpected (500) errors are reported; never given request bodies. */
  log?: (message: string) => void;
  /** Tests only: called around a transaction's commit to simulate crashes. */
  faultHook?: FaultHook;
};

export type DynamoFront = {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Refuses new requests, waits for those in flight, then closes LevelDB cleanly. */
  close(): Promise<void>;
};

const API_VERSION = 'DynamoDB_20120810';
const TABLE_WRITES = new Set<DynaliteOperation>(['CreateTable', 'DeleteTable', 'UpdateTable', 'TagResource', 'UntagResource']);

export async function createDynamoFront(options: DynamoFrontOptions = {}): Promise<DynamoFront> {
  const log = options.log ?? ((message: string) => console.error(message));
  const store = await openStore(options.dataDir);
  const idempotency = await IdempotencyRecords.load(store.db);
  const lock = new ReadWriteLock();
  const transactContext = { store, idempotency, faultHook: options.faultHook };

  let inFlight = 0;
  let closed: Promise<void> | undefined;
  let onDrained: (() => void) | undefined;

  async function locked<T>(acquire: Promise<Release>, work: () => Promise<T>): Promise<T> {
    const release = await acquire;
    try {
      return await work();
    } finally {
      release();
    }
  }

  function execute(operation: string, request: Record<string, unknown>): Promise<unknown> {
    if (operation === 'TransactWriteItems') {
      return locked(lock.acquireExclusive(), () => transactWriteItems(transactContext, request));
    }
    if (operation === 'TransactGetItems') {
      return locked(lock.acquireShared(), () => transactGetItems(store, request));
    }
    if (!isDynaliteOperation(operation)) throw unknownOperation();
    if (PLAIN_WRITES.has(operation)) return locked(lock.acquireExclusive(), () => plainWrite(store, operation, request));
    const data = validateRequest(operation, request, store);
    const acquire = TABLE_WRITES.has(operation) ? lock.acquireExclusive() : lock.acquireShared();
    return locked(acquire, () => runAction(operation, store, data));
  }

  /** `refused`: the request came after close() began; those in flight before it still run. */
  async function serve(req: IncomingMessage, res: ServerResponse, refused: boolean): Promise<void> {
    if (req.method === 'GET') {
      req.resume();
      return sendText(res, 200, 'healthy: dynamodb.local ');
    }
    const body = await readBody(req);
    if (body === undefined) return sendText(res, 413, '');
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (req.method !== 'POST' || !JSON_CONTENT_TYPES.includes(contentType)) {
      return sendText(res, 404, '<UnknownOperationException/>\n');
    }
    const [api, operation = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
    try {
      if (refused) throw internalServerError('The local DynamoDB is shutting down');
      if (api !== API_VERSION) throw unknownOperation();
      const result = await execute(operation, parseRequest(body));
      sendJson(res, 200, result, contentType);
    } catch (caught) {
      const err = toApiError(caught);
      if (!err) log(`[local-dynamodb] ${operation} failed: ${caught instanceof Error ? (caught.stack ?? caught.message) : String(caught)}`);
      const sent = err ?? internalServerError();
      sendJson(res, sent.statusCode, sent.body, contentType);
    }
  }

  return {
    handle(req, res) {
      inFlight += 1;
      serve(req, res, closed !== undefined)
        .catch((err: unknown) => {
          log(`[local-dynamodb] request failed: ${err instanceof Error ? err.message : String(err)}`);
          if (!res.headersSent) sendText(res, 500, '');
          else res.destroy();
        })
        .finally(() => {
          inFlight -= 1;
          if (inFlight === 0) onDrained?.();
        });
    },
    close() {
      closed ??= (async () => {
        if (inFlight > 0) await new Promise<void>((resolve) => (onDrained = resolve));
        await closeStore(store);
      })();
      return closed;
    },
  };
}

function parseRequest(body: Buffer): Record<string, unknown> {
  if (body.length === 0) throw serializationError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw serializationError();
  return parsed as Record<string, unknown>;
}
