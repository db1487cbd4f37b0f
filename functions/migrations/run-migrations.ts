/**
 * The data migration runner (docs/data-model.md, "Data migrations"): brings the table to the
 * layout this release reads, before its functions serve — by the deploy (handler.ts, a CDK
 * trigger), at `npm start`, or by `npm run migrate`.
 *
 * - **Versioned**: each migration has a record in the table (`MIGRATION` / `<id>`); a done one is
 *   never run again, so when nothing is pending a run costs one Query of that partition.
 * - **Page by page, resumable**: a migration Scans the table a page at a time and after each page
 *   records its counts and the Scan's cursor; a run that dies (Lambda timeout, SIGKILL) is
 *   resumed from the cursor by the next one. At most the page being worked on is read again.
 * - **Idempotent**: a step writes only what is not yet in the current layout, each write on a
 *   condition (the item as the step saw it): a user's write since then is never overwritten — the
 *   step decides again on the item as it is now. Running twice changes nothing the second time.
 * - **One runner at a time**: a lease in the table, renewed after every page; a second runner
 *   waits for it (or, asked to, gives up at once saying who holds it), then finds the work done.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { appVersion } from '#functions/lib/version.ts';
import {
  applyMigrationWrite,
  beginMigration,
  keyOfWrite,
  listMigrations,
  MigrationTakenOverError,
  readItem,
  recordMigrationBaseline,
  releaseMigrationLease,
  renewMigrationLease,
  saveMigrationPage,
  scanTablePage,
  takeMigrationLease,
  type MigrationLease,
  type MigrationRecord,
  type MigrationWrite,
  type TableKey,
} from '#functions/data/migration-repository.ts';
import { MIGRATION_ID, type Migration } from './migration.ts';
import { migrations as registry } from './migrations.ts';

/** Items a Scan page holds (well under its 1 MB: lessons and marks are ~0.6 KB). */
export const MIGRATION_PAGE_SIZE = 500;
/** How long a runner's lease lasts unless renewed (after every page): how soon a dead runner's work can be taken over. */
export const MIGRATION_LEASE_MS = 60_000;
/** Writes of a page in flight at once. */
export const MIGRATION_WRITES_IN_FLIGHT = 8;
/** How often one item's write may meet a change and be planned again before the run gives up (resumable). */
const MAX_REPLANS = 5;

export type MigrationRun = {
  id: string;
  description: string;
  /** This run's own counts; earlier runs of a resumed migration are on its record. */
  pages: number;
  scanned: number;
  changed: number;
  conflicts: number;
  ms: number;
  /** Whether the migration is done (false: stopped early; resumable from its cursor). */
  done: boolean;
  /** Whether it went on from a cursor left by an earlier run. */
  resumed: boolean;
};

export type MigrationEvent =
  | { kind: 'waiting'; heldBy?: MigrationLease }
  | { kind: 'start'; id: string; description: string; resumedFrom?: TableKey }
  | { kind: 'page'; id: string; scanned: number; changed: number }
  | { kind: 'done' | 'stopped'; run: MigrationRun };

export type RunMigrationsOptions = {
  /** Default: every migration of this release (migrations.ts). */
  migrations?: readonly Migration[];
  /** The release running them, recorded on each (default KLASSNY_VERSION). */
  release?: string;
  /** Who runs, told to a runner that finds the lease taken (e.g. `npm start`, `lambda <request id>`). */
  runner?: string;
  pageSize?: number;
  writesInFlight?: number;
  leaseMs?: number;
  /** When another runner holds the lease: wait for it (default), or give up at once. */
  ifBusy?: 'wait' | 'exit';
  /** How long to wait for another runner (default 15 minutes). */
  waitMs?: number;
  /** Stop after this many pages in all (progress kept; the next run resumes). */
  maxPages?: number;
  /** Stop before the next page once aborted. */
  signal?: AbortSignal;
  /** Stop before the next page when this says so (e.g. the Lambda's time is running out). */
  shouldStop?: () => boolean;
  now?: () => Date;
  report?: (event: MigrationEvent) => void;
};

export type RunMigrationsResult = {
  /** Every migration of the list is done. */
  complete: boolean;
  ran: MigrationRun[];
  /** Ids still not done, in order. */
  pending: string[];
  /** Another runner's lease, when this one gave up waiting for it. */
  busy?: MigrationLease;
};

export class MigrationRegistryError extends Error {
  override readonly name = 'MigrationRegistryError';
}

/** Ids well formed, unique and in ascending order: the order they run in is the order they are listed in. */
export function checkRegistry(list: readonly Migration[]): void {
  for (const [i, migration] of list.entries()) {
    if (!MIGRATION_ID.test(migration.id)) throw new MigrationRegistryError(`migration id ${JSON.stringify(migration.id)} is not NNNN-kebab-name`);
    const previous = list[i - 1];
    if (previous && previous.id >= migration.id) throw new MigrationRegistryError(`migration ${migration.id} is listed after ${previous.id}: ids must ascend`);
  }
}

const pendingOf = (list: readonly Migration[], records: MigrationRecord[]) => {
  const done = new Set(records.filter((r) => r.status === 'done').map((r) => r.id));
  return list.filter((m) => !done.has(m.id));
};

export async function runMigrations(options: RunMigrationsOptions = {}): Promise<RunMigrationsResult> {
  const list = options.migrations ?? registry;
  checkRegistry(list);
  const now = options.now ?? (() => new Date());
  const release = options.release ?? appVersion;
  const report = options.report ?? (() => {});
  const leaseMs = options.leaseMs ?? MIGRATION_LEASE_MS;

  // The common case, every deploy and every `npm start`: nothing pending, one Query.
  let pending = pendingOf(list, (await listMigrations()).records);
  if (pending.length === 0) return { complete: true, ran: [], pending: [] };

  const holder = randomUUID();
  const lease = { holder, by: options.runner ?? 'runner', release, since: now().toISOString() };
  const deadline = Date.now() + (options.waitMs ?? 15 * 60_000);
  let told = false;
  for (let delay = 100; ; delay = Math.min(delay * 2, 1_000)) {
    const taken = await takeMigrationLease(lease, now(), leaseMs);
    if (taken.taken) break;
    if (options.ifBusy === 'exit' || Date.now() + delay > deadline) {
      return { complete: false, ran: [], pending: pending.map((m) => m.id), ...(taken.heldBy ? { busy: taken.heldBy } : {}) };
    }
    if (!told) report({ kind: 'waiting', ...(taken.heldBy ? { heldBy: taken.heldBy } : {}) });
    told = true;
    await sleep(delay / 2 + Math.random() * (delay / 2));
  }

  const ran: MigrationRun[] = [];
  try {
    // Under the lease: what another runner finished while this one waited is not done again.
    pending = pendingOf(list, (await listMigrations()).records);
    const budget = { pages: options.maxPages ?? Number.POSITIVE_INFINITY };
    const stop = () => budget.pages <= 0 || options.signal?.aborted === true || options.shouldStop?.() === true;
    for (const migration of pending) {
      if (stop()) break;
      const run = await runOne(migration, { ...options, release, holder, leaseMs, now, report, budget, stop });
      ran.push(run);
      // In order: a migration may rely on the ones before it.
      if (!run.done) break;
    }
  } finally {
    await releaseMigrationLease(holder);
  }
  const done = new Set(ran.filter((r) => r.done).map((r) => r.id));
  const left = pending.filter((m) => !done.has(m.id)).map((m) => m.id);
  return { complete: left.length === 0, ran, pending: left };
}

type RunContext = RunMigrationsOptions & {
  release: string;
  holder: string;
  leaseMs: number;
  now: () => Date;
  report: (event: MigrationEvent) => void;
  budget: { pages: number };
  stop: () => boolean;
};

async function runOne(migration: Migration, context: RunContext): Promise<MigrationRun> {
  const started = Date.now();
  const record = await beginMigration({ id: migration.id, description: migration.description, release: context.release, runner: context.holder, now: context.now() });
  let cursor = record.cursor;
  const run: MigrationRun = {
    id: migration.id,
    description: migration.description,
    pages: 0,
    scanned: 0,
    changed: 0,
    conflicts: 0,
    ms: 0,
    done: false,
    resumed: cursor !== undefined,
  };
  context.report({ kind: 'start', id: migration.id, description: migration.description, ...(cursor ? { resumedFrom: cursor } : {}) });
  while (!context.stop()) {
    const page = await scanTablePage(cursor, context.pageSize ?? MIGRATION_PAGE_SIZE);
    const counts = await applyPage(migration, await migration.step(page.items), context.writesInFlight ?? MIGRATION_WRITES_IN_FLIGHT);
    await saveMigrationPage({
      id: migration.id,
      runner: context.holder,
      release: context.release,
      now: context.now(),
      ...(page.cursor ? { cursor: page.cursor } : {}),
      scanned: page.items.length,
      ...counts,
    });
    context.budget.pages--;
    run.pages++;
    run.scanned += page.items.length;
    run.changed += counts.changed;
    run.conflicts += counts.conflicts;
    cursor = page.cursor;
    if (!cursor) {
      run.done = true;
      break;
    }
    // A runner that was stalled past its lease stops: another has taken over (and the record's fence refuses this one's progress anyway).
    if (!(await renewMigrationLease(context.holder, context.now(), context.leaseMs))) throw new MigrationTakenOverError(migration.id);
    context.report({ kind: 'page', id: migration.id, scanned: run.scanned, changed: run.changed });
  }
  run.ms = Date.now() - started;
  context.report({ kind: run.done ? 'done' : 'stopped', run });
  return run;
}

/** Applies a page's writes, a few in flight; each that meets a change is planned again from the item as it is now. */
async function applyPage(migration: Migration, writes: MigrationWrite[], inFlight: number): Promise<{ changed: number; conflicts: number }> {
  const counts = { changed: 0, conflicts: 0 };
  let next = 0;
  const worker = async () => {
    while (next < writes.length) await applyOne(migration, writes[next++]!, counts);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, writes.length) }, worker));
  return counts;
}

const sameKey = (a: TableKey, b: TableKey) => a.pk === b.pk && a.sk === b.sk;

async function applyOne(migration: Migration, write: MigrationWrite, counts: { changed: number; conflicts: number }): Promise<void> {
  const target = keyOfWrite(write);
  let current: MigrationWrite | undefined = write;
  for (let attempt = 0; current; attempt++) {
    if ((await applyMigrationWrite(current)) === 'changed') {
      counts.changed++;
      return;
    }
    counts.conflicts++;
    if (attempt >= MAX_REPLANS) throw new Error(`migration ${migration.id}: ${target.pk} / ${target.sk} kept changing under it; run again`);
    // The item moved on since the page was read: decide again on it as it is now (nothing to do when it is already in the current layout).
    const fresh = await readItem(current.source ?? target);
    current = fresh ? (await migration.step([fresh])).find((w) => sameKey(keyOfWrite(w), target)) : undefined;
  }
}

/**
 * Records every migration as done without running it, for a table made in the current layout
 * (the demo seed): nothing to migrate, so nothing to scan. Existing records are left alone.
 */
export async function baselineMigrations(options: { migrations?: readonly Migration[]; release?: string; now?: Date } = {}): Promise<string[]> {
  const list = options.migrations ?? registry;
  checkRegistry(list);
  const recorded: string[] = [];
  for (const migration of list) {
    const made = await recordMigrationBaseline({
      id: migration.id,
      description: migration.description,
      release: options.release ?? appVersion,
      now: options.now ?? new Date(),
    });
    if (made) recorded.push(migration.id);
  }
  return recorded;
}

export type MigrationStatus = {
  /** Each migration of this release with its record (none: never started). */
  known: { migration: Migration; record?: MigrationRecord }[];
  /** Records of migrations this release does not know (a newer release ran them before a rollback). */
  unknown: MigrationRecord[];
  lease?: MigrationLease;
};

export async function migrationStatus(list: readonly Migration[] = registry): Promise<MigrationStatus> {
  const { records, lease } = await listMigrations();
  const byId = new Map(records.map((r) => [r.id, r]));
  const ids = new Set(list.map((m) => m.id));
  return {
    known: list.map((migration) => ({ migration, ...(byId.has(migration.id) ? { record: byId.get(migration.id)! } : {}) })),
    unknown: records.filter((r) => !ids.has(r.id)),
    ...(lease ? { lease } : {}),
  };
}
