/**
 * The school's complete backups, newest first, with their last restore drill (п. 7.1): one
 * ListObjectsV2 of the backup folders, then each folder's manifest and drill results side by side.
 */
import { BACKUP_LIST_LIMIT, backupListSchema, type BackupList, type BackupSummary } from '#shared/api/backups.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { getObjectBytes, listBackupIds, listKeys, readManifest } from './backup-store.ts';
import { drillResultPrefix, drillResultSchema } from './manifest.ts';

/** The bucket the functions were given; a stack without one is a deployment bug. */
export function backupsBucket(): string {
  const bucket = functionEnv().BACKUPS_BUCKET;
  if (!bucket) throw new Error('BACKUPS_BUCKET is not set (shared/config/function-env.ts)');
  return bucket;
}

export async function listBackups(limit = BACKUP_LIST_LIMIT, bucket = backupsBucket()): Promise<BackupList> {
  const take = Math.max(1, Math.min(limit, BACKUP_LIST_LIMIT));
  const ids = (await listBackupIds(bucket)).reverse();
  const items: BackupSummary[] = [];
  // Incomplete folders (a run that died before its manifest) are skipped, so read a few extra.
  for (let from = 0; from < ids.length && items.length < take; from += take) {
    const found = await Promise.all(ids.slice(from, from + take).map((id) => summaryOf(bucket, id)));
    for (const summary of found) if (summary && items.length < take) items.push(summary);
  }
  return backupListSchema.parse({ items });
}

async function summaryOf(bucket: string, id: string): Promise<BackupSummary | undefined> {
  const [manifest, drillKeys] = await Promise.all([readManifest(bucket, id), listKeys(bucket, drillResultPrefix(id))]);
  if (!manifest) return undefined;
  const summary: BackupSummary = {
    id,
    takenAt: manifest.startedAt,
    itemCount: manifest.itemCount,
    bytes: manifest.bytes,
    entityCounts: Object.fromEntries(Object.entries(manifest.entities).map(([type, stats]) => [type, stats.count])),
  };
  // drill-<yyyy-mm-dd>.json sorts by date: the last key is the latest drill.
  const last = drillKeys.sort().at(-1);
  const body = last ? await getObjectBytes(bucket, last) : undefined;
  const drill = body ? drillResultSchema.safeParse(JSON.parse(Buffer.from(body).toString('utf8'))) : undefined;
  if (drill?.success) summary.verified = { at: drill.data.at, ok: drill.data.ok };
  return summary;
}
