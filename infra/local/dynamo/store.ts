/**
 * Opening and closing dynalite's store: LevelDB in `dataDir`, or memory-level when no folder
 * is given (tests, throwaway runs).
 */
import { mkdir } from 'node:fs/promises';
import { dynaliteDb, type Store } from './dynalite-internals.ts';

export async function openStore(dataDir: string | undefined): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const store = dynaliteDb.create({
    ...(dataDir ? { path: dataDir } : {}),
    // Tables are usable at once; nothing locally needs DynamoDB's CREATING delay.
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  try {
    // Surfaces "locked by another process" and similar now, not on the first request.
    await store.db.open();
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new Error(`Cannot open the local DynamoDB data folder ${dataDir ?? '(memory)'}: ${reason}`, { cause: err });
  }
  return store;
}

/** Waits for dynalite's pending LevelDB operations, then closes the database. */
export async function closeStore(store: Store): Promise<void> {
  await store.lifecycleManager.gracefulClose();
}
