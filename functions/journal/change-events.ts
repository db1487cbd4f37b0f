import type { Attendance } from '#shared/domain/attendance.ts';
import type { Lesson } from '#shared/domain/lesson.ts';
import type { Mark } from '#shared/domain/mark.ts';
import { changeEventWrite, isNotable, type ChangeEvent, type ChangeValue, type EntityChange } from '#functions/data/change-outbox.ts';
import type { AuditedWrite } from '#functions/data/audited-transaction.ts';

/**
 * The journal's writes tell families through one change event in the write's own transaction
 * (functions/data/change-outbox.ts). These build it from what the write knows — the records
 * before and after — and leave it out when nothing a family would notice changed.
 */
type Base = Omit<ChangeEvent, 'changes' | 'topic'>;

export function lessonEventBase(lesson: Lesson, clientRequestId: string, by: string, now: Date): Base {
  return {
    id: clientRequestId,
    at: now.toISOString(),
    by,
    classId: lesson.classId,
    ...(lesson.subgroupId ? { subgroupId: lesson.subgroupId } : {}),
    subjectId: lesson.subjectId,
    date: lesson.date,
    lessonId: lesson.id,
  };
}

export const markValue = (m: Pick<Mark, 'values' | 'workTypeId' | 'comment'>): ChangeValue => ({
  kind: 'mark',
  values: [...m.values],
  workTypeId: m.workTypeId,
  ...(m.comment ? { comment: m.comment } : {}),
});

export const absenceValue = (a: Pick<Attendance, 'code' | 'minutesLate'> | undefined): ChangeValue | null =>
  a ? { kind: 'absence', code: a.code, ...(a.minutesLate ? { minutesLate: a.minutesLate } : {}) } : null;

export const homeworkValue = (l: Pick<Lesson, 'homework' | 'homeworkFiles'>): ChangeValue | null =>
  l.homework || l.homeworkFiles?.length
    ? { kind: 'homework', text: l.homework?.text ?? '', ...(l.homework?.dueDate ? { dueDate: l.homework.dueDate } : {}), files: l.homeworkFiles?.length ?? 0 }
    : null;

/** The event's write, or nothing when no change is notable. */
export function changeEventWrites(base: Base, topic: ChangeEvent['topic'], changes: EntityChange[]): AuditedWrite[] {
  const notable = changes.filter(isNotable);
  return notable.length ? [changeEventWrite({ ...base, topic, changes: notable })] : [];
}

/**
 * Homework is news while it can still be done: set for a lesson whose due date (or, without one,
 * whose day) is today or later. Homework typed in for a lesson long past tells nobody.
 */
export function homeworkIsCurrent(lesson: Pick<Lesson, 'date' | 'homework'>, today: string): boolean {
  return (lesson.homework?.dueDate ?? lesson.date) >= today;
}
