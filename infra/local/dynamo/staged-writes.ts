/**
 * A staging overlay over dynalite's store: dynalite's own actions (PutItem, UpdateItem,
 * DeleteItem, BatchWriteItem) run against it unchanged, reading through to LevelDB, while every
 * item and index write they make is kept in memory. `commit()` then writes all of them as ONE
 * LevelDB batch, which LevelDB applies atomically (one write-ahead-log record, checksummed; a
 * torn record is dropped on recovery). So a crash at any point leaves either none or all of a
 * write — for a transaction, and also for a single PutItem, whose item and index entries
 * dynalite itself would write separately. Discarding the overlay is the rollback.
 *
 * Callers must hold the front's exclusive lock from the first read to the commit, so nothing
 * changes underneath the overlay.
 *
 * An optional observer hears of every committed item change with its image before and after
 * (index lag, index-lag.ts); without one, commit reads nothing extra.
 */
import {
  indexDbPrefix,
  itemDbPrefix,
  type BatchOperation,
  type Callback,
  type Item,
  type Store,
  type SubDb,
} from './dynalite-internals.ts';

const DELETED = Symbol('deleted');
const ITEM_PREFIX = 'item-';

/** One item written by a commit: its table, dynalite key string, and images before and after (undefined: absent). */
export type ItemChange = { tableName: string; itemKey: string; old: Item | undefined; new: Item | undefined };
/** Called after a commit has been written, with every item it changed. */
export type CommitObserver = (changes: ItemChange[]) => void;

export class StagedWrites {
  private readonly overlay = new Map<string, unknown>();
  /** The store to hand to dynalite actions. */
  readonly store: Store;

  constructor(
    private readonly base: Store,
    private readonly observer?: CommitObserver,
  ) {
    this.store = {
      ...base,
      getItemDb: (tableName: string) => this.subDb(itemDbPrefix(tableName)),
      getIndexDb: (indexType: string, tableName: string, indexName: string) =>
        this.subDb(indexDbPrefix(indexType, tableName, indexName)),
    };
  }

  /** The current (staged or stored) item under a dynalite key string. */
  getItem(tableName: string, itemKey: string): Promise<Item | undefined> {
    return new Promise((resolve, reject) => {
      this.subDb(itemDbPrefix(tableName)).get(itemKey, (err, item) => (err ? reject(err) : resolve(item as Item | undefined)));
    });
  }

  get size(): number {
    return this.overlay.size;
  }

  /** Writes every staged change, plus `extra` operations, in one atomic batch. */
  async commit(extra: BatchOperation[] = []): Promise<void> {
    const operations: BatchOperation[] = [...this.overlay].map(([key, value]) =>
      value === DELETED ? { type: 'del', key } : { type: 'put', key, value },
    );
    operations.push(...extra);
    const changes = this.observer ? await this.itemChanges() : undefined;
    this.overlay.clear();
    if (operations.length > 0) await this.base.db.batch(operations);
    if (changes && changes.length > 0) this.observer!(changes);
  }

  /** The staged item writes with the stored images they replace (read before the batch, under the caller's lock). */
  private async itemChanges(): Promise<ItemChange[]> {
    const keys = [...this.overlay.keys()].filter((key) => key.startsWith(ITEM_PREFIX));
    if (keys.length === 0) return [];
    const old = await this.base.db.getMany(keys);
    return keys.map((key, i) => {
      // `item-<table>~<key>`: table names cannot contain '~'.
      const separator = key.indexOf('~');
      const value = this.overlay.get(key);
      return {
        tableName: key.slice(ITEM_PREFIX.length, separator),
        itemKey: key.slice(separator + 1),
        old: (old[i] ?? undefined) as Item | undefined,
        new: value === DELETED ? undefined : (value as Item),
      };
    });
  }

  private subDb(prefix: string): SubDb {
    const overlay = this.overlay;
    const db = this.base.db;
    return {
      get(key: string, cb: Callback<unknown>) {
        const full = prefix + key;
        if (overlay.has(full)) {
          const value = overlay.get(full);
          setImmediate(cb, null, value === DELETED ? undefined : value);
          return;
        }
        db.get(full, (err, value) => (err && err.name !== 'NotFoundError' ? cb(err) : cb(null, value ?? undefined)));
      },
      put(key: string, value: unknown, cb: Callback<void>) {
        overlay.set(prefix + key, value);
        setImmediate(cb, null);
      },
      del(key: string, cb: Callback<void>) {
        overlay.set(prefix + key, DELETED);
        setImmediate(cb, null);
      },
      // Writers are already serialized by the front's lock; dynalite's per-key lock adds nothing.
      lock(_key, fn) {
        fn((cb) => cb);
      },
    };
  }
}
