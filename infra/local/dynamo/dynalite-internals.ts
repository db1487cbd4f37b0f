/**
 * Typed access to dynalite 4.0.0's internal modules (db, validations, actions).
 *
 * Why internals instead of dynalite's HTTP server: the front needs one store shared by plain
 * and transactional operations, so that a transaction can run dynalite's own action code
 * (exact condition, update and validation semantics) against a staging overlay and then commit
 * everything as ONE LevelDB batch. dynalite's server keeps its store private. dynalite is pinned
 * to an exact version in package.json; the conformance suite guards these assumptions.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A DynamoDB JSON attribute value ({ S: 'x' }, { N: '1' }, { M: {...} }, ...). */
export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

/** The request as dynalite's validations leave it (parsed expressions under _condition etc.). */
export type ActionData = Record<string, unknown>;

/** dynalite signals API errors as Error objects carrying the HTTP status and JSON body. */
export type DynaliteError = Error & { statusCode?: number; body?: Record<string, unknown> };

export type Callback<T = unknown> = (err?: DynaliteError | null, result?: T) => void;

/** The prefixed view of the LevelDB that dynalite uses per table, index and tag set. */
export interface SubDb {
  get(key: string, cb: Callback<unknown>): void;
  put(key: string, value: unknown, cb: Callback<void>): void;
  del(key: string, cb: Callback<void>): void;
  /** Per-key lock; the callback gets `release`, which wraps the final callback. */
  lock(key: string, fn: (release: (cb: Callback<never>) => Callback<never>) => void): void;
}

export type BatchOperation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/** The subset of abstract-level's API the front uses directly (main db, JSON values). */
export interface MainDb {
  open(): Promise<void>;
  get(key: string): Promise<unknown>;
  get(key: string, cb: Callback<unknown>): void;
  batch(operations: BatchOperation[]): Promise<void>;
  /** Several values at once (abstract-level); undefined where a key is absent. */
  getMany(keys: string[]): Promise<unknown[]>;
  iterator(options: { gt?: string; gte?: string; lt?: string; lte?: string; reverse?: boolean }): AsyncIterable<[string, unknown]>;
}

/** A table description as dynalite stores it (the DescribeTable shape). */
export type TableDescription = {
  TableName: string;
  KeySchema: Array<{ AttributeName: string; KeyType: string }>;
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
  GlobalSecondaryIndexes?: unknown[];
  LocalSecondaryIndexes?: unknown[];
  [other: string]: unknown;
};

export interface Store {
  options: { maxItemSize: number } & Record<string, unknown>;
  db: MainDb;
  tableDb: unknown;
  getItemDb(tableName: string): SubDb;
  getIndexDb(indexType: string, tableName: string, indexName: string): SubDb;
  getTable(name: string, checkStatus: boolean, cb: Callback<TableDescription>): void;
  getTable(name: string, cb: Callback<TableDescription>): void;
  lifecycleManager: { gracefulClose(): Promise<void> };
}

export interface DynaliteDbModule {
  create(options: Record<string, unknown>): Store;
  createKey(item: Item, table: TableDescription): string;
  validateKey(key: Item, table: TableDescription): DynaliteError | null | undefined;
  validateItem(item: Item, table: TableDescription): DynaliteError | null | undefined;
  validateUpdates(attributeUpdates: unknown, expressionUpdates: unknown, table: TableDescription): DynaliteError | null | undefined;
  checkConditional(data: ActionData, existingItem: Item | undefined): DynaliteError | null | undefined;
  capacityUnits(item: Item | undefined, isRead: boolean, isConsistent?: boolean): number;
  /** The index writes a PutItem makes: entries to put (with the projected item) and stale ones to delete. */
  getIndexActions(
    indexes: unknown[],
    existingItem: Item | undefined,
    item: Item | undefined,
    table: TableDescription,
  ): { puts: Array<{ index: string; key: string; item: Item }>; deletes: Array<{ index: string; key: string }> };
}

export type ValidationSpec = { types: Record<string, unknown>; custom?: (data: ActionData, store: Store) => string | undefined };

export interface ValidationsModule {
  checkTypes(data: ActionData, types: Record<string, unknown>): ActionData;
  checkValidations(data: ActionData, types: Record<string, unknown>, custom: ValidationSpec['custom'], store: Store): void;
}

export type Action = (store: Store, data: ActionData, cb: Callback<Record<string, unknown>>) => void;

export const dynaliteDb = require('dynalite/db') as DynaliteDbModule;
export const validations = require('dynalite/validations') as ValidationsModule;

/** The operations dynalite implements, by their wire names. */
export const DYNALITE_OPERATIONS = [
  'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable',
  'DescribeTimeToLive', 'GetItem', 'ListTables', 'PutItem', 'Query', 'Scan', 'TagResource',
  'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable',
] as const;
export type DynaliteOperation = (typeof DYNALITE_OPERATIONS)[number];

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const actions = new Map<DynaliteOperation, { run: Action; spec: ValidationSpec }>(
  DYNALITE_OPERATIONS.map((operation) => [
    operation,
    {
      run: require(`dynalite/actions/${lowerFirst(operation)}`) as Action,
      spec: require(`dynalite/validations/${lowerFirst(operation)}`) as ValidationSpec,
    },
  ]),
);

export function isDynaliteOperation(name: string): name is DynaliteOperation {
  return actions.has(name as DynaliteOperation);
}

export function dynaliteAction(operation: DynaliteOperation): { run: Action; spec: ValidationSpec } {
  const action = actions.get(operation);
  if (!action) throw new Error(`dynalite has no action ${operation}`);
  return action;
}

/**
 * LevelDB key prefixes of dynalite's sub-databases (db/index.js getItemDb/getIndexDb), needed to
 * stage writes as raw batch operations on the main db.
 */
export const itemDbPrefix = (tableName: string) => `item-${tableName}~`;
export const indexDbPrefix = (indexType: string, tableName: string, indexName: string) =>
  `index-${indexType.toLowerCase()}~${tableName}~${indexName}~`;
