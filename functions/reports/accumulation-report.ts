/**
 * Накопляемость (п. 7.4 b): marks per student and journal against the lessons held, and who has
 * too few. One Query per journal in scope (AP1) and the rosters; grade 1 has no marks (п. 5.6).
 */
import type { MarkAccumulationReport } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { countsAsMark, requiredMarks } from '#shared/domain/rules/accumulation.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { asOfDay, journalsOf, loadJournals, loadReportYear, periodRef, resolvePeriod, staffNames, studentName, type JournalData, type ReportYear } from './report-data.ts';

export type AccumulationQuery = { periodId?: string | undefined; classId?: string | undefined; subjectId?: string | undefined; teacherId?: string | undefined };

export async function getMarkAccumulationReport(ctx: AccessContext, q: AccumulationQuery, log: Logger, now = new Date()): Promise<MarkAccumulationReport> {
  const y = await loadReportYear(now, q.periodId);
  const period = resolvePeriod(y, q.periodId);
  enforce(policy.getMarkAccumulationReport(ctx, { classId: q.classId, teacherId: q.teacherId, from: period.startDate, to: period.endDate }), ctx, log);
  const refs = journalsOf(y, period.startDate, period.endDate, {
    grades: period.grades.filter((g) => g > 1),
    ...(q.classId ? { classIds: new Set([q.classId]) } : {}),
    ...(q.subjectId ? { subjectId: q.subjectId } : {}),
    ...(q.teacherId ? { teacherId: q.teacherId } : {}),
  });
  const [journals, names] = await Promise.all([loadJournals(refs, period.startDate, period.endDate), staffNames()]);
  return { ...computeAccumulation(y, period, journals, names), generatedAt: now.toISOString() };
}

export function computeAccumulation(y: ReportYear, period: StudyPeriod, journals: readonly JournalData[], names: Map<string, string>): Omit<MarkAccumulationReport, 'generatedAt'> {
  const asOf = asOfDay(period, y.today);
  const rows = journals
    .filter((j) => j.ref.grade > 1)
    .map(({ ref, page, students }) => {
      const lessonsHeld = page.lessons.filter((l) => l.status === 'conducted' && l.date <= asOf).length;
      const required = requiredMarks(lessonsHeld);
      const perStudent = students.map((s) => {
        const own = page.marks.filter((m) => m.studentId === s.studentId && m.date <= asOf);
        const exempt = own.length > 0 && own.every((m) => !countsAsMark(m.values));
        return { studentId: s.studentId, name: studentName(s), marks: own.filter((m) => countsAsMark(m.values)).length, exempt };
      });
      const counted = perStudent.filter((s) => !s.exempt);
      const marks = counted.reduce((n, s) => n + s.marks, 0);
      return {
        groupId: ref.groupId,
        classId: ref.classId,
        groupName: ref.groupName,
        subjectId: ref.subjectId,
        subjectName: ref.subjectName,
        teacherName: names.get(ref.teacherId) ?? ref.teacherId,
        lessonsHeld,
        required,
        students: counted.length,
        marks,
        averagePerStudent: counted.length ? Math.round((marks / counted.length) * 10) / 10 : null,
        tooFew: counted.filter((s) => s.marks < required).map(({ exempt: _e, ...s }) => s),
      };
    });
  return { period: periodRef(period), asOf, journals: rows };
}
