/**
 * Scheduled, nightly (п. 7.1 «регулярное резервное копирование»): exports the whole table to the
 * backups bucket — gzip'd NDJSON parts, then the manifest (functions/backup/export-table.ts).
 * Each run writes a new backup named by its start minute; the bucket's lifecycle removes old ones.
 * Beside it, AWS keeps point-in-time recovery and AWS Backup snapshots (docs/backups.md).
 */
import { functionEnv } from '#shared/config/function-env.ts';
import { exportTable } from '#functions/backup/export-table.ts';
import { backupsBucket } from '#functions/backup/list-backups.ts';
import { logger } from '#functions/lib/logger.ts';

export type BackupTableResult = { id: string; itemCount: number; skippedExpired: number; bytes: number; parts: number; ms: number };

export async function handler(_event?: unknown): Promise<BackupTableResult> {
  const log = logger.child({ job: 'backup-table' });
  const env = functionEnv();
  const started = Date.now();
  const manifest = await exportTable({ tableName: env.TABLE_NAME, bucket: backupsBucket(), schoolId: env.SCHOOL_ID, now: new Date() });
  const result = {
    id: manifest.id,
    itemCount: manifest.itemCount,
    skippedExpired: manifest.skippedExpired,
    bytes: manifest.bytes,
    parts: manifest.parts.length,
    ms: Date.now() - started,
  };
  log.info('backup-table done', { ...result, readCapacityUnits: manifest.scan.readCapacityUnits });
  return result;
}
