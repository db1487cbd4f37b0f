/**
 * Attendance (п. 2.3, 5.11): lessons and days missed by student and class, by code, for a period
 * or any dates of the year. Every journal of the classes in scope over the dates (AP1) and rosters.
 */
import type { AttendanceReport } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { findAttendanceCode } from '#shared/domain/attendance-codes.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { byClass, journalsOf, loadJournals, loadReportYear, percentOf, periodRef, resolvePeriod, studentName, type JournalData, type ReportYear } from './report-data.ts';

export type AttendanceQuery = { periodId?: string | undefined; classId?: string | undefined; from?: string | undefined; to?: string | undefined; minAbsences: number };

export async function getAttendanceReport(ctx: AccessContext, q: AttendanceQuery, log: Logger, now = new Date()): Promise<AttendanceReport> {
  const y = await loadReportYear(now, q.periodId);
  const period = q.from && q.to && !q.periodId ? undefined : resolvePeriod(y, q.periodId);
  const from = period?.startDate ?? q.from!;
  const to = period ? (period.endDate < y.today ? period.endDate : y.today) : q.to!;
  if (from > to) throw new ValidationError([{ path: 'query.to', message: 'Дата окончания раньше даты начала' }]);
  enforce(policy.getAttendanceReport(ctx, { classId: q.classId, from, to }), ctx, log);
  const refs = journalsOf(y, from, to, q.classId ? { classIds: new Set([q.classId]) } : {});
  const journals = await loadJournals(refs, from, to);
  return { ...computeAttendance(y, journals, from, to, q.minAbsences, q.classId !== undefined), ...(period ? { period: periodRef(period) } : {}), generatedAt: now.toISOString() };
}

type StudentTally = AttendanceReport['students'][number] & { days: Map<string, { lessons: number; missed: number }> };

/** The figures from the journals read; a class's students all listed when one class is asked, else those over the filter (at least one lesson missed). */
export function computeAttendance(y: ReportYear, journals: readonly JournalData[], from: string, to: string, minAbsences: number, oneClass: boolean): Omit<AttendanceReport, 'generatedAt' | 'period'> {
  const students = new Map<string, StudentTally>();
  const classLessons = new Map<string, number>();
  for (const { ref, page, students: roster } of journals) {
    const held = page.lessons.filter((l) => l.status === 'conducted' && l.date >= from && l.date <= to);
    classLessons.set(ref.classId, (classLessons.get(ref.classId) ?? 0) + held.length);
    const marks = new Map(page.attendance.map((a) => [`${a.studentId}#${a.date}#${a.slot}`, a]));
    for (const r of roster) {
      const tally =
        students.get(r.studentId) ??
        ({ studentId: r.studentId, name: studentName(r), classId: ref.classId, className: ref.className, lessons: 0, lessonsMissed: 0, excused: 0, unexcused: 0, daysMissed: 0, late: 0, byCode: {}, days: new Map() } as StudentTally);
      students.set(r.studentId, tally);
      for (const lesson of held) {
        if (lesson.date < r.from || (r.to && lesson.date > r.to)) continue;
        tally.lessons++;
        const day = tally.days.get(lesson.date) ?? { lessons: 0, missed: 0 };
        tally.days.set(lesson.date, day);
        day.lessons++;
        const mark = marks.get(`${r.studentId}#${lesson.date}#${lesson.slot}`);
        if (!mark) continue;
        tally.byCode[mark.code] = (tally.byCode[mark.code] ?? 0) + 1;
        const code = findAttendanceCode(y.attendanceCodes, mark.code);
        if (code?.countsAsAbsence) {
          tally.lessonsMissed++;
          day.missed++;
          if (code.excused) tally.excused++;
          else tally.unexcused++;
        } else tally.late++;
      }
    }
  }
  for (const t of students.values()) t.daysMissed = [...t.days.values()].filter((d) => d.lessons > 0 && d.missed === d.lessons).length;

  const classes = y.structure.classes
    .filter((c) => classLessons.has(c.id))
    .sort(byClass)
    .map((c) => {
      const own = [...students.values()].filter((s) => s.classId === c.id);
      const byCode: Record<string, number> = {};
      for (const s of own) for (const [code, n] of Object.entries(s.byCode)) byCode[code] = (byCode[code] ?? 0) + n;
      const missed = own.reduce((n, s) => n + s.lessonsMissed, 0);
      return {
        classId: c.id,
        className: c.name,
        students: own.length,
        lessonsHeld: classLessons.get(c.id) ?? 0,
        lessonsMissed: missed,
        daysMissed: own.reduce((n, s) => n + s.daysMissed, 0),
        missedRate: percentOf(missed, own.reduce((n, s) => n + s.lessons, 0)),
        byCode,
      };
    });
  const threshold = oneClass ? minAbsences : Math.max(1, minAbsences);
  const order = new Map(classes.map((c, i) => [c.classId, i]));
  const listed = [...students.values()]
    .filter((s) => s.lessonsMissed >= threshold)
    .sort((a, b) => (oneClass ? 0 : (order.get(a.classId) ?? 0) - (order.get(b.classId) ?? 0)) || a.name.localeCompare(b.name, 'ru'))
    .map(({ days: _days, ...s }) => s);
  return {
    from,
    to,
    codes: y.attendanceCodes.filter((c) => !c.archived).map((c) => ({ code: c.code, name: c.name, countsAsAbsence: c.countsAsAbsence, excused: c.excused })),
    minAbsences: threshold,
    classes,
    students: listed,
  };
}
