/**
 * The local DynamoDB endpoint as a request handler: DynamoDB's JSON protocol
 * (`X-Amz-Target: DynamoDB_20120810.<Action>`), dynalite's actions for everything dynalite
 * implements, and TransactWriteItems/TransactGetItems added on top. Mountable under any path
 * prefix of another HTTP server (the SDK posts to the endpoint's path; the path is ignored).
 *
 * Isolation: one read/write lock. Item writes, table changes and TransactWriteItems hold it
 * exclusively; reads and TransactGetItems share it. Writes are serialized, so a transaction's
 * conditions cannot go stale before its commit, and no read sees half of one.
 *
 * Two opt-in modes (modes.ts) show what serializing hides: `conflicts` rejects a request that
 * overlaps a transaction in flight instead of queueing it (conflicts.ts), `indexLagMs` makes
 * global secondary indexes trail the table (index-lag.ts).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDynaliteOperation, type DynaliteOperation } from './dynalite-internals.ts';
import {
  internalServerError,
  serializationError,
  toApiError,
  transactionConflict,
  transactionConflictCanceled,
  unknownOperation,
} from './errors.ts';
import { BULK_TARGET, IDENTIFY_TARGET, bulkPut, bulkPutRequest, type BulkEntry } from './bulk-put.ts';
import { InFlightTransactions } from './conflicts.ts';
import { IdempotencyRecords } from './idempotency.ts';
import { IndexLag } from './index-lag.ts';
import type { DynamoModes } from './modes.ts';
import { PLAIN_WRITES, SINGLE_ITEM_WRITES, plainWrite, singleWriteIdentity } from './plain-write.ts';
import { JSON_CONTENT_TYPES, readBody, sendJson, sendText } from './protocol.ts';
import { runAction, validateRequest } from './run-action.ts';
import { ReadWriteLock, type Release } from './rw-lock.ts';
import { closeStore, openStore } from './store.ts';
import { planTransactGet, runTransactGet, transactGetIdentities, transactGetItems } from './transact-get.ts';
import { isReplay, planTransactWrite, runTransactWrite, transactWriteItems, type FaultHook } from './transact-write.ts';

export type DynamoFrontOptions = DynamoModes & {
  /** LevelDB folder; undefined keeps everything in memory. */
  dataDir?: string;
  /** Where unexpected (500) errors are reported; never given request bodies. */
  log?: (message: string) => void;
  /** Tests only: called around a transaction's commit to simulate crashes. */
  faultHook?: FaultHook;
  /** Tests only: the index lag's clock in milliseconds (default: performance.now). */
  clock?: () => number;
};

export type DynamoFront = {
  /** Random per front; `KlassnyLocal.Identify` answers it, `inProcessFront` finds the front by it. */
  id: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Local only: writes many items as one LevelDB batch (bulk-put.ts), under the exclusive lock.
   * For the demo seed; see docs/local-dynamodb.md.
   */
  bulkPut(tableName: string, entries: readonly BulkEntry[]): Promise<number>;
  /** Refuses new requests, waits for those in flight, then closes LevelDB cleanly. */
  close(): Promise<void>;
};

const API_VERSION = 'DynamoDB_20120810';
const TABLE_WRITES = new Set<DynaliteOperation>(['CreateTable', 'DeleteTable', 'UpdateTable', 'TagResource', 'UntagResource']);

/** The fronts open in this process, by id: a caller that learns a front's id over HTTP can skip the HTTP hop. */
const openFronts = new Map<string, DynamoFront>();

/** The front with this id if it lives in this process (else undefined: use HTTP). */
export function inProcessFront(id: string): DynamoFront | undefined {
  return openFronts.get(id);
}

export async function createDynamoFront(options: DynamoFrontOptions = {}): Promise<DynamoFront> {
  const log = options.log ?? ((message: string) => console.error(message));
  const store = await openStore(options.dataDir);
  const idempotency = await IdempotencyRecords.load(store.db);
  const lock = new ReadWriteLock();
  const inFlightTransactions = options.conflicts ? new InFlightTransactions() : undefined;
  const lag = options.indexLagMs ? new IndexLag(options.indexLagMs, options.clock) : undefined;
  const observer = lag?.record;
  const transactContext = { store, idempotency, faultHook: options.faultHook, observer };

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

  /**
   * Conflict mode: the transaction's items are known before it queues for the lock, and it holds
   * them until it has committed or failed. One that overlaps a transaction in flight is cancelled
   * at once; so is a TransactGetItems (conflicts.ts).
   */
  async function transactWriteWithConflicts(transactions: InFlightTransactions, request: Record<string, unknown>) {
    const plan = await planTransactWrite(store, request);
    // A retry of a committed request is answered from its token record at once (it reads and
    // writes nothing else), whatever is in flight.
    if (isReplay(plan, idempotency)) return runTransactWrite(transactContext, plan);
    const conflicting = transactions.conflicts(plan.identities);
    if (conflicting.includes(true)) throw transactionConflictCanceled(conflicting);
    const leave = transactions.enter(plan.identities);
    try {
      return await locked(lock.acquireExclusive(), () => runTransactWrite(transactContext, plan));
    } finally {
      leave();
    }
  }

  async function transactGetWithConflicts(transactions: InFlightTransactions, request: Record<string, unknown>) {
    const plan = planTransactGet(store, request);
    const conflicting = transactions.conflicts(await transactGetIdentities(store, plan));
    if (conflicting.includes(true)) throw transactionConflictCanceled(conflicting);
    return locked(lock.acquireShared(), () => runTransactGet(store, plan));
  }

  async function singleWriteWithConflicts(transactions: InFlightTransactions, operation: DynaliteOperation, request: Record<string, unknown>) {
    const identity = await singleWriteIdentity(store, operation, request);
    if (identity !== undefined && transactions.holds(identity)) throw transactionConflict();
    return locked(lock.acquireExclusive(), () => plainWrite(store, operation, request, observer));
  }

  function execute(operation: string, request: Record<string, unknown>): Promise<unknown> {
    if (operation === 'TransactWriteItems') {
      if (inFlightTransactions) return transactWriteWithConflicts(inFlightTransactions, request);
      return locked(lock.acquireExclusive(), () => transactWriteItems(transactContext, request));
    }
    if (operation === 'TransactGetItems') {
      if (inFlightTransactions) return transactGetWithConflicts(inFlightTransactions, request);
      return locked(lock.acquireShared(), () => transactGetItems(store, request));
    }
    if (!isDynaliteOperation(operation)) throw unknownOperation();
    if (PLAIN_WRITES.has(operation)) {
      // BatchWriteItem is not checked for conflicts (docs/local-dynamodb.md).
      if (inFlightTransactions && SINGLE_ITEM_WRITES.has(operation)) return singleWriteWithConflicts(inFlightTransactions, operation, request);
      return locked(lock.acquireExclusive(), () => plainWrite(store, operation, request, observer));
    }
    const data = validateRequest(operation, request, store);
    if (lag && (operation === 'Query' || operation === 'Scan')) return locked(lock.acquireShared(), () => lag.read(operation, store, data));
    const acquire = TABLE_WRITES.has(operation) ? lock.acquireExclusive() : lock.acquireShared();
    return locked(acquire, async () => {
      const result = await runAction(operation, store, data);
      if (lag && operation === 'DeleteTable') lag.forgetTable(data.TableName as string);
      return result;
    });
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
    const target = String(req.headers['x-amz-target'] ?? '');
    const [api, operation = ''] = target.split('.');
    try {
      if (refused) throw internalServerError('The local DynamoDB is shutting down');
      // Local only (docs/local-dynamodb.md): bulk loading for the demo seed, one LevelDB batch per request.
      if (target === IDENTIFY_TARGET) return sendJson(res, 200, { FrontId: id }, contentType);
      if (target === BULK_TARGET) {
        const request = parseRequest(body);
        const result = await locked(lock.acquireExclusive(), () => bulkPutRequest(store, request, observer));
        return sendJson(res, 200, result, contentType);
      }
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

  const id = randomUUID();
  const front: DynamoFront = {
    id,
    bulkPut(tableName, entries) {
      if (closed !== undefined) return Promise.reject(internalServerError('The local DynamoDB is shutting down'));
      inFlight += 1;
      return locked(lock.acquireExclusive(), () => bulkPut(store, tableName, entries, observer)).finally(() => {
        inFlight -= 1;
        if (inFlight === 0) onDrained?.();
      });
    },
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
        openFronts.delete(id);
        if (inFlight > 0) await new Promise<void>((resolve) => (onDrained = resolve));
        await closeStore(store);
      })();
      return closed;
    },
  };
  openFronts.set(id, front);
  return front;
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
