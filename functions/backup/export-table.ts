/**
 * The backup export (п. 7.1 «регулярное резервное копирование»): the whole table, read with a
 * parallel Scan, written to the backups bucket as gzip'd NDJSON parts and then a manifest.
 *
 * - Each Scan segment fills its own part and starts the next one past `partMaxBytes` of NDJSON,
 *   so memory holds a few compressed parts at most (a page is compressed as it arrives).
 * - Every object is written only if its key is free, and the manifest last: a backup is complete
 *   exactly when its manifest exists; two runs in the same minute cannot mix their parts.
 * - A Scan is not a point-in-time snapshot: each item is as it was when its page was read. The
 *   backup runs at night, when nobody writes; the point-in-time copies are PITR and AWS Backup
 *   (infra/lib/journal-table.ts). See docs/backups.md.
 */
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';
import { putNewObject, sha256Hex } from './backup-store.ts';
import { CHECKSUM_ALGORITHM, EntityTally } from './checksums.ts';
import { canonicalItem, lineOfCanonical, ttlExpired, type TableItem } from './item-codec.ts';
import { backupIdOf, manifestKey, MANIFEST_FORMAT, partKey, type BackupManifest } from './manifest.ts';
import { scanTable } from './table-scan.ts';

export type ExportOptions = {
  tableName: string;
  bucket: string;
  schoolId?: string;
  now?: Date;
  /** Scan segments read side by side (default 4). */
  segments?: number;
  /** A part is closed once it holds this much NDJSON before compression (default 64 MiB). */
  partMaxBytes?: number;
};

export const DEFAULT_SEGMENTS = 4;
const DEFAULT_PART_BYTES = 64 * 1024 * 1024;

/** One part being filled: NDJSON gzip'd as it is written, only the compressed bytes kept. */
class PartWriter {
  readonly gzip: Gzip = createGzip({ level: 6 });
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<unknown>;
  items = 0;
  rawBytes = 0;

  constructor() {
    this.gzip.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = once(this.gzip, 'end');
  }

  async write(text: string, items: number): Promise<void> {
    this.items += items;
    this.rawBytes += Buffer.byteLength(text, 'utf8');
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }

  async finish(): Promise<Buffer> {
    this.gzip.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}

export async function exportTable(options: ExportOptions): Promise<BackupManifest> {
  const started = options.now ?? new Date();
  const id = backupIdOf(started);
  const segments = options.segments ?? DEFAULT_SEGMENTS;
  const partMaxBytes = options.partMaxBytes ?? DEFAULT_PART_BYTES;
  const tally = new EntityTally();
  const parts: BackupManifest['parts'] = [];
  const writers = new Map<number, PartWriter>();
  let partNumber = 0;
  let skippedExpired = 0;
  let rawBytes = 0;

  const closePart = async (segment: number) => {
    const writer = writers.get(segment);
    writers.delete(segment);
    if (!writer || writer.items === 0) return;
    const key = partKey(id, ++partNumber);
    const body = await writer.finish();
    await putNewObject(options.bucket, key, body, 'application/gzip');
    parts.push({ key, items: writer.items, bytes: body.length, sha256: sha256Hex(body) });
    rawBytes += writer.rawBytes;
  };

  const scan = await scanTable(options.tableName, {
    segments,
    onPage: async (segment, items: TableItem[]) => {
      let text = '';
      let textBytes = 0;
      let count = 0;
      // Written to the segment's part a page at a time (one gzip write), split where the part fills.
      const flush = async () => {
        if (count === 0) return;
        const writer = writers.get(segment) ?? new PartWriter();
        writers.set(segment, writer);
        await writer.write(text, count);
        text = '';
        textBytes = 0;
        count = 0;
        if (writer.rawBytes >= partMaxBytes) await closePart(segment);
      };
      for (const item of items) {
        if (ttlExpired(item, started.getTime())) {
          skippedExpired++;
          continue;
        }
        const canonical = canonicalItem(item);
        tally.add(item, canonical);
        const line = `${lineOfCanonical(canonical)}\n`;
        text += line;
        textBytes += Buffer.byteLength(line, 'utf8');
        count++;
        if ((writers.get(segment)?.rawBytes ?? 0) + textBytes >= partMaxBytes) await flush();
      }
      await flush();
    },
  });
  for (const segment of [...writers.keys()]) await closePart(segment);
  parts.sort((a, b) => (a.key < b.key ? -1 : 1));

  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    id,
    table: options.tableName,
    ...(options.schoolId ? { schoolId: options.schoolId } : {}),
    startedAt: started.toISOString(),
    finishedAt: new Date(Math.max(Date.now(), started.getTime())).toISOString(),
    itemFormat: 'dynamodb-json',
    compression: 'gzip',
    itemCount: tally.itemCount,
    skippedExpired,
    rawBytes,
    bytes: parts.reduce((n, part) => n + part.bytes, 0),
    checksum: { algorithm: CHECKSUM_ALGORITHM, total: tally.total() },
    entities: tally.entities(),
    parts,
    scan: { segments, consistentRead: true, readCapacityUnits: Math.round(scan.readCapacityUnits * 10) / 10 },
  };
  // Written last: its presence is what makes the backup complete.
  await putNewObject(options.bucket, manifestKey(id), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'application/json');
  return manifest;
}
