/**
 * Local only: bulk loading, for the demo school's seed (docs/local-dynamodb.md). Not a DynamoDB
 * operation: DynamoDB (and any other endpoint) refuses it, and the seed then falls back to
 * BatchWriteItem.
 *
 * Each item goes through dynalite's own code — `validateItem`, `createKey` and the index
 * actions `getIndexActions` its PutItem uses — but instead of one PutItem per item (a read,
 * the index writes and the item write, each its own LevelDB operation), the old items are read
 * with one `getMany` and all item and index changes are committed as ONE LevelDB batch. A put
 * replaces an existing item as PutItem does (its stale index entries are deleted), so loading
 * the same items again is idempotent. No conditions, no ReturnValues, no ConsumedCapacity.
 *
 * An entry may carry the item's JSON text (DynamoDB JSON, exactly what dynalite's JSON value
 * encoding writes) next to an item holding at least its key and index attributes: the text is
 * stored as is under the item's key and under every index that projects ALL attributes, so a
 * big load serializes nothing twice.
 */
import { dynaliteDb, indexDbPrefix, itemDbPrefix, type BatchOperation, type Item, type Store } from './dynalite-internals.ts';
import { toApiError, validationError } from './errors.ts';
import { getTable } from './run-action.ts';
import type { CommitObserver } from './staged-writes.ts';

/** X-Amz-Target of the bulk request over HTTP: `{ TableName, Items: [<DynamoDB JSON item>, …] }` → `{ Written }`. */
export const BULK_TARGET = 'KlassnyLocal.BulkPutItems';
/** X-Amz-Target answering `{ FrontId }`, so that a caller in the same process can use the front directly. */
export const IDENTIFY_TARGET = 'KlassnyLocal.Identify';
/** Items per call (a call is one LevelDB batch). */
export const BULK_MAX_ITEMS = 20_000;
/** DynamoDB's item size limit, checked on the JSON text (a slight overestimate of the item size). */
const MAX_ITEM_BYTES = 400 * 1024;

export type BulkEntry = {
  /** The item, or (with `json`) at least its key and index attributes. */
  item: Item;
  /** The whole item as DynamoDB JSON text; defaults to `JSON.stringify(item)`. */
  json?: string;
};

/** A put whose value is already JSON text (abstract-level's per-operation encoding). */
type PreencodedPut = { type: 'put'; key: string; value: string; valueEncoding: 'utf8' };

/**
 * Writes the entries as one atomic LevelDB batch. The caller holds the front's exclusive lock.
 * The observer (index lag) hears of each item with its old image and the given item, which holds
 * at least the key and index attributes.
 */
export async function bulkPut(store: Store, tableName: string, entries: readonly BulkEntry[], observer?: CommitObserver): Promise<number> {
  if (typeof tableName !== 'string' || tableName.length === 0) throw validationError('TableName is required');
  if (!Array.isArray(entries) || entries.length === 0) throw validationError('Items must be a non-empty list');
  if (entries.length > BULK_MAX_ITEMS) throw validationError(`Items: at most ${BULK_MAX_ITEMS} per request`);
  const table = await getTable(store, tableName);

  const itemKeys: string[] = [];
  const seen = new Set<string>();
  for (const { item, json } of entries) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw validationError('Each item must be a map of attributes');
    const invalid = dynaliteDb.validateItem(item, table);
    if (invalid) throw toApiError(invalid) ?? invalid;
    if (json !== undefined && Buffer.byteLength(json) > MAX_ITEM_BYTES) throw validationError('Item size has exceeded the maximum allowed size');
    const key = dynaliteDb.createKey(item, table);
    if (seen.has(key)) throw validationError('Provided list of item keys contains duplicates');
    seen.add(key);
    itemKeys.push(key);
  }

  const itemPrefix = itemDbPrefix(tableName);
  const existing = await store.db.getMany(itemKeys.map((k) => itemPrefix + k));
  const deletes: BatchOperation[] = [];
  const puts: PreencodedPut[] = [];
  entries.forEach(({ item, json }, i) => {
    const text = json ?? JSON.stringify(item);
    const value = (projected: Item) => (projected === item ? text : JSON.stringify(projected));
    const old = (existing[i] ?? undefined) as Item | undefined;
    for (const indexType of ['Local', 'Global'] as const) {
      const indexes = (table[`${indexType}SecondaryIndexes`] as unknown[] | undefined) ?? [];
      if (indexes.length === 0) continue;
      const actions = dynaliteDb.getIndexActions(indexes, old, item, table);
      for (const a of actions.deletes) deletes.push({ type: 'del', key: indexDbPrefix(indexType, tableName, a.index) + a.key });
      for (const a of actions.puts) {
        puts.push({ type: 'put', key: indexDbPrefix(indexType, tableName, a.index) + a.key, value: value(a.item), valueEncoding: 'utf8' });
      }
    }
    puts.push({ type: 'put', key: itemPrefix + itemKeys[i]!, value: text, valueEncoding: 'utf8' });
  });
  // Deletes first: LevelDB applies a batch in order, and an index entry deleted here is never put again.
  await store.db.batch([...deletes, ...(puts as unknown as BatchOperation[])]);
  observer?.(entries.map(({ item }, i) => ({ tableName, itemKey: itemKeys[i]!, old: (existing[i] ?? undefined) as Item | undefined, new: item })));
  return entries.length;
}

/** The HTTP form: `{ TableName, Items }` with whole items in DynamoDB JSON. */
export async function bulkPutRequest(store: Store, request: Record<string, unknown>, observer?: CommitObserver): Promise<{ Written: number }> {
  const items = request.Items;
  if (!Array.isArray(items)) throw validationError('Items must be a non-empty list');
  return { Written: await bulkPut(store, request.TableName as string, items.map((item: Item) => ({ item })), observer) };
}
