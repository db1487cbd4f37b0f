import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { ChangeValue, NotificationTopic } from '#shared/domain/notification.ts';

export type { ChangeValue };
import { documentClient } from '#functions/lib/dynamo-client.ts';
import type { AuditedWrite } from './audited-transaction.ts';
import { CHANGE_PENDING, keys, RANGE_END } from './keys.ts';
import { queryAll, stripKeys } from './query.ts';
import { tableName } from './table.ts';

/**
 * The outbox of the journal's changes that families are told about (п. 2.4, 2.5). A saving
 * request writes ONE change event in its own transaction — whatever it changed, so the 100-item
 * limit of a transaction costs one item — and the scheduled `deliver-mail` fans it out into each
 * recipient's notifications. So a change and its notice are never half done, and a change that
 * failed tells nobody.
 */

export type EntityChange = {
  /** The student it concerns; absent for a lesson's homework (every student of the group). */
  studentId?: string;
  /** Stable key of the changed record (a mark's id, `ATT#<lesson>#<student>`, `HW#<lesson>`, `FINAL#…`). */
  entityKey: string;
  /** The record's version after this change (a deletion counts as a change: version before + 1). */
  version: number;
  before: ChangeValue | null;
  after: ChangeValue | null;
};

export type ChangeEvent = {
  /** The saving request's clientRequestId: one event per request, never two. */
  id: string;
  topic: NotificationTopic;
  at: string;
  /** Who changed it (person id). */
  by: string;
  classId: string;
  subgroupId?: string;
  subjectId: string;
  /** The lesson's date, or the period's last day for final marks. */
  date: string;
  lessonId?: string;
  periodId?: string;
  changes: EntityChange[];
};

/** The event's Put, to go into the change's own transaction (created once: a replay fails before it). */
export function changeEventWrite(event: ChangeEvent): AuditedWrite {
  return {
    item: {
      Put: {
        TableName: tableName(),
        Item: { ...keys.changeEvent(event.id), ...keys.changeDue(event.at), type: 'ChangeEvent', ...event },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** Whether a change is worth telling: a value that differs from what was there. */
export function isNotable(change: Pick<EntityChange, 'before' | 'after'>): boolean {
  return !sameValue(change.before, change.after);
}

/** Equal as the recipient sees it (a mark's comment alone is not news). */
export function sameValue(a: ChangeValue | null, b: ChangeValue | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'mark':
      return b.kind === 'mark' && a.workTypeId === b.workTypeId && a.values.join('/') === b.values.join('/');
    case 'absence':
      return b.kind === 'absence' && a.code === b.code;
    case 'homework':
      return b.kind === 'homework' && a.text === b.text && a.dueDate === b.dueDate && a.files === b.files;
    case 'final-mark':
      return b.kind === 'final-mark' && a.value === b.value;
  }
}

/** AP10 · change events waiting for the fan-out, oldest first: Query due pk = CHANGE#PENDING, dueAt ≤ now. */
export async function listPendingChanges(now: Date, limit: number): Promise<ChangeEvent[]> {
  const items = await queryAll({
    IndexName: 'due',
    KeyConditionExpression: 'duePk = :pk AND dueAt <= :now',
    ExpressionAttributeValues: { ':pk': CHANGE_PENDING, ':now': `${now.toISOString()}${RANGE_END}` },
    Limit: limit,
  });
  return items.map((i) => stripKeys<ChangeEvent>(i));
}

/** Done: the event leaves the outbox. */
export async function deleteChange(eventId: string): Promise<void> {
  await documentClient.send(new DeleteCommand({ TableName: tableName(), Key: keys.changeEvent(eventId) }));
}
