/**
 * What each function may do to the school's table: only the actions its area's code performs.
 * A function that only reads cannot write; nothing may Scan (no request path does), administer
 * the table, or touch another table. TransactWriteItems needs the actions of the items it holds
 * (Put/Update/Delete/ConditionCheck), so no separate transaction action is granted.
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
};

/** Per scheduled job (functions/scheduled/<name>.ts). */
export const JOB_TABLE_ACTIONS: Record<string, readonly string[]> = {
  /**
   * Fans the change events out into notifications (Put/Delete of notifications, the event deleted),
   * queues their mail (a transaction of Puts), claims and marks the mail (UpdateItem), takes its
   * lease (UpdateItem) and may make the unsubscribe links' signing key (PutItem).
   */
  'deliver-mail': ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
};

export function tableActionsOf(kind: 'area' | 'job', name: string): readonly string[] {
  const actions = (kind === 'area' ? AREA_TABLE_ACTIONS : JOB_TABLE_ACTIONS)[name];
  if (!actions) throw new Error(`No table actions declared for ${kind} "${name}" (infra/lib/table-access.ts)`);
  return actions;
}
