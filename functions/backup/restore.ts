/**
 * Restoring a backup into a table (п. 7.1), used by the restore command
 * (infra/local/restore-backup.ts, locally and in AWS) and by the monthly drill:
 * 1. the manifest is read and every part downloaded and checked against its size and SHA-256 —
 *    a damaged backup is refused before anything is written;
 * 2. the target table is made from the shared definition if it does not exist; one holding items
 *    is refused unless `force` (then the backup's items are written over it);
 * 3. the items are written with BatchWriteItem (unprocessed items retried with backoff);
 * 4. the table is read back (Scan) and each entity type's count and checksum compared with the
 *    manifest. With `force`, items the backup does not hold are left alone and counted apart.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { getObjectBytes, latestManifest, readManifest, sha256Hex } from './backup-store.ts';
import { compareEntities, EntityTally, type EntityDifference, type EntityStats } from './checksums.ts';
import { itemKey, parseItemLine, type TableItem } from './item-codec.ts';
import type { BackupManifest } from './manifest.ts';
import { describeTable, ensureTable, putItems } from './restore-table.ts';
import { scanTable, tableIsEmpty } from './table-scan.ts';

export class BackupNotFoundError extends Error {
  constructor(which: string) {
    super(which === 'latest' ? 'no complete backup in the bucket (no manifest.json under backups/)' : `backup ${which} not found or incomplete (no manifest.json)`);
    this.name = 'BackupNotFoundError';
  }
}

/** A part is missing or differs from what the manifest recorded: the backup is not restored. */
export class BackupCorruptError extends Error {
  constructor(
    readonly backupId: string,
    readonly problems: string[],
  ) {
    super(`backup ${backupId} is damaged, nothing restored: ${problems.join('; ')}`);
    this.name = 'BackupCorruptError';
  }
}

export class TargetNotEmptyError extends Error {
  constructor(readonly table: string) {
    super(`table ${table} already holds items; restore into a new table, or pass --force to write the backup over it`);
    this.name = 'TargetNotEmptyError';
  }
}

export type RestoreOptions = {
  bucket: string;
  /** A backup id (`2026-05-14T0230Z`) or `latest`. */
  backup: string;
  targetTable: string;
  force?: boolean;
  /** BatchWriteItem calls in flight (default 8). */
  concurrency?: number;
  /** Scan segments of the check (default 4). */
  segments?: number;
  onProgress?: (message: string) => void;
};

export type RestoreResult = {
  manifest: BackupManifest;
  targetTable: string;
  created: boolean;
  written: number;
  /** Downloading and checking the parts. */
  downloadMs: number;
  /** Making the table and writing the items. */
  restoreMs: number;
  /** Reading the table back and comparing. */
  verifyMs: number;
  ok: boolean;
  /** Per entity type, what the restored table holds (of the backup's keys). */
  actual: Record<string, EntityStats>;
  differences: EntityDifference[];
  /** Items of the target the backup does not hold (only with `force` over a table in use). */
  extraItems: number;
};

export async function findManifest(bucket: string, backup: string): Promise<BackupManifest> {
  const manifest = backup === 'latest' ? await latestManifest(bucket) : await readManifest(bucket, backup);
  if (!manifest) throw new BackupNotFoundError(backup);
  return manifest;
}

/** Every part of the backup, downloaded and checked against the manifest (size, SHA-256). */
export async function downloadVerifiedParts(bucket: string, manifest: BackupManifest): Promise<Uint8Array[]> {
  const problems: string[] = [];
  const bodies: Uint8Array[] = new Array(manifest.parts.length);
  const queue = manifest.parts.map((part, index) => ({ part, index }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { part, index } = next;
      const body = await getObjectBytes(bucket, part.key);
      if (!body) problems.push(`${part.key} is missing`);
      else if (body.length !== part.bytes) problems.push(`${part.key} has ${body.length} bytes, the manifest says ${part.bytes}`);
      else if (sha256Hex(body) !== part.sha256) problems.push(`${part.key}: SHA-256 differs from the manifest`);
      else bodies[index] = body;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  if (problems.length > 0) throw new BackupCorruptError(manifest.id, problems.sort());
  return bodies;
}

/** The items of one part, a batch at a time (a whole part decoded at once could fill a function's memory). */
async function* itemBatches(body: Uint8Array, size: number): AsyncGenerator<TableItem[]> {
  const lines = createInterface({ input: Readable.from([body]).pipe(createGunzip()), crlfDelay: Infinity });
  let batch: TableItem[] = [];
  for await (const line of lines) {
    if (line.length === 0) continue;
    batch.push(parseItemLine(line));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const say = options.onProgress ?? (() => {});
  const started = Date.now();
  const manifest = await findManifest(options.bucket, options.backup);
  say(`backup ${manifest.id}: ${manifest.itemCount} items in ${manifest.parts.length} parts, ${manifest.bytes} bytes`);
  const bodies = await downloadVerifiedParts(options.bucket, manifest);
  const downloadMs = Date.now() - started;
  say(`parts checked (SHA-256) in ${downloadMs} ms`);

  const restoreStarted = Date.now();
  const existed = (await describeTable(options.targetTable)) !== undefined;
  const { created } = await ensureTable(options.targetTable);
  const overExisting = existed && !(await tableIsEmpty(options.targetTable));
  if (overExisting && !options.force) throw new TargetNotEmptyError(options.targetTable);
  // Over a table in use, the check must tell the backup's items from the others.
  const backupKeys = overExisting ? new Set<string>() : undefined;

  let written = 0;
  for (const [index, body] of bodies.entries()) {
    const part = manifest.parts[index]!;
    let inPart = 0;
    for await (const batch of itemBatches(body, 1000)) {
      if (backupKeys) for (const item of batch) backupKeys.add(itemKey(item));
      await putItems(options.targetTable, batch, options.concurrency ?? 8);
      inPart += batch.length;
    }
    if (inPart !== part.items) throw new BackupCorruptError(manifest.id, [`${part.key} holds ${inPart} items, the manifest says ${part.items}`]);
    written += inPart;
    say(`${part.key}: ${inPart} items written (${written}/${manifest.itemCount})`);
  }
  const restoreMs = Date.now() - restoreStarted;

  const verifyStarted = Date.now();
  const tally = new EntityTally();
  let extraItems = 0;
  await scanTable(options.targetTable, {
    segments: options.segments ?? 4,
    onPage: (_segment, items) => {
      for (const item of items) {
        if (backupKeys && !backupKeys.has(itemKey(item))) extraItems++;
        else tally.add(item);
      }
    },
  });
  const actual = tally.entities();
  const differences = compareEntities(manifest.entities, actual);
  const verifyMs = Date.now() - verifyStarted;
  say(`read back and compared in ${verifyMs} ms`);

  return {
    manifest,
    targetTable: options.targetTable,
    created,
    written,
    downloadMs,
    restoreMs,
    verifyMs,
    ok: differences.length === 0,
    actual,
    differences,
    extraItems,
  };
}
