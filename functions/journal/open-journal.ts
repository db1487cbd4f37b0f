import type { z } from 'zod';
import type { classJournalSchema } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { checkMarkAllowed } from '#shared/domain/rules/marks-allowed.ts';
import { getJournal } from '#functions/data/journal-repository.ts';
import { getRoster } from '#functions/data/people-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';
import { resolveJournalScope } from './journal-scope.ts';
import { enrolledDuring, journalStudent, lessonResource } from './lesson-scope.ts';
import { entryLock } from '#shared/domain/journal-period.ts';
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import { choosePeriod } from './periods.ts';

/**
 * Opens a class or subgroup journal for one subject and period: the journal partition (lessons,
 * marks, attendance) and the class roster — two queries, side by side. Access is decided for the
 * period's dates (a teacher replaced mid-year reads the periods they taught).
 */
export async function openClassJournal(
  ctx: AccessContext,
  input: { groupId: string; subjectId: string; periodId?: string | undefined },
  log: Logger,
): Promise<z.input<typeof classJournalSchema>> {
  const scope = await resolveJournalScope(input.groupId, input.subjectId);
  const classId = scope.schoolClass.id;
  const period = choosePeriod(scope.structure.periods, scope.schoolClass.grade, schoolToday(), input.periodId);
  enforce(
    policy.getClassJournal(ctx, { classId, groupId: input.groupId, subjectId: input.subjectId, from: period.startDate, to: period.endDate }),
    ctx,
    log,
  );
  const [page, roster] = await Promise.all([getJournal(input.groupId, input.subjectId, period.startDate, period.endDate), getRoster(classId)]);
  const settings = scope.reference.settings ?? defaultSchoolSettings();
  const now = new Date();
  const today = schoolToday(now);
  const state = page.states.find((s) => s.periodId === period.id);
  // What the caller may write, and what is closed to them now (п. 5.3, 5.5, 6.1; the school's lock).
  const kept = page.lessons.filter((l) => policy.saveLessonMarks(ctx, lessonResource(l)).allowed);
  const lockedLessons = kept.flatMap((l) => {
    const reason = entryLock({ lessonDate: l.date, today, now: now.toISOString(), lockAfterDays: settings.lockAfterDays, state });
    return reason ? [{ lessonId: l.id, reason }] : [];
  });
  return {
    classId,
    className: scope.schoolClass.name,
    groupId: input.groupId,
    groupName: scope.subgroup?.name ?? scope.schoolClass.name,
    subjectId: scope.subject.id,
    subjectName: scope.subject.name,
    grade: scope.schoolClass.grade,
    marksAllowed: checkMarkAllowed(scope.schoolClass.grade) === null,
    period: { id: period.id, name: period.name, startDate: period.startDate, endDate: period.endDate },
    students: roster.filter((r) => enrolledDuring(r, scope.subgroup?.id, period.startDate, period.endDate)).map((r) => journalStudent(r, scope.subject)),
    lessons: page.lessons,
    marks: page.marks,
    attendance: page.attendance,
    finalMarks: page.finalMarks.filter((f) => f.studyPeriodId === period.id),
    workTypes: [...scope.workTypes],
    attendanceCodes: settings.attendanceCodes.filter((c) => !c.archived),
    state: {
      closed: entryLock({ lessonDate: period.endDate, today, now: now.toISOString(), state }) === 'closed',
      ...(state?.closedAt ? { closedAt: state.closedAt } : {}),
      ...(state?.reopenedUntil ? { reopenedUntil: state.reopenedUntil } : {}),
      version: state?.version ?? 0,
    },
    keptLessonIds: kept.map((l) => l.id),
    lockedLessons,
    settings: {
      fillDeadlineDays: settings.fillDeadlineDays,
      ...(settings.lockAfterDays !== undefined ? { lockAfterDays: settings.lockAfterDays } : {}),
      roundingThreshold: settings.roundingThreshold,
    },
    today,
  };
}
