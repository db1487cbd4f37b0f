/**
 * TransactWriteItems with DynamoDB's semantics, on top of dynalite's own actions.
 *
 * 1. Validate every operation as the equivalent single-item request (dynalite's validations),
 *    resolve its table and key, reject two operations on one item. Errors here are whole-request
 *    errors (ValidationException, ResourceNotFoundException), as in DynamoDB.
 * 2. With the front's exclusive lock held: run every operation, condition included, through
 *    dynalite's action code against a staging overlay (ConditionCheck just evaluates its
 *    condition). Operations touch distinct items, so each sees the pre-transaction state, which
 *    is what DynamoDB checks conditions against. Every outcome is recorded.
 * 3. Any failure: drop the overlay (nothing was written) and answer TransactionCanceledException
 *    with one reason per operation in request order. Otherwise commit the overlay and the
 *    ClientRequestToken record as one atomic LevelDB batch.
 *
 * Step 1 is `planTransactWrite`, steps 2–3 `runTransactWrite`: in conflict mode (conflicts.ts)
 * the front plans before queueing for the lock, to learn the transaction's items on arrival.
 */
import {
  dynaliteDb,
  type ActionData,
  type DynaliteOperation,
  type Item,
  type Store,
  type TableDescription,
} from './dynalite-internals.ts';
import {
  errorType,
  idempotentParameterMismatch,
  toApiError,
  transactionCanceled,
  validationError,
  type CancellationReason,
} from './errors.ts';
import { requestHash, type IdempotencyRecords } from './idempotency.ts';
import { getTable, itemKeyOf, runAction, validateRequest } from './run-action.ts';
import { StagedWrites, type CommitObserver } from './staged-writes.ts';
import { itemIdentity } from './conflicts.ts';
import {
  addUnits,
  checkEnum,
  checkReturnConsumedCapacity,
  constraintError,
  consumedCapacity,
  lowerFirst,
  transactItemsOf,
} from './transact-common.ts';

/** Points where tests may simulate a crash; never set outside tests. */
export type FaultPoint = 'before-commit' | 'after-commit';
export type FaultHook = (point: FaultPoint) => void | Promise<void>;

export type TransactWriteContext = {
  store: Store;
  idempotency: IdempotencyRecords;
  faultHook?: FaultHook;
  /** Hears of every committed item change (index lag). */
  observer?: CommitObserver;
};

const KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
type Kind = (typeof KINDS)[number];

const EXPRESSION_FIELDS = ['TableName', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];

/** Each transactional operation validated and run as its single-item counterpart. */
const OPERATIONS: Record<Kind, { operation: DynaliteOperation; fields: string[]; required: string[] }> = {
  Put: { operation: 'PutItem', fields: ['Item', ...EXPRESSION_FIELDS], required: ['Item', 'TableName'] },
  Update: {
    operation: 'UpdateItem',
    fields: ['Key', 'UpdateExpression', ...EXPRESSION_FIELDS],
    required: ['Key', 'UpdateExpression', 'TableName'],
  },
  Delete: { operation: 'DeleteItem', fields: ['Key', ...EXPRESSION_FIELDS], required: ['Key', 'TableName'] },
  ConditionCheck: {
    operation: 'DeleteItem',
    fields: ['Key', ...EXPRESSION_FIELDS],
    required: ['Key', 'TableName', 'ConditionExpression'],
  },
};

type PlannedOperation = {
  kind: Kind;
  data: ActionData;
  tableName: string;
  itemKey: string;
  returnOldOnFailure: boolean;
  writeUnits: number;
};

/** A validated TransactWriteItems request (step 1), ready to run. */
export type TransactWritePlan = {
  request: Record<string, unknown>;
  operations: PlannedOperation[];
  /** Per operation, in request order: its item across tables (conflicts.ts). */
  identities: string[];
  token: string | undefined;
  hash: string;
  units: Map<string, number>;
};

export async function transactWriteItems(context: TransactWriteContext, request: Record<string, unknown>) {
  return runTransactWrite(context, await planTransactWrite(context.store, request));
}

/** Step 1: validates every operation; whole-request errors are thrown here, before anything runs. */
export async function planTransactWrite(store: Store, request: Record<string, unknown>): Promise<TransactWritePlan> {
  const items = transactItemsOf(request);
  checkReturnConsumedCapacity(request);
  checkEnum(request.ReturnItemCollectionMetrics, 'returnItemCollectionMetrics', ['SIZE', 'NONE']);
  const token = clientRequestToken(request.ClientRequestToken);
  // Fingerprint before validation, which normalizes (mutates) parts of the request.
  const hash = requestHash(items);

  const operations: PlannedOperation[] = [];
  const identities: string[] = [];
  for (const [index, item] of items.entries()) {
    const operation = await planOperation(store, item, index);
    const identity = itemIdentity(operation.tableName, operation.itemKey);
    if (identities.includes(identity)) throw validationError('Transaction request cannot include multiple operations on one item');
    identities.push(identity);
    operations.push(operation);
  }

  const units = new Map<string, number>();
  for (const operation of operations) addUnits(units, operation.tableName, operation.writeUnits);
  return { request, operations, identities, token, hash, units };
}

/** Whether the plan repeats a committed request with the same ClientRequestToken (answered without applying). */
export function isReplay(plan: TransactWritePlan, idempotency: IdempotencyRecords): boolean {
  return plan.token !== undefined && idempotency.lookup(plan.token)?.hash === plan.hash;
}

/** Steps 2–3, with the front's exclusive lock held. */
export async function runTransactWrite(context: TransactWriteContext, plan: TransactWritePlan) {
  const { store, idempotency } = context;
  const { request, token, hash, units } = plan;
  if (token) {
    const previous = idempotency.lookup(token);
    if (previous && previous.hash !== hash) throw idempotentParameterMismatch();
    if (previous) return response(request, units, 'read');
  }

  const staged = new StagedWrites(store, context.observer);
  const reasons: CancellationReason[] = [];
  for (const operation of plan.operations) reasons.push(await apply(staged, operation));
  if (reasons.some((reason) => reason.Code !== 'None')) throw transactionCanceled(reasons);

  const tokenRecord = token ? idempotency.commitOperations(token, hash) : undefined;
  await context.faultHook?.('before-commit');
  await staged.commit(tokenRecord?.operations);
  tokenRecord?.remember();
  await context.faultHook?.('after-commit');
  return response(request, units, 'write');
}

function clientRequestToken(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw constraintError(value, 'clientRequestToken', 'Member must be a string');
  if (value.length < 1) throw constraintError(value, 'clientRequestToken', 'Member must have length greater than or equal to 1');
  if (value.length > 36) throw constraintError(value, 'clientRequestToken', 'Member must have length less than or equal to 36');
  return value;
}

async function planOperation(store: Store, item: Record<string, unknown>, index: number): Promise<PlannedOperation> {
  const present = KINDS.filter((kind) => item[kind] !== undefined && item[kind] !== null);
  if (present.length !== 1) throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = present[0]!;
  const spec = item[kind];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
  }
  const source = spec as Record<string, unknown>;
  const { operation, fields, required } = OPERATIONS[kind];
  for (const field of required) {
    if (source[field] === undefined || source[field] === null) {
      const path = `transactItems.${index + 1}.member.${lowerFirst(kind)}.${lowerFirst(field)}`;
      throw constraintError(null, path, 'Member must not be null');
    }
  }
  const returnValues = source.ReturnValuesOnConditionCheckFailure;
  checkEnum(
    returnValues,
    `transactItems.${index + 1}.member.${lowerFirst(kind)}.returnValuesOnConditionCheckFailure`,
    ['ALL_OLD', 'NONE'],
  );

  const picked: Record<string, unknown> = {};
  for (const field of fields) if (source[field] !== undefined) picked[field] = source[field];
  const data = validateRequest(operation, picked, store);
  const tableName = data.TableName as string;
  const table = await getTable(store, tableName);
  const invalid = checkKey(kind, data, table);
  if (invalid) throw toApiError(invalid) ?? invalid;
  const keyOrItem = (kind === 'Put' ? data.Item : data.Key) as Item;
  return {
    kind,
    data,
    tableName,
    itemKey: itemKeyOf(keyOrItem, table),
    returnOldOnFailure: returnValues === 'ALL_OLD',
    writeUnits: 2 * (kind === 'Put' ? dynaliteDb.capacityUnits(keyOrItem, false) : 1),
  };
}

/** Key and index-type checks that DynamoDB makes before touching any item. */
function checkKey(kind: Kind, data: ActionData, table: TableDescription) {
  if (kind === 'Put') return dynaliteDb.validateItem(data.Item as Item, table);
  const invalidKey = dynaliteDb.validateKey(data.Key as Item, table);
  if (invalidKey || kind !== 'Update') return invalidKey;
  return dynaliteDb.validateUpdates(data.AttributeUpdates, data._updates, table);
}

async function apply(staged: StagedWrites, operation: PlannedOperation): Promise<CancellationReason> {
  try {
    if (operation.kind === 'ConditionCheck') {
      const existing = await staged.getItem(operation.tableName, operation.itemKey);
      const failed = dynaliteDb.checkConditional(operation.data, existing);
      if (failed) throw failed;
    } else {
      await runAction(OPERATIONS[operation.kind].operation, staged.store, operation.data);
    }
    return { Code: 'None' };
  } catch (caught) {
    const err = toApiError(caught);
    if (!err) throw caught;
    const type = errorType(err);
    if (type === 'ConditionalCheckFailedException') {
      // A failed write changed nothing, so the staged view still holds the old item.
      const old = operation.returnOldOnFailure ? await staged.getItem(operation.tableName, operation.itemKey) : undefined;
      return { Code: 'ConditionalCheckFailed', ...(old ? { Item: old } : {}), Message: 'The conditional request failed' };
    }
    // What DynamoDB finds only while applying (wrong operand type, item too large, bad path).
    if (type === 'ValidationException') return { Code: 'ValidationError', Message: err.message };
    throw err;
  }
}

function response(request: Record<string, unknown>, units: Map<string, number>, kind: 'read' | 'write') {
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, units, kind);
  return capacity ? { ConsumedCapacity: capacity } : {};
}
