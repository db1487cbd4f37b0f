import type { LessonResource } from '#shared/authz/policy.ts';
import type { Lesson } from '#shared/domain/lesson.ts';
import { parseLessonId } from '#shared/domain/lesson-id.ts';
import type { Subject } from '#shared/domain/subject.ts';
import { getLessonSheet, type JournalPage } from '#functions/data/journal-repository.ts';
import { fullName, getRoster, type RosterEntry } from '#functions/data/people-repository.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import { resolveJournalScope, type JournalScope } from './journal-scope.ts';

export type LessonScope = { scope: JournalScope; lesson: Lesson; sheet: JournalPage; roster: RosterEntry[] };

/**
 * One lesson with what the journal holds for it, its class or subgroup and the class roster: the
 * lesson's slot of the journal partition and the roster (two queries, side by side).
 */
export async function loadLesson(lessonId: string): Promise<LessonScope> {
  const c = parseLessonId(lessonId);
  if (!c) throw new NotFoundError('Такого урока нет.');
  const scope = await resolveJournalScope(c.groupId, c.subjectId);
  const [sheet, roster] = await Promise.all([getLessonSheet(lessonId), getRoster(scope.schoolClass.id)]);
  if (!sheet.lesson) throw new NotFoundError('Такого урока нет.');
  return { scope, lesson: sheet.lesson, sheet, roster };
}

/** What the policy decides on: where, what, when, and who teaches or substitutes the lesson. */
export const lessonResource = (lesson: Lesson): LessonResource => ({
  date: lesson.date,
  classId: lesson.classId,
  subgroupId: lesson.subgroupId,
  subjectId: lesson.subjectId,
  teacherId: lesson.teacherId,
  substituteTeacherId: lesson.substituteTeacherId,
});

/** Is this roster line a student of the class (and subgroup) between these dates? */
export const enrolledDuring = (r: RosterEntry, subgroupId: string | undefined, from: string, to: string) =>
  r.from <= to && (!r.to || r.to >= from) && (!subgroupId || r.subgroupIds.includes(subgroupId));

/**
 * A journal's students as its page shows them. The medical health group is health data: only a
 * physical-education journal carries it, where п. 6.2 needs it for final marks.
 */
export const journalStudent = (r: RosterEntry, subject: Pick<Subject, 'isPhysicalEducation'>) => ({
  studentId: r.studentId,
  name: fullName(r),
  ...(subject.isPhysicalEducation && r.healthGroup ? { healthGroup: r.healthGroup } : {}),
  from: r.from,
  ...(r.to ? { to: r.to } : {}),
});
