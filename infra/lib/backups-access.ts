/**
 * What each function may do in the school's backups bucket (backups-bucket.ts), only under
 * `backups/` (functions/backup/manifest.ts makes every key there):
 * - `list`: s3:ListBucket limited to the `backups/` prefix (listBackups, the drill finding the latest);
 * - `read`: s3:GetObject of `backups/*` (manifests, parts, drill results);
 * - `write`: s3:PutObject of `backups/*` (the export's parts and manifest, the drill's result).
 * Nobody may delete: old backups go by the bucket's lifecycle, and versioning keeps what is
 * overwritten for 30 days — a function that is misused cannot destroy the backups.
 */
export const BACKUP_KEY_PREFIX = 'backups/';

export type BackupAccess = 'list' | 'read' | 'write';

/** Per HTTP area (functions/http/areas/<area>.ts). */
export const AREA_BACKUP_ACCESS: Record<string, readonly BackupAccess[]> = {
  /** listBackups: the manifests and drill results, newest first. */
  reports: ['list', 'read'],
};

/** Per scheduled job (functions/scheduled/<name>.ts); a job not named here gets nothing. */
export const JOB_BACKUP_ACCESS: Record<string, readonly BackupAccess[]> = {
  /** Writes the parts and the manifest, each only if its key is free; reads nothing back. */
  'backup-table': ['write'],
  /** Finds the latest backup, reads it, writes its result beside it. */
  'restore-drill': ['list', 'read', 'write'],
};

export function backupAccessOf(kind: 'area' | 'job', name: string): readonly BackupAccess[] {
  return (kind === 'area' ? AREA_BACKUP_ACCESS : JOB_BACKUP_ACCESS)[name] ?? [];
}
