/**
 * A backup in the backups bucket (п. 7.1), under `backups/<id>/`:
 * - `part-00001.ndjson.gz` …: the items, gzip'd NDJSON in DynamoDB JSON (item-codec.ts);
 * - `manifest.json`, written last: a backup without it is incomplete and is ignored;
 * - `drill-<date>.json`: the result of each restore drill of this backup (restore-drill.ts).
 * Every key is made here. The id is the backup's start, UTC, to the minute: `2026-05-14T0230Z`,
 * so ids sort by time as text.
 */
import * as z from 'zod';

export const BACKUP_PREFIX = 'backups/';
export const MANIFEST_FORMAT = 'klassny-backup/1';

export const backupIdSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{4}Z$/, { error: 'Backup id is <yyyy-mm-dd>T<hhmm>Z' });

export function backupIdOf(at: Date): string {
  const iso = at.toISOString(); // 2026-05-14T02:30:12.345Z
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/** When a backup id's minute began. */
export function backupIdTime(id: string): Date {
  return new Date(`${id.slice(0, 10)}T${id.slice(11, 13)}:${id.slice(13, 15)}:00Z`);
}

export const backupPrefix = (id: string) => `${BACKUP_PREFIX}${id}/`;
export const partKey = (id: string, n: number) => `${backupPrefix(id)}part-${String(n).padStart(5, '0')}.ndjson.gz`;
export const manifestKey = (id: string) => `${backupPrefix(id)}manifest.json`;
export const drillResultKey = (id: string, date: string) => `${backupPrefix(id)}drill-${date}.json`;
export const drillResultPrefix = (id: string) => `${backupPrefix(id)}drill-`;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const entityStatsSchema = z.object({ count: z.number().int().min(0), checksum: sha256Schema });

export const backupManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  id: backupIdSchema,
  table: z.string().min(1),
  schoolId: z.string().optional(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  itemFormat: z.literal('dynamodb-json'),
  compression: z.literal('gzip'),
  itemCount: z.number().int().min(0),
  /** Items left out because their TTL had passed (DynamoDB deletes them within days). */
  skippedExpired: z.number().int().min(0),
  /** Size of the items as NDJSON before compression. */
  rawBytes: z.number().int().min(0),
  /** Size of the parts as stored. */
  bytes: z.number().int().min(0),
  checksum: z.object({ algorithm: z.string(), total: sha256Schema }),
  /** Per entity type (item-codec.ts, entityTypeOf): how many items and their checksum. */
  entities: z.record(z.string(), entityStatsSchema),
  parts: z.array(z.object({ key: z.string(), items: z.number().int().min(0), bytes: z.number().int().min(0), sha256: sha256Schema })),
  scan: z.object({ segments: z.number().int().min(1), consistentRead: z.boolean(), readCapacityUnits: z.number().min(0).optional() }),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** What a restore drill found, kept beside the backup it checked. */
export const drillResultSchema = z.object({
  backupId: backupIdSchema,
  at: z.iso.datetime(),
  ok: z.boolean(),
  scratchTable: z.string(),
  itemCount: z.number().int().min(0),
  restoreMs: z.number().min(0),
  totalMs: z.number().min(0),
  entities: z.record(z.string(), z.number().int().min(0)),
  problems: z.array(z.string()),
});

export type DrillResult = z.infer<typeof drillResultSchema>;
