/**
 * Where a teacher's unsaved journal edits wait in the browser: IndexedDB (database `klassny`,
 * store `pending-edits`), each record keyed by [userId, id], so one account never sees
 * another's and sign-out clears exactly the account's own. It outlives the page, a reload and
 * a closed tab; a browser that refuses IndexedDB gets the in-memory store (edits then last as
 * long as the tab). A few lines over the raw API rather than a dependency.
 */

/** Anything the outbox keeps: an edit of a cell, or a batch on its way. */
export type StoredRecord = { userId: string; id: string };

export interface PendingStorage<R extends StoredRecord = StoredRecord> {
  list(userId: string): Promise<R[]>;
  put(record: R): Promise<void>;
  delete(userId: string, id: string): Promise<void>;
  clear(userId: string): Promise<void>;
}

/** For tests, and for browsers without IndexedDB. Records are copied in and out, as IndexedDB does. */
export function memoryStorage<R extends StoredRecord>(): PendingStorage<R> & { size(): number } {
  const records = new Map<string, R>();
  const keyOf = (userId: string, id: string) => `${userId}\u0000${id}`;
  const copy = (r: R): R => structuredClone(r);
  return {
    async list(userId) {
      return [...records.values()].filter((r) => r.userId === userId).map(copy);
    },
    async put(record) {
      records.set(keyOf(record.userId, record.id), copy(record));
    },
    async delete(userId, id) {
      records.delete(keyOf(userId, id));
    },
    async clear(userId) {
      for (const [key, r] of records) if (r.userId === userId) records.delete(key);
    },
    size: () => records.size,
  };
}

const DB_NAME = 'klassny';
const STORE = 'pending-edits';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** All of one account's records: [userId, …] sorts every string id after [userId] and before [userId, []]. */
function rangeOf(userId: string): IDBKeyRange {
  return IDBKeyRange.bound([userId], [userId, []]);
}

export function indexedDbStorage<R extends StoredRecord>(factory: IDBFactory = indexedDB): PendingStorage<R> {
  let opening: Promise<IDBDatabase> | null = null;
  function open(): Promise<IDBDatabase> {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: ['userId', 'id'] });
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the database: let it, and open again next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => {
        opening = null;
        reject(request.error ?? new Error('IndexedDB unavailable'));
      };
      request.onblocked = () => reject(new Error('IndexedDB blocked'));
    });
    return opening;
  }
  async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const db = await open();
    const tx = db.transaction(STORE, mode);
    const committed = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    const [result] = await Promise.all([done(work(tx.objectStore(STORE))), committed]);
    return result;
  }
  return {
    list: (userId) => run('readonly', (s) => s.getAll(rangeOf(userId)) as IDBRequest<R[]>),
    put: async (record) => {
      await run('readwrite', (s) => s.put(record));
    },
    delete: async (userId, id) => {
      await run('readwrite', (s) => s.delete([userId, id]));
    },
    clear: async (userId) => {
      await run('readwrite', (s) => s.delete(rangeOf(userId)));
    },
  };
}

/** IndexedDB when the browser has it, else memory. A write IndexedDB refuses later leaves the edits in memory (outbox.ts). */
export function browserStorage<R extends StoredRecord>(): PendingStorage<R> {
  return typeof indexedDB === 'undefined' ? memoryStorage<R>() : indexedDbStorage<R>();
}
