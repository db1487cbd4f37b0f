import type { z } from 'zod';
import type { classJournalSchema } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { checkMarkAllowed } from '#shared/domain/rules/marks-allowed.ts';
import { getJournal } from '#functions/data/journal-repository.ts';
import { fullName, getRoster } from '#functions/data/people-repository.ts';
import { enforce } from '#functions/http/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { resolveJournalScope } from './journal-scope.ts';
import { choosePeriod } from './periods.ts';
import { schoolToday } from './school-clock.ts';

/**
 * Opens a class or subgroup journal for one subject and period: the journal partition (lessons,
 * marks, attendance) and the class roster — two queries, side by side.
 */
export async function openClassJournal(
  ctx: AccessContext,
  input: { groupId: string; subjectId: string; periodId?: string },
  log: Logger,
): Promise<z.input<typeof classJournalSchema>> {
  const scope = await resolveJournalScope(input.groupId, input.subjectId);
  const classId = scope.schoolClass.id;
  enforce(policy.getClassJournal(ctx, { classId, groupId: input.groupId, subjectId: input.subjectId }), ctx, log);
  const period = choosePeriod(scope.structure.periods, scope.schoolClass.grade, schoolToday(), input.periodId);
  const [page, roster] = await Promise.all([getJournal(input.groupId, input.subjectId, period.startDate, period.endDate), getRoster(classId)]);
  const students = roster
    .filter((r) => !scope.subgroup || r.subgroupIds.includes(scope.subgroup.id))
    .filter((r) => r.from <= period.endDate && (!r.to || r.to >= period.startDate))
    .map((r) => ({ studentId: r.studentId, name: fullName(r), healthGroup: r.healthGroup, from: r.from, to: r.to }));
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
    students,
    lessons: page.lessons,
    marks: page.marks,
    attendance: page.attendance,
    workTypes: [...scope.workTypes],
  };
}
