/**
 * Journal keeping per teacher (п. 4.5, 5.2, 5.4, 6.1): of the lessons past their fill deadline that
 * each teacher keeps (own, or substituted: п. 5.3), how many were filled on time, late, or not at
 * all; lessons without a topic; control works without marks; final marks on time. The basis for
 * incentive pay, and the daily check's notice to each teacher.
 */
import type { JournalKeepingReport, JournalKeepingRow } from '#shared/api/reports.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { formatDateRu } from '#shared/domain/dates.ts';
import { fillDeadline, isControlMarkLate, isFilledLate } from '#shared/domain/rules/fill-deadline.ts';
import { finalMarkDeadline } from '#shared/domain/rules/final-marks.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { findWorkType } from '#shared/domain/work-types.ts';
import { getTeacherLessons } from '#functions/data/journal-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { asOfDay, journalsOf, loadJournals, loadReportYear, periodRef, resolvePeriod, staffNames, type JournalData, type JournalRef, type ReportYear } from './report-data.ts';

export type KeepingQuery = { periodId?: string | undefined; teacherId?: string | undefined };

export async function getJournalKeepingReport(ctx: AccessContext, q: KeepingQuery, log: Logger, now = new Date()): Promise<JournalKeepingReport> {
  const y = await loadReportYear(now, q.periodId);
  const period = resolvePeriod(y, q.periodId);
  enforce(policy.getJournalKeepingReport(ctx, { teacherId: q.teacherId, from: period.startDate, to: period.endDate }), ctx, log);
  const journals = await loadKeptJournals(y, period, q.teacherId);
  const names = await staffNames();
  return { ...computeJournalKeeping(y, period, journals, names, now, q.teacherId), generatedAt: now.toISOString() };
}

/** The journals in scope: all of the period's; for one teacher, theirs and those they substituted in (AP5). */
export async function loadKeptJournals(y: ReportYear, period: StudyPeriod, teacherId?: string): Promise<JournalData[]> {
  const all = journalsOf(y, period.startDate, period.endDate, { grades: period.grades });
  let refs: JournalRef[] = all;
  if (teacherId) {
    const substituted = await getTeacherLessons(teacherId, period.startDate, asOfDay(period, y.today));
    const keys = new Set(substituted.map((l) => `${l.subgroupId ?? l.classId}#${l.subjectId}`));
    refs = all.filter((r) => r.teacherId === teacherId || keys.has(`${r.groupId}#${r.subjectId}`));
  }
  return loadJournals(refs, period.startDate, period.endDate);
}

type Tally = JournalKeepingRow;

export function computeJournalKeeping(
  y: ReportYear,
  period: StudyPeriod,
  journals: readonly JournalData[],
  names: Map<string, string>,
  now: Date,
  onlyTeacher?: string,
): Omit<JournalKeepingReport, 'generatedAt'> {
  const tz = schoolTimeZone();
  const days = y.settings.fillDeadlineDays;
  const asOf = asOfDay(period, y.today);
  const rows = new Map<string, Tally>();
  const row = (teacherId: string): Tally => {
    let r = rows.get(teacherId);
    if (!r) {
      r = {
        teacherId,
        teacherName: names.get(teacherId) ?? teacherId,
        lessonsDue: 0, lessonsHeld: 0, filledOnTime: 0, filledLate: 0, notFilled: 0, onTimeRate: null,
        missingTopics: 0, emptyLessons: 0, controlWorks: 0, controlWithoutMarks: 0, lateControlMarks: 0,
        finalsDue: 0, finalsOnTime: 0, finalsLate: 0, finalsMissing: 0, problems: [],
      };
      rows.set(teacherId, r);
    }
    return r;
  };
  const finalsDueBy = finalMarkDeadline(period, tz, y.settings.finalMarkDeadlineDays);
  for (const { ref, page, students } of journals) {
    const label = `${ref.groupName}, ${ref.subjectName}`;
    for (const lesson of page.lessons) {
      if (lesson.status === 'cancelled' || lesson.date > asOf) continue;
      if (now.getTime() < Date.parse(fillDeadline(lesson.date, tz, days).endsAt)) continue;
      const r = row(lesson.substituteTeacherId ?? lesson.teacherId);
      r.lessonsDue++;
      const problem = (issue: string) => r.problems.push({ lessonId: lesson.id, date: lesson.date, label: `${formatDateRu(lesson.date)}, ${lesson.slot} урок · ${label}`, issue });
      if (lesson.status !== 'conducted') {
        r.notFilled++;
        problem('не заполнен: нет темы, отметок и посещаемости');
        continue;
      }
      r.lessonsHeld++;
      // The flag is set by the journal's writes; the fill time decides for lessons written otherwise (imports, the seed).
      if (lesson.filledLate || (lesson.filledAt !== undefined && isFilledLate(lesson, lesson.filledAt, tz, days))) r.filledLate++;
      else r.filledOnTime++;
      const workType = findWorkType(y.workTypes, lesson.workTypeId);
      const noTopic = !lesson.topic?.trim();
      const noWorkTopic = workType?.requiresWorkTopic === true && !lesson.workTopic?.trim();
      if (noTopic || noWorkTopic) {
        r.missingTopics++;
        problem(noTopic ? 'нет темы урока (п. 5.4)' : `нет темы работы «${workType?.name}» (п. 5.4)`);
      }
      const marks = page.marks.filter((m) => m.date === lesson.date && m.slot === lesson.slot);
      const absences = page.attendance.filter((a) => a.date === lesson.date && a.slot === lesson.slot);
      if (ref.grade > 1 && marks.length === 0 && absences.length === 0) r.emptyLessons++;
      if (workType?.isControl && ref.grade > 1) {
        r.controlWorks++;
        const present = students.filter((s) => s.from <= lesson.date && (!s.to || s.to >= lesson.date) && !absences.some((a) => a.studentId === s.studentId));
        const unmarked = present.filter((s) => !marks.some((m) => m.studentId === s.studentId));
        if (unmarked.length > 0) {
          r.controlWithoutMarks++;
          problem(`${workType.name}: нет отметок у ${unmarked.length} присутствовавших (п. 5.2)`);
        }
        r.lateControlMarks += marks.filter((m) => m.late || isControlMarkLate(m, lesson, y.workTypes, tz, days)).length;
      }
    }
    if (ref.grade > 1 && period.endDate < y.today) {
      const r = row(ref.teacherId);
      const finals = page.finalMarks.filter((f) => f.studyPeriodId === period.id);
      const deadlinePassed = now.getTime() >= Date.parse(finalsDueBy.endsAt);
      const set = students.filter((s) => finals.some((f) => f.studentId === s.studentId)).length;
      if (deadlinePassed) r.finalsDue += students.length;
      r.finalsOnTime += finals.filter((f) => !f.late).length;
      r.finalsLate += finals.filter((f) => f.late).length;
      if (deadlinePassed) r.finalsMissing += students.length - set;
    }
  }
  const list = [...rows.values()]
    .filter((r) => !onlyTeacher || r.teacherId === onlyTeacher)
    .map((r) => ({ ...r, onTimeRate: r.lessonsDue > 0 ? Math.round((r.filledOnTime / r.lessonsDue) * 1000) / 10 : null }))
    .sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'ru'));
  return { period: periodRef(period), asOf, rows: list };
}
