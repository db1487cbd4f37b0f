import type { z } from 'zod';
import type { lessonSheetSchema } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { checkMarkAllowed } from '#shared/domain/rules/marks-allowed.ts';
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import { getNextLessonDate, getPeriodState } from '#functions/data/journal-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';
import { enrolledDuring, journalStudent, lessonResource, loadLesson } from './lesson-scope.ts';
import { lockOf, periodOfLesson } from './lesson-write.ts';

/**
 * One lesson, as its substitute opens it (п. 5.3) — or its teacher, or whoever reads its journal
 * on that date: the lesson, the students on its date, its marks and attendance (two queries); for
 * the one who keeps it also the next lesson's date and whether its entries are closed.
 */
export async function openLesson(ctx: AccessContext, lessonId: string, log: Logger, now = new Date()): Promise<z.input<typeof lessonSheetSchema>> {
  const { scope, lesson, sheet, roster } = await loadLesson(lessonId);
  enforce(policy.getLesson(ctx, lessonResource(lesson)), ctx, log);
  const keptByCaller = policy.saveLessonMarks(ctx, lessonResource(lesson)).allowed;
  const settings = scope.reference.settings ?? defaultSchoolSettings();
  const today = schoolToday(now);
  // For the one who writes it: the homework's default due date (a Query) and whether the lesson's
  // period is closed (a GetItem), side by side — only then.
  const period = keptByCaller ? periodOfLesson(scope, lesson.date) : undefined;
  const [nextLessonDate, state] = keptByCaller
    ? await Promise.all([
        getNextLessonDate(lessonId),
        period ? getPeriodState(lesson.subgroupId ?? lesson.classId, lesson.subjectId, period.endDate, period.id) : Promise.resolve(undefined),
      ])
    : [undefined, undefined];
  const lock = keptByCaller ? lockOf({ lesson, today, now, settings, period, state }) : null;
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
    today,
    fillDeadlineDays: settings.fillDeadlineDays,
    ...(lock ? { entryLock: { reason: lock.code === 'PERIOD_CLOSED' ? ('closed' as const) : ('locked' as const), message: lock.message } } : {}),
  };
}
