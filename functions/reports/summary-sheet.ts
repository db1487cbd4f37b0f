/**
 * Сводная ведомость (п. 2.3, 6.1): a class's final marks by subject for every period of the year
 * that has begun — one Query of the class's final marks per period (AP7) and the roster; with a
 * student, that student's report card (табель) from the same data.
 */
import type { SummarySheet } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import type { FinalMarkValue } from '#shared/domain/final-mark.ts';
import { figuresOfStudents, resultOfFinal } from '#shared/domain/rules/performance.ts';
import { getClassFinalMarks } from '#functions/data/records-repository.ts';
import { byName, getRoster } from '#functions/data/people-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { enrolledDuring, journalsOf, loadReportYear, periodRef, studentName } from './report-data.ts';

export type SummaryQuery = { classId: string; periodId?: string | undefined; studentId?: string | undefined };

const kindOrder = { quarter: 0, trimester: 0, 'half-year': 1, year: 2 } as const;

export async function getSummarySheet(ctx: AccessContext, q: SummaryQuery, log: Logger, now = new Date()): Promise<SummarySheet> {
  const y = await loadReportYear(now);
  const schoolClass = y.structure.classes.find((c) => c.id === q.classId);
  if (!schoolClass) throw new NotFoundError('Такого класса нет.');
  const periods = y.structure.periods
    .filter((p) => p.grades.includes(schoolClass.grade) && p.startDate <= y.today)
    .sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.startDate.localeCompare(b.startDate));
  // By default the latest period that has ended (its final marks are the sheet), else the running one.
  const latest = (list: typeof periods) => [...list].filter((p) => p.kind !== 'year').sort((a, b) => b.endDate.localeCompare(a.endDate))[0];
  const chosen = q.periodId ? periods.find((p) => p.id === q.periodId) : (latest(periods.filter((p) => p.endDate < y.today)) ?? latest(periods));
  if (!chosen) throw new NotFoundError('Такого учебного периода для этого класса нет.');
  enforce(policy.getSummarySheet(ctx, { classId: schoolClass.id, from: chosen.startDate, to: chosen.endDate }), ctx, log);

  const [roster, ...finals] = await Promise.all([getRoster(schoolClass.id), ...periods.map((p) => getClassFinalMarks(schoolClass.id, p.id))]);
  const subjectIds = new Set(journalsOf(y, y.year.startDate, y.year.endDate, { classIds: new Set([schoolClass.id]) }).map((j) => j.subjectId));
  for (const list of finals) for (const f of list) subjectIds.add(f.subjectId);
  const subjects = y.subjects.filter((s) => subjectIds.has(s.id)).map((s) => ({ subjectId: s.id, name: s.name }));

  const students = roster
    .filter((r) => enrolledDuring(r, undefined, chosen.startDate, chosen.endDate) || finals.some((l) => l.some((f) => f.studentId === r.studentId)))
    .filter((r) => !q.studentId || r.studentId === q.studentId)
    .sort(byName)
    .map((r) => {
      const marks: Record<string, Record<string, FinalMarkValue>> = {};
      periods.forEach((p, i) => {
        for (const f of finals[i]!) if (f.studentId === r.studentId) (marks[p.id] ??= {})[f.subjectId] = f.value;
      });
      const own = Object.values(marks[chosen.id] ?? {});
      const numeric = own.filter((v) => ['1', '2', '3', '4', '5'].includes(v)).map(Number);
      const count = (v: string) => own.filter((x) => x === v).length;
      return {
        studentId: r.studentId,
        name: studentName(r),
        marks,
        average: numeric.length ? Math.round((numeric.reduce((a, b) => a + b, 0) / numeric.length) * 100) / 100 : null,
        counts: { n5: count('5'), n4: count('4'), n3: count('3'), n2: count('2') + count('1'), nNa: count('н/а') },
      };
    });
  if (q.studentId && students.length === 0) throw new NotFoundError('Этого ученика нет в классе.');
  return {
    classId: schoolClass.id,
    className: schoolClass.name,
    periods: periods.map(periodRef),
    subjects,
    students,
    periodId: chosen.id,
    figures: figuresOfStudents(students.map((s) => Object.values(s.marks[chosen.id] ?? {}).map(resultOfFinal))),
    generatedAt: now.toISOString(),
  };
}
