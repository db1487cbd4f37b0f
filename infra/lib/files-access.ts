/**
 * What each function may do in the school's files bucket (files-bucket.ts): only the object
 * actions its area's code performs, and only under the key prefixes it works in.
 *
 * A presigned URL is signed with the function's own credentials and carries exactly its
 * permissions, so these grants are also what makes the browser's uploads and downloads work:
 * the journal presigns the PUT to `pending/<uploadId>`, the diary (and the journal, for teachers)
 * the GET of `homework/<lessonId>/<fileId>`.
 *
 * Nobody gets s3:ListBucket: no request path lists. Without it S3 answers a missing key with
 * 403 AccessDenied, not 404 NoSuchKey, so code asking whether an upload arrived (HeadObject) must
 * read 403 as "not there".
 *
 * HeadObject needs s3:GetObject, CopyObject s3:GetObject on the source and s3:PutObject on the
 * target; no other action is implied.
 */

/** Where objects live: uploads waiting to be checked, and homework files once attached to a lesson. */
export const FILE_KEY_PREFIXES = {
  /** `pending/<uploadId>`: the browser's presigned PUT; expires after a day (files-bucket.ts). */
  pending: 'pending/',
  /** `homework/<lessonId>/<fileId>`: copied there by the journal once the upload is checked. */
  homework: 'homework/',
  /** `reports/exports/<id>/<file>` (an export on request) and `reports/control/<check>/<period>/<file>` (a control check's справка). */
  reports: 'reports/',
} as const;

export type FilePrefix = keyof typeof FILE_KEY_PREFIXES;

/** One S3 object action on the objects under some prefixes. */
export type FileGrant = { action: `s3:${string}`; prefixes: readonly FilePrefix[] };

/** Per HTTP area (functions/http/areas/<area>.ts). */
export const AREA_FILE_ACCESS: Record<string, readonly FileGrant[]> = {
  /** Health and the API description: no files. */
  system: [],
  /** Accounts, codes, consents: no files. */
  identity: [],
  /** Notifications and their settings: no files. */
  notifications: [],
  /** Students and parents download homework through URLs it presigns: read, homework only. */
  diary: [{ action: 's3:GetObject', prefixes: ['homework'] }],
  /**
   * Teachers: presigns the upload (PutObject on pending), checks it (HeadObject/GetObject on
   * pending), copies it to the lesson (GetObject on pending, PutObject on homework), deletes the
   * pending object and removed homework files, presigns teachers' downloads (GetObject on homework).
   */
  /** Reports: writes an export or a check's files and presigns their downloads (GetObject). */
  reports: [
    { action: 's3:PutObject', prefixes: ['reports'] },
    { action: 's3:GetObject', prefixes: ['reports'] },
  ],
  journal: [
    { action: 's3:PutObject', prefixes: ['pending', 'homework'] },
    { action: 's3:GetObject', prefixes: ['pending', 'homework'] },
    { action: 's3:DeleteObject', prefixes: ['pending', 'homework'] },
  ],
};

/** Per scheduled job (functions/scheduled/<name>.ts). */
export const JOB_FILE_ACCESS: Record<string, readonly FileGrant[]> = {
  /** Sends queued mail: reads the reports it attaches. */
  'deliver-mail': [{ action: 's3:GetObject', prefixes: ['reports'] }],
  /** The control checks store their справки (PDF, XLSX) for their e-mails and the site. */
  'daily-fill-check': [{ action: 's3:PutObject', prefixes: ['reports'] }],
  'monthly-operator-control': [{ action: 's3:PutObject', prefixes: ['reports'] }],
  'period-control': [{ action: 's3:PutObject', prefixes: ['reports'] }],
  'final-marks-check': [{ action: 's3:PutObject', prefixes: ['reports'] }],
  'class-data-review': [{ action: 's3:PutObject', prefixes: ['reports'] }],
  'year-end-archive': [{ action: 's3:PutObject', prefixes: ['reports'] }],
  /** Backups go to the backups bucket (backups-access.ts): no homework files. */
  'backup-table': [],
  'restore-drill': [],
};

export function fileAccessOf(kind: 'area' | 'job', name: string): readonly FileGrant[] {
  const grants = (kind === 'area' ? AREA_FILE_ACCESS : JOB_FILE_ACCESS)[name];
  if (!grants) throw new Error(`No files bucket access declared for ${kind} "${name}" (infra/lib/files-access.ts)`);
  return grants;
}
