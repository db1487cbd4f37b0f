/**
 * Index lag (opt-in, `indexLagMs`; docs/local-dynamodb.md): Query and Scan on a global secondary
 * index see the table as it was `lagMs` ago, as DynamoDB's eventually consistent GSIs may.
 *
 * Every commit reports the items it changed with their images before and after (staged-writes.ts,
 * bulk-put.ts). A lagged read looks at the changes younger than the lag: for each item changed
 * in that window, its index entry as of now is hidden and the entry of its image from before the
 * window's first change (if that image was in the index) is shown instead. These differences form
 * a small sorted overlay merged into LevelDB's index range while dynalite's own Query/Scan code
 * reads it, so key conditions, filters, Limit, pagination, projections and counts all apply to the
 * lagged index unchanged. Table reads, GetItem, BatchGetItem and local indexes stay fresh.
 *
 * Memory stays bounded: changes older than the lag are dropped on every write and every lagged
 * read, so at most the last `lagMs` of writes are kept.
 */
import { Readable } from 'node:stream';
import { dynaliteDb, indexDbPrefix, type Item, type MainDb, type Store, type SubDb, type TableDescription } from './dynalite-internals.ts';
import { getTable, runAction } from './run-action.ts';
import type { ItemChange } from './staged-writes.ts';

type Change = ItemChange & { at: number };

/** An index entry the lagged view lacks (hidden) or shows with an older value. */
type OverlayEntry = { key: string; value: Item | undefined };

type GlobalIndex = { IndexName: string; KeySchema: unknown[]; Projection: { ProjectionType: string } };

/** dynalite's range options on a sub-db (db/index.js createValueStream). */
type RangeOptions = { gt?: string; gte?: string; lt?: string; lte?: string; reverse?: boolean; limit?: number };

/** Compact the change log once this many entries at its head have expired. */
const COMPACT_AFTER = 1024;

export class IndexLag {
  /** Changes in commit order (so also in time order); those before `head` have expired. */
  private changes: Change[] = [];
  private head = 0;

  constructor(
    readonly lagMs: number,
    /** Milliseconds from a monotonic clock; tests pass their own. */
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(lagMs) || lagMs <= 0) throw new Error(`indexLagMs must be a positive number, not ${lagMs}`);
  }

  /** A commit observer: remembers the changed items' images, stamped with the commit time. */
  readonly record = (changes: readonly ItemChange[]): void => {
    const at = this.now();
    this.prune(at);
    for (const change of changes) this.changes.push({ ...change, at });
  };

  /** Drops what is remembered of a table (it was deleted: a new table of that name starts empty). */
  forgetTable(tableName: string): void {
    this.changes = this.changes.slice(this.head).filter((change) => change.tableName !== tableName);
    this.head = 0;
  }

  /** Changes still remembered (younger than the lag at the last write or read). */
  get pending(): number {
    return this.changes.length - this.head;
  }

  /**
   * Runs a validated Query or Scan. On a global secondary index with changes younger than the lag,
   * dynalite reads the lagged index; otherwise it reads the store as it is. Call under the read lock.
   */
  async read(operation: 'Query' | 'Scan', store: Store, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    const indexName = data.IndexName;
    this.prune(this.now());
    if (typeof indexName !== 'string' || this.pending === 0) return runAction(operation, store, data);
    // A missing table or index: dynalite's action reports it as usual.
    const table = await getTable(store, data.TableName as string).catch(() => undefined);
    const index = ((table?.GlobalSecondaryIndexes ?? []) as GlobalIndex[]).find((candidate) => candidate.IndexName === indexName);
    if (!table || !index) return runAction(operation, store, data);
    const overlay = this.overlay(table, index);
    if (overlay.length === 0) return runAction(operation, store, data);
    return runAction(operation, laggedStore(store, table.TableName, index.IndexName, overlay), data);
  }

  private prune(now: number): void {
    const cutoff = now - this.lagMs;
    while (this.head < this.changes.length && this.changes[this.head]!.at <= cutoff) this.head += 1;
    if (this.head === this.changes.length) {
      this.changes = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.changes.length) {
      this.changes = this.changes.slice(this.head);
      this.head = 0;
    }
  }

  /** How the index, as of `lagMs` ago, differs from the stored one: entries sorted by key. */
  private overlay(table: TableDescription, index: GlobalIndex): OverlayEntry[] {
    this.prune(this.now());
    // Per item changed within the lag: its image before the first such change, and its image now.
    const images = new Map<string, { then: Item | undefined; now: Item | undefined }>();
    for (let i = this.head; i < this.changes.length; i++) {
      const change = this.changes[i]!;
      if (change.tableName !== table.TableName) continue;
      const seen = images.get(change.itemKey);
      if (seen) seen.now = change.new;
      else images.set(change.itemKey, { then: change.old, now: change.new });
    }
    const entries = new Map<string, Item | undefined>();
    for (const { then, now } of images.values()) {
      // Index keys end with the table key, so different items never share an entry.
      const current = indexEntry(index, table, now);
      if (current) entries.set(current.key, undefined);
      const past = indexEntry(index, table, then);
      if (past) entries.set(past.key, past.item);
    }
    return [...entries].map(([key, value]) => ({ key, value })).sort((a, b) => compareKeys(a.key, b.key));
  }
}

/** The entry an item image has in an index (dynalite's own key and projection), if it has one. */
function indexEntry(index: GlobalIndex, table: TableDescription, image: Item | undefined): { key: string; item: Item } | undefined {
  if (!image) return undefined;
  return dynaliteDb.getIndexActions([index], undefined, image, table).puts[0];
}

/** LevelDB's order for dynalite's keys (ASCII: hex digits and '/'). */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The store with one global index replaced by its lagged view; everything else passes through. */
function laggedStore(store: Store, tableName: string, indexName: string, overlay: OverlayEntry[]): Store {
  return {
    ...store,
    getIndexDb(indexType: string, table: string, index: string) {
      const subDb = store.getIndexDb(indexType, table, index);
      if (indexType.toLowerCase() !== 'global' || table !== tableName || index !== indexName) return subDb;
      const prefix = indexDbPrefix(indexType, table, index);
      const createValueStream = (options: RangeOptions = {}) => Readable.from(mergedValues(store.db, prefix, options, overlay));
      return { ...subDb, createValueStream, createReadStream: createValueStream } as SubDb;
    },
  };
}

/**
 * The values of a sub-db range (dynalite's prefixed-wrapper semantics) with the overlay applied:
 * an overlay entry replaces the stored entry of the same key, adds one where none is stored, or
 * (without a value) hides it.
 */
async function* mergedValues(db: MainDb, prefix: string, options: RangeOptions, overlay: OverlayEntry[]): AsyncGenerator<Item> {
  const range = prefixedRange(prefix, options);
  const reverse = options.reverse === true;
  const pending = overlay.map((entry) => ({ key: prefix + entry.key, value: entry.value })).filter((entry) => inRange(entry.key, range));
  if (reverse) pending.reverse();
  const before = (a: string, b: string) => (reverse ? compareKeys(a, b) > 0 : compareKeys(a, b) < 0);
  const limit = typeof options.limit === 'number' && options.limit > 0 ? options.limit : Infinity;
  let emitted = 0;
  let next = 0;

  for await (const [key, value] of db.iterator({ ...range, reverse })) {
    while (next < pending.length && before(pending[next]!.key, key)) {
      const added = pending[next++]!.value;
      if (added) {
        yield added;
        if (++emitted >= limit) return;
      }
    }
    let shown = value as Item | undefined;
    if (next < pending.length && pending[next]!.key === key) shown = pending[next++]!.value;
    if (shown) {
      yield shown;
      if (++emitted >= limit) return;
    }
  }
  for (; next < pending.length; next++) {
    const added = pending[next]!.value;
    if (added) {
      yield added;
      if (++emitted >= limit) return;
    }
  }
}

/** The same bounds dynalite's prefixed sub-db gives LevelDB (db/index.js createPrefixedDbWrapper). */
function prefixedRange(prefix: string, options: RangeOptions): { gt?: string; gte?: string; lt?: string; lte?: string } {
  const range: { gt?: string; gte?: string; lt?: string; lte?: string } = {};
  if (options.gte) range.gte = prefix + options.gte;
  else if (options.gt) range.gt = prefix + options.gt;
  else range.gte = prefix;
  if (options.lte) range.lte = prefix + options.lte;
  else if (options.lt) range.lt = prefix + options.lt;
  else range.lt = `${prefix}\xFF`;
  return range;
}

function inRange(key: string, range: { gt?: string; gte?: string; lt?: string; lte?: string }): boolean {
  if (range.gte !== undefined && compareKeys(key, range.gte) < 0) return false;
  if (range.gt !== undefined && compareKeys(key, range.gt) <= 0) return false;
  if (range.lte !== undefined && compareKeys(key, range.lte) > 0) return false;
  if (range.lt !== undefined && compareKeys(key, range.lt) >= 0) return false;
  return true;
}
