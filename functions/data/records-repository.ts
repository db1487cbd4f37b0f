/** Final marks, audit history, messages and notifications: one Query each. */
import type { FinalMark } from '#shared/domain/final-mark.ts';
import type { AuditEvent } from '#shared/domain/audit-event.ts';
import { keys, RANGE_END } from './keys.ts';
import { queryPrefix, queryRange, stripKeys, type StoredItem } from './query.ts';

/** A final mark as stored: in its journal's partition at its period's end (see keys.finalMark). */
export function finalMarkItem(mark: FinalMark, periodEnd: string): StoredItem {
  return {
    ...keys.finalMark(mark.groupId, mark.subjectId, periodEnd, mark.studyPeriodId, mark.studentId),
    ...keys.finalMarkInClass(mark.classId, mark.studyPeriodId, mark.subjectId, mark.studentId),
    ...keys.studentFinal(mark.studentId, mark.studyPeriodId, mark.subjectId),
    type: 'FinalMark',
    ...mark,
  };
}

/** AP7 · final marks of a class for a period, every subject: Query gsi3 pk = FINALS#<class>#<period>. */
export async function getClassFinalMarks(classId: string, periodId: string): Promise<FinalMark[]> {
  const items = await queryPrefix({ name: 'gsi3pk', value: `FINALS#${classId}#${periodId}` }, 'gsi3sk', '', { index: 'gsi3' });
  return items.map((i) => stripKeys<FinalMark>(i));
}

/** AP3b · a student's final marks (of one period, or of all with prefix ''): Query gsi1 pk = STUDENT#<id>, sk begins_with FINAL#<period>. */
export async function getStudentFinalMarks(studentId: string, periodPrefix = ''): Promise<FinalMark[]> {
  const items = await queryPrefix({ name: 'gsi1pk', value: `STUDENT#${studentId}` }, 'gsi1sk', `FINAL#${periodPrefix}`, { index: 'gsi1' });
  return items.map((i) => stripKeys<FinalMark>(i));
}

/** AP8 · the history of one record (e.g. one mark): Query pk = AUDIT#<entityKey>, oldest first. */
export async function getHistory(entityKey: string): Promise<AuditEvent[]> {
  const items = await queryPrefix({ name: 'pk', value: `AUDIT#${entityKey}` }, 'sk', '', { consistent: true });
  return items.map((i) => stripKeys<AuditEvent>(i));
}

export type InboxEntry = { messageId: string; threadId: string; senderId: string; senderName: string; subject: string; sentAt: string; readAt?: string };

export function inboxItem(recipientId: string, entry: InboxEntry): StoredItem {
  return { ...keys.inboxEntry(recipientId, entry.sentAt, entry.messageId), type: 'InboxEntry', recipientId, ...entry };
}

/** AP9 · a user's messages, newest first, one page: Query pk = INBOX#<person>, descending, Limit. */
export async function getInbox(personId: string, limit = 50): Promise<InboxEntry[]> {
  const items = await queryPrefix({ name: 'pk', value: `INBOX#${personId}` }, 'sk', '', { limit, newestFirst: true });
  return items.map((i) => stripKeys<InboxEntry>(i));
}

