/**
 * What every report reads, by the table's access patterns only: the cached reference data and the
 * year's structure, the journals in scope (from the teaching assignments), and for each journal
 * its partition over the dates (AP1, eventually consistent: half the read units of the journal
 * page) and its class's roster. Never a Scan: a whole school's quarter is one Query per journal.
 */
import { defaultAttendanceCodes, type AttendanceCodeDefinition } from '#shared/domain/attendance-codes.ts';
import type { AcademicYear } from '#shared/domain/academic-year.ts';
import type { Person } from '#shared/domain/person.ts';
import type { SchoolClass } from '#shared/domain/school-class.ts';
import { defaultSchoolSettings, type SchoolSettings } from '#shared/domain/school-settings.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import type { Subject } from '#shared/domain/subject.ts';
import { defaultWorkTypes, type WorkType } from '#shared/domain/work-types.ts';
import { getJournal, type JournalPage } from '#functions/data/journal-repository.ts';
import { fullName, getRoster, getStaff, type RosterEntry } from '#functions/data/people-repository.ts';
import { getSchoolReference, getYearStructure, type YearStructure } from '#functions/data/school-repository.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import { currentAcademicYear, schoolToday } from '#functions/lib/school-clock.ts';

export type ReportYear = {
  year: AcademicYear;
  structure: YearStructure;
  subjects: Subject[];
  settings: SchoolSettings;
  workTypes: readonly WorkType[];
  attendanceCodes: readonly AttendanceCodeDefinition[];
  today: string;
};

/** The academic year of today (or of the period asked for: its id starts with the year's). */
export async function loadReportYear(now: Date, periodId?: string): Promise<ReportYear> {
  const reference = await getSchoolReference();
  const today = schoolToday(now);
  const year = periodId ? reference.years.find((y) => periodId.startsWith(`${y.id}`)) : currentAcademicYear(reference.years, today);
  const fallback = year ?? [...reference.years].sort((a, b) => b.startDate.localeCompare(a.startDate)).find((y) => y.startDate <= today);
  if (!fallback) throw new NotFoundError('Учебный год ещё не настроен.');
  const settings = reference.settings ?? defaultSchoolSettings();
  return {
    year: fallback,
    structure: await getYearStructure(fallback.id),
    subjects: reference.subjects,
    settings,
    workTypes: settings.workTypes ?? defaultWorkTypes,
    attendanceCodes: settings.attendanceCodes ?? defaultAttendanceCodes,
    today,
  };
}

/**
 * The period asked for, or the one a report should show by default: of the periods running today
 * the one covering the most grades (the quarter beside the half-year), else the latest ended.
 */
export function resolvePeriod(y: ReportYear, periodId?: string): StudyPeriod {
  const periods = y.structure.periods;
  if (periodId) {
    const found = periods.find((p) => p.id === periodId);
    if (!found) throw new NotFoundError('Такого учебного периода нет.');
    return found;
  }
  const wide = (a: StudyPeriod, b: StudyPeriod) => b.grades.length - a.grades.length;
  const running = periods.filter((p) => p.kind !== 'year' && p.startDate <= y.today && y.today <= p.endDate).sort(wide);
  if (running[0]) return running[0];
  const ended = periods.filter((p) => p.kind !== 'year' && p.endDate < y.today).sort((a, b) => b.endDate.localeCompare(a.endDate) || wide(a, b));
  const first = ended[0] ?? [...periods].sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
  if (!first) throw new NotFoundError('Учебные периоды года ещё не настроены.');
  return first;
}

/** A journal: a class or subgroup × subject, with the teacher who keeps it on the day asked. */
export type JournalRef = {
  groupId: string;
  classId: string;
  subgroupId?: string;
  subjectId: string;
  grade: number;
  className: string;
  /** «5А» or «5А, англ. (1 гр.)». */
  groupName: string;
  subjectName: string;
  subject: Subject | undefined;
  teacherId: string;
};

export type JournalFilter = { classIds?: ReadonlySet<string>; subjectId?: string; teacherId?: string; grades?: readonly number[] };

/** The journals taught during [from, to], from the year's assignments (a journal once, with its teacher on `on`). */
export function journalsOf(y: ReportYear, from: string, to: string, filter: JournalFilter = {}, on: string = to): JournalRef[] {
  const { structure } = y;
  const byKey = new Map<string, { ref: JournalRef; teacherOn: boolean }>();
  for (const a of structure.assignments) {
    if ((a.from && a.from > to) || (a.to && a.to < from)) continue;
    const schoolClass = structure.classes.find((c) => c.id === a.classId);
    if (!schoolClass) continue;
    if (filter.grades && !filter.grades.includes(schoolClass.grade)) continue;
    if (filter.classIds && !filter.classIds.has(a.classId)) continue;
    if (filter.subjectId && filter.subjectId !== a.subjectId) continue;
    const groupId = a.subgroupId ?? a.classId;
    const key = `${groupId}#${a.subjectId}`;
    const coversOn = (!a.from || a.from <= on) && (!a.to || a.to >= on);
    const known = byKey.get(key);
    if (known && (known.teacherOn || !coversOn)) continue;
    const subgroup = a.subgroupId ? structure.subgroups.find((s) => s.id === a.subgroupId) : undefined;
    const subject = y.subjects.find((s) => s.id === a.subjectId);
    byKey.set(key, {
      teacherOn: coversOn,
      ref: {
        groupId,
        classId: a.classId,
        ...(a.subgroupId ? { subgroupId: a.subgroupId } : {}),
        subjectId: a.subjectId,
        grade: schoolClass.grade,
        className: schoolClass.name,
        groupName: subgroup ? `${schoolClass.name}, ${subgroup.name}` : schoolClass.name,
        subjectName: subject?.name ?? a.subjectId,
        subject,
        teacherId: a.teacherId,
      },
    });
  }
  let refs = [...byKey.values()].map((v) => v.ref);
  if (filter.teacherId) refs = refs.filter((r) => r.teacherId === filter.teacherId);
  return refs.sort(byJournal);
}

const collator = new Intl.Collator('ru', { numeric: true });
export function byJournal(a: Pick<JournalRef, 'grade' | 'groupName' | 'subjectName'>, b: Pick<JournalRef, 'grade' | 'groupName' | 'subjectName'>): number {
  return a.grade - b.grade || collator.compare(a.groupName, b.groupName) || collator.compare(a.subjectName, b.subjectName);
}
export const byClass = (a: Pick<SchoolClass, 'grade' | 'name'>, b: Pick<SchoolClass, 'grade' | 'name'>) => a.grade - b.grade || collator.compare(a.name, b.name);

export type JournalData = { ref: JournalRef; page: JournalPage; students: RosterEntry[] };

/** How many journal queries run side by side: enough to hide latency, few enough not to throttle. */
const PARALLEL = 16;

/** AP1 for each journal over the dates, and each class's roster once (the journal's own students). */
export async function loadJournals(refs: readonly JournalRef[], from: string, to: string): Promise<JournalData[]> {
  const rosters = new Map<string, Promise<RosterEntry[]>>();
  const rosterOf = (classId: string) => {
    let r = rosters.get(classId);
    if (!r) rosters.set(classId, (r = getRoster(classId)));
    return r;
  };
  const out: JournalData[] = new Array(refs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < refs.length; i = next++) {
      const ref = refs[i]!;
      const [page, roster] = await Promise.all([getJournal(ref.groupId, ref.subjectId, from, to, { consistent: false }), rosterOf(ref.classId)]);
      out[i] = { ref, page, students: roster.filter((r) => enrolledDuring(r, ref.subgroupId, from, to)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, refs.length) }, worker));
  return out;
}

/** Is this roster line a student of the class (and subgroup) between these dates? */
export const enrolledDuring = (r: RosterEntry, subgroupId: string | undefined, from: string, to: string) =>
  r.from <= to && (!r.to || r.to >= from) && (!subgroupId || r.subgroupIds.includes(subgroupId));

/** Teachers' names «Иванова Мария Петровна» by id (one Query of the staff register). */
export async function staffNames(): Promise<Map<string, string>> {
  const staff: Person[] = await getStaff();
  return new Map(staff.map((p) => [p.id, fullName(p)]));
}

export const studentName = (r: RosterEntry) => fullName(r);

/** The end of what a report can count: the period's last day, or yesterday while it runs (today is not over). */
export function asOfDay(period: Pick<StudyPeriod, 'endDate'>, today: string): string {
  return period.endDate < today ? period.endDate : today;
}

export const periodRef = (p: StudyPeriod) => ({ id: p.id, name: p.name, startDate: p.startDate, endDate: p.endDate });

/** One decimal, or null when there is nothing to divide by. */
export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
