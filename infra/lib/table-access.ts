/**
 * What each function may do to the school's table: only the actions its area's code performs.
 * A function that only reads cannot write; nothing may Scan (no request path does) but the
 * backup export and the data migrations run by the deploy (MAINTENANCE_TABLE_ACTIONS), nothing
 * may administer the table, and nothing touches another table but the
 * restore drill its scratch tables (JOB_DRILL_TABLE_ACTIONS). TransactWriteItems needs the
 * actions of the items it holds (Put/Update/Delete/ConditionCheck), so no separate transaction
 * action is granted.
 */
const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'] as const;

/** Per HTTP area (functions/http/areas/<area>.ts). */
export const AREA_TABLE_ACTIONS: Record<string, readonly string[]> = {
  /** Health and the API description: no table at all. */
  system: [],
  /** Diaries and marks: reads only (the caller's account and context, the student's timeline). */
  diary: READ,
  /** The journal: reads, and marks written in audited transactions. */
  journal: [...READ, ...WRITE],
  /** Accounts, codes, consents, contacts, rate counters, the mail outbox. */
  identity: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  /**
   * The caller's own notifications and settings: read marks (UpdateItem), settings put or deleted
   * in audited transactions; the unsubscribe link's signing key made on first use (PutItem).
   */
  notifications: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  /** Reports read by access patterns; a check run on demand creates its report with its mails (a transaction of Puts). */
  reports: [...READ, 'dynamodb:PutItem'],
};

/** A control check reads like the reports and creates its report with its mails (functions/reports/control-checks.ts). */
const CONTROL_CHECK = [...READ, 'dynamodb:PutItem'] as const;

/** Per scheduled job (functions/scheduled/<name>.ts). */
export const JOB_TABLE_ACTIONS: Record<string, readonly string[]> = {
  /**
   * Fans the change events out into notifications (Put/Delete of notifications, the event deleted),
   * queues their mail (a transaction of Puts), claims and marks the mail (UpdateItem), takes its
   * lease (UpdateItem) and may make the unsubscribe links' signing key (PutItem).
   */
  'deliver-mail': ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  /** п. 7.1: reads the whole table with a parallel Scan — the one function that scans — and writes nothing. */
  'backup-table': ['dynamodb:Scan'],
  /** п. 7.1: takes its lease (UpdateItem) and queues the director's e-mail (PutItem); reads backups from S3, not the table. */
  'restore-drill': ['dynamodb:UpdateItem', 'dynamodb:PutItem'],
  'daily-fill-check': CONTROL_CHECK,
  'monthly-operator-control': CONTROL_CHECK,
  'period-control': CONTROL_CHECK,
  'final-marks-check': CONTROL_CHECK,
  'class-data-review': CONTROL_CHECK,
  'year-end-archive': CONTROL_CHECK,
};

/**
 * Per scheduled job: what it may do to its scratch tables `<school table>-drill-*` (made,
 * written, read back and deleted by the restore drill), and to no other table.
 */
export const JOB_DRILL_TABLE_ACTIONS: Record<string, readonly string[]> = {
  'restore-drill': ['dynamodb:CreateTable', 'dynamodb:DescribeTable', 'dynamodb:DeleteTable', 'dynamodb:BatchWriteItem', 'dynamodb:Scan'],
};

/** The name pattern of the drill's scratch tables (functions/backup/restore-drill.ts: `<table>-drill-<date>`). */
export const DRILL_TABLE_SUFFIX = '-drill-';

/** Per user pool trigger (functions/identity/<name>.ts). */
export const TRIGGER_TABLE_ACTIONS: Record<string, readonly string[]> = {
  /** Records a sign-in on the account: one conditional UpdateItem (a second, count only, when a later one came first). */
  'record-sign-in': ['dynamodb:UpdateItem'],
};

/** Per function the deploy itself runs (infra/lib/data-migrations.ts), not the product's users or schedules. */
export const MAINTENANCE_TABLE_ACTIONS: Record<string, readonly string[]> = {
  /**
   * The data migrations (functions/migrations): read their records (Query) and the table page by
   * page (Scan), take and renew their lease and record progress (UpdateItem), read an item again
   * after a write met a user's change (GetItem), and make each migration's conditional writes
   * (UpdateItem, PutItem). Nothing is deleted: a migration never removes what the old release reads.
   */
  migrate: ['dynamodb:Query', 'dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
};

export function tableActionsOf(kind: 'area' | 'job' | 'trigger' | 'maintenance', name: string): readonly string[] {
  const actions = (
    kind === 'area' ? AREA_TABLE_ACTIONS : kind === 'job' ? JOB_TABLE_ACTIONS : kind === 'trigger' ? TRIGGER_TABLE_ACTIONS : MAINTENANCE_TABLE_ACTIONS
  )[name];
  if (!actions) throw new Error(`No table actions declared for ${kind} "${name}" (infra/lib/table-access.ts)`);
  return actions;
}
