import type { z } from 'zod';
import type { lessonSheetSchema } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { checkMarkAllowed } from '#shared/domain/rules/marks-allowed.ts';
import { getNextLessonDate } from '#functions/data/journal-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { enrolledDuring, journalStudent, lessonResource, loadLesson } from './lesson-scope.ts';

/**
 * One lesson, as its substitute opens it (п. 5.3) — or its teacher, or whoever reads its journal
 * on that date: the lesson, the students on its date, its marks and attendance. Two queries.
 */
export async function openLesson(ctx: AccessContext, lessonId: string, log: Logger): Promise<z.input<typeof lessonSheetSchema>> {
  const { scope, lesson, sheet, roster } = await loadLesson(lessonId);
  enforce(policy.getLesson(ctx, lessonResource(lesson)), ctx, log);
  const keptByCaller = policy.saveLessonMarks(ctx, lessonResource(lesson)).allowed;
  // The homework's default due date, for the one who writes it (one more Query, only then).
  const nextLessonDate = keptByCaller ? await getNextLessonDate(lessonId) : undefined;
  const subgroupId = scope.subgroup?.id;
  return {
    lesson,
    classId: scope.schoolClass.id,
    className: scope.schoolClass.name,
    groupId: subgroupId ?? scope.schoolClass.id,
    groupName: scope.subgroup?.name ?? scope.schoolClass.name,
    subjectName: scope.subject.name,
    grade: scope.schoolClass.grade,
    marksAllowed: checkMarkAllowed(scope.schoolClass.grade) === null,
    students: roster.filter((r) => enrolledDuring(r, subgroupId, lesson.date, lesson.date)).map((r) => journalStudent(r, scope.subject)),
    marks: sheet.marks,
    attendance: sheet.attendance,
    workTypes: [...scope.workTypes],
    keptByCaller,
    ...(nextLessonDate ? { nextLessonDate } : {}),
  };
}
