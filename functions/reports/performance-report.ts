/**
 * п. 2.3, 7.3, 7.4 (b): успеваемость, качество знаний, СОУ and the average mark of a period, by
 * class, subject or teacher. One Query per journal in scope (AP1) and the rosters.
 */
import type { PerformanceReport } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { weightedAverage } from '#shared/domain/rules/average.ts';
import { figuresOfResults, figuresOfStudents, resultOfCurrent, resultOfFinal, type ResultValue } from '#shared/domain/rules/performance.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { asOfDay, byClass, journalsOf, loadJournals, loadReportYear, periodRef, resolvePeriod, staffNames, type JournalData, type ReportYear } from './report-data.ts';

export type PerformanceQuery = {
  periodId?: string | undefined;
  classId?: string | undefined;
  subjectId?: string | undefined;
  teacherId?: string | undefined;
  groupBy: 'class' | 'subject' | 'teacher';
  basis?: 'final' | 'current' | undefined;
};

/** Each student's result in one journal for the period. */
export type JournalResults = { data: JournalData; results: Map<string, ResultValue> };

/** Results of the journals: final marks of the period, or the rounded weighted average of its marks up to `asOf`. */
export function journalResults(journals: readonly JournalData[], period: StudyPeriod, basis: 'final' | 'current', y: ReportYear, asOf: string): JournalResults[] {
  return journals.map((data) => {
    const results = new Map<string, ResultValue>();
    for (const s of data.students) {
      if (basis === 'final') {
        const final = data.page.finalMarks.find((f) => f.studentId === s.studentId && f.studyPeriodId === period.id);
        results.set(s.studentId, final ? resultOfFinal(final.value) : 'none');
      } else {
        const marks = data.page.marks.filter((m) => m.studentId === s.studentId && m.date <= asOf);
        const values = marks.flatMap((m) => m.values);
        results.set(s.studentId, resultOfCurrent(weightedAverage(marks, y.workTypes), values, y.settings.roundingThreshold));
      }
    }
    return { data, results };
  });
}

export async function getPerformanceReport(ctx: AccessContext, q: PerformanceQuery, log: Logger, now = new Date()): Promise<PerformanceReport> {
  const y = await loadReportYear(now, q.periodId);
  const period = resolvePeriod(y, q.periodId);
  enforce(policy.getPerformanceReport(ctx, { classId: q.classId, teacherId: q.teacherId, from: period.startDate, to: period.endDate }), ctx, log);
  return computePerformance(y, period, q, now);
}

/** The report itself, without the caller's check: the scheduled control checks call it too. */
export async function computePerformance(y: ReportYear, period: StudyPeriod, q: PerformanceQuery, now: Date, loaded?: readonly JournalData[]): Promise<PerformanceReport> {
  const basis = q.basis ?? (period.endDate < y.today ? 'final' : 'current');
  const asOf = asOfDay(period, y.today);
  const refs = journalsOf(y, period.startDate, period.endDate, {
    grades: period.grades,
    ...(q.classId ? { classIds: new Set([q.classId]) } : {}),
    ...(q.subjectId ? { subjectId: q.subjectId } : {}),
    ...(q.teacherId ? { teacherId: q.teacherId } : {}),
  });
  // A control check that has read the period's journals already passes them in.
  const journals = loaded ?? (await loadJournals(refs, period.startDate, period.endDate));
  const results = journalResults(journals, period, basis, y, asOf);
  const names = q.groupBy === 'teacher' ? await staffNames() : new Map<string, string>();
  return {
    period: periodRef(period),
    basis,
    groupBy: q.groupBy,
    ...performanceRows(results, q.groupBy, names, y),
    generatedAt: now.toISOString(),
  };
}

type Rows = Pick<PerformanceReport, 'rows' | 'total'>;

/** Class rows count students (by their weakest result); subject and teacher rows count results. */
export function performanceRows(results: readonly JournalResults[], groupBy: PerformanceQuery['groupBy'], names: Map<string, string>, y: ReportYear): Rows {
  if (groupBy === 'class') {
    const byStudent = new Map<string, Map<string, ResultValue[]>>();
    for (const { data, results: r } of results) {
      const cls = byStudent.get(data.ref.classId) ?? new Map<string, ResultValue[]>();
      byStudent.set(data.ref.classId, cls);
      for (const [studentId, value] of r) cls.set(studentId, [...(cls.get(studentId) ?? []), value]);
    }
    const classes = y.structure.classes.filter((c) => byStudent.has(c.id)).sort(byClass);
    const rows = classes.map((c) => ({ key: c.id, label: c.name, ...figuresOfStudents([...byStudent.get(c.id)!.values()]) }));
    const all = [...byStudent.values()].flatMap((m) => [...m.values()]);
    return { rows: rows.filter((r) => r.n > 0), total: figuresOfStudents(all) };
  }
  const groups = new Map<string, { label: string; detail: Set<string>; values: ResultValue[] }>();
  for (const { data, results: r } of results) {
    const key = groupBy === 'subject' ? data.ref.subjectId : data.ref.teacherId;
    const label = groupBy === 'subject' ? data.ref.subjectName : (names.get(data.ref.teacherId) ?? data.ref.teacherId);
    const g = groups.get(key) ?? { label, detail: new Set<string>(), values: [] };
    groups.set(key, g);
    g.detail.add(groupBy === 'subject' ? data.ref.className : `${data.ref.groupName} ${data.ref.subject?.shortName ?? data.ref.subjectName}`);
    g.values.push(...r.values());
  }
  const collator = new Intl.Collator('ru', { numeric: true });
  const rows = [...groups.entries()]
    .map(([key, g]) => ({ key, label: g.label, detail: [...g.detail].join(', '), ...figuresOfResults(g.values) }))
    .filter((r) => r.n > 0)
    .sort((a, b) => collator.compare(a.label, b.label));
  return { rows, total: figuresOfResults([...groups.values()].flatMap((g) => g.values)) };
}
