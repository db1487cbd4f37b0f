import type { z } from 'zod';
import type { studentDiarySchema, studentMarksSchema } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { addDays, weekdayOf } from '#shared/domain/dates.ts';
import { parseClassId } from '#shared/domain/ids.ts';
import { markWeight, roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import { defaultAttendanceCodes, type AttendanceCodeDefinition } from '#shared/domain/attendance-codes.ts';
import type { Lesson, LessonMaterial } from '#shared/domain/lesson.ts';
import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { defaultWorkTypes, type WorkType } from '#shared/domain/work-types.ts';
import { getClassLessons, getHomeworkDue, getStudentTimeline, type MarkRecord } from '#functions/data/journal-repository.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { getStudentFinalMarks } from '#functions/data/records-repository.ts';
import { getSchoolReference, getYearStructure, type SchoolReference } from '#functions/data/school-repository.ts';
import { NotFoundError, RuleViolatedError } from '#functions/lib/errors.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { choosePeriod } from './periods.ts';
import { checkDateInAcademicYear } from '#shared/domain/rules/calendar.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';

type StudentPlace = { studentId: string; name: string; classId: string; subgroupIds: readonly string[] };

/**
 * Where a student is: from the caller's own context when it is their own or their child's
 * record (no read), otherwise — staff looking at a student — from the student's person
 * partition (one Query, after which the policy decides).
 */
async function locateStudent(ctx: AccessContext, studentId: string): Promise<StudentPlace> {
  if (ctx.personId === studentId && ctx.enrollment) {
    return { studentId, name: ctx.name, classId: ctx.enrollment.classId, subgroupIds: ctx.enrollment.subgroupIds };
  }
  const child = ctx.children.find((c) => c.studentId === studentId);
  if (child) return { studentId, name: child.name, classId: child.classId, subgroupIds: child.subgroupIds };
  const relations = await getPersonWithRelations(studentId);
  const today = schoolToday();
  const enrollment =
    relations.enrollments.find((e) => e.from <= today && (!e.to || today <= e.to)) ??
    [...relations.enrollments].sort((a, b) => a.from.localeCompare(b.from)).at(-1);
  if (!relations.person || relations.person.kind !== 'student' || !enrollment) {
    throw new NotFoundError('Такого обучающегося нет.');
  }
  return { studentId, name: fullName(relations.person), classId: enrollment.classId, subgroupIds: enrollment.subgroupIds };
}

/** Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -(weekdayOf(date) - 1));
}

/** A diary week shows the final marks of a period that ended within it or up to this many days before it. */
export const FINAL_MARKS_SHOWN_DAYS = 14;

type ReferenceBooks = { workTypes: readonly WorkType[]; attendanceCodes: readonly AttendanceCodeDefinition[] };

function referenceBooks(reference: SchoolReference): ReferenceBooks {
  return {
    workTypes: reference.settings?.workTypes ?? defaultWorkTypes,
    attendanceCodes: reference.settings?.attendanceCodes ?? defaultAttendanceCodes,
  };
}

/** The school's work types and attendance codes that the page's marks and records use, as the page names them. */
function namesUsed(books: ReferenceBooks, workTypeIds: ReadonlySet<string>, codes: ReadonlySet<string>) {
  return {
    workTypes: books.workTypes
      .filter((w) => workTypeIds.has(w.id))
      .map((w) => ({ id: w.id, name: w.name, ...(w.shortName ? { shortName: w.shortName } : {}), weight: w.weight })),
    attendanceCodes: books.attendanceCodes.filter((c) => codes.has(c.code)).map((c) => ({ code: c.code, name: c.name, countsAsAbsence: c.countsAsAbsence })),
  };
}

/** Only http(s) links are passed on as links (the write allows no other; an old or foreign record keeps its title and text). */
function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function diaryMaterials(materials: readonly LessonMaterial[] | undefined): LessonMaterial[] {
  return (materials ?? []).map((m) => ({ title: m.title, ...(m.url && isWebUrl(m.url) ? { url: m.url } : {}), ...(m.text ? { text: m.text } : {}) }));
}

const fileViews = (files: Lesson['homeworkFiles']) => (files ?? []).map(({ id, name, contentType, size }) => ({ id, name, contentType, size }));

/**
 * The study periods of the grade that ended within the week (by today) or up to 14 days before
 * it: the week shows their final marks (п. 6.1).
 */
export function periodsJustEnded(periods: readonly StudyPeriod[], grade: number, monday: string, sunday: string, today: string): StudyPeriod[] {
  const from = addDays(monday, -FINAL_MARKS_SHOWN_DAYS);
  const to = sunday < today ? sunday : today;
  return periods.filter((p) => p.grades.includes(grade) && p.endDate >= from && p.endDate <= to).sort((a, b) => a.endDate.localeCompare(b.endDate) || a.startDate.localeCompare(b.startDate));
}

type DiaryDay = z.input<typeof studentDiarySchema>['days'][number];

/**
 * The diary week (п. 2.4, 2.5), side by side: the class's lessons of the week (gsi3: the class and
 * all its subgroups, kept to the student's subgroups), the student's marks and attendance (gsi1),
 * and the homework due in the week (gsi1, sparse: AP25) — three Query. In the weeks after a study
 * period of the grade ended (up to 14 days), a fourth beside them: the student's final marks of
 * that period.
 */
export async function openStudentDiary(
  ctx: AccessContext,
  input: { studentId: string; weekStart?: string },
  log: Logger,
): Promise<z.input<typeof studentDiarySchema>> {
  const place = await locateStudent(ctx, input.studentId);
  enforce(policy.getStudentDiary(ctx, { studentId: place.studentId, classId: place.classId }), ctx, log);
  const today = schoolToday();
  const monday = mondayOf(input.weekStart ?? today);
  const sunday = addDays(monday, 6);
  const reference = await getSchoolReference();
  const parsed = parseClassId(place.classId);
  const year = parsed?.academicYearId;
  const academicYear = reference.years.find((y) => y.id === year);
  // A week asked for explicitly must touch the student's school year (п. 1.2: the calendar schedule).
  if (input.weekStart && academicYear && (sunday < academicYear.startDate || monday > academicYear.endDate)) {
    throw new RuleViolatedError([checkDateInAcademicYear(input.weekStart, academicYear)!], { path: 'query.weekStart' });
  }
  const structure = year ? await getYearStructure(year) : undefined;
  const ended = parsed && structure ? periodsJustEnded(structure.periods, parsed.grade, monday, sunday, today) : [];
  // One period: its own prefix; several ending together (the last quarter and the year): the year's.
  const finalsPrefix = ended.length === 1 ? ended[0]!.id : `${year}-`;
  const [lessons, timeline, dueLessons, finals] = await Promise.all([
    getClassLessons(place.classId, monday, sunday),
    getStudentTimeline(place.studentId, monday, sunday),
    getHomeworkDue(place.classId, monday, sunday),
    ended.length > 0 ? getStudentFinalMarks(place.studentId, finalsPrefix) : Promise.resolve([]),
  ]);
  const books = referenceBooks(reference);
  const subjectName = new Map(reference.subjects.map((s) => [s.id, s.name]));
  const isMine = (l: Lesson) => !l.subgroupId || place.subgroupIds.includes(l.subgroupId);
  const marksOf = new Map<string, MarkRecord[]>();
  for (const m of timeline.marks) marksOf.set(m.lessonId, [...(marksOf.get(m.lessonId) ?? []), m]);
  const attendanceOf = new Map(timeline.attendance.map((a) => [a.lessonId, a.code]));
  const workTypeIds = new Set<string>();
  const codes = new Set<string>();

  const days = new Map<string, DiaryDay>();
  const dayOf = (date: string): DiaryDay => {
    let day = days.get(date);
    if (!day) days.set(date, (day = { date, lessons: [], due: [] }));
    return day;
  };
  for (let d = 0; d < 6; d++) dayOf(addDays(monday, d));
  for (const l of lessons.filter(isMine).sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot)) {
    const marks = marksOf.get(l.id) ?? [];
    const attendance = attendanceOf.get(l.id);
    const materials = diaryMaterials(l.materials);
    for (const m of marks) workTypeIds.add(m.workTypeId);
    if (attendance) codes.add(attendance);
    dayOf(l.date).lessons.push({
      lessonId: l.id,
      date: l.date,
      slot: l.slot,
      subjectId: l.subjectId,
      subjectName: subjectName.get(l.subjectId) ?? '',
      status: l.status,
      ...(l.topic ? { topic: l.topic } : {}),
      ...(l.homework ? { homework: l.homework } : {}),
      ...(l.homeworkFiles?.length ? { homeworkFiles: fileViews(l.homeworkFiles) } : {}),
      isDistance: l.isDistance ?? false,
      ...(materials.length ? { materials } : {}),
      ...(l.assignment ? { assignment: l.assignment } : {}),
      substituted: Boolean(l.substituteTeacherId),
      marks: marks.map((m) => ({
        markId: m.id,
        values: m.values,
        workTypeId: m.workTypeId,
        weight: markWeight(m, books.workTypes),
        ...(m.comment ? { comment: m.comment } : {}),
      })),
      ...(attendance ? { attendance } : {}),
    });
  }
  // «Задано на этот день»: in the order of the day's lessons of the subject, then by subject.
  for (const l of dueLessons.filter(isMine)) {
    const dueDate = l.homework?.dueDate;
    if (!l.homework || !dueDate || dueDate < monday || dueDate > sunday) continue;
    dayOf(dueDate).due.push({
      lessonId: l.id,
      givenOn: l.date,
      subjectId: l.subjectId,
      subjectName: subjectName.get(l.subjectId) ?? '',
      text: l.homework.text,
      ...(l.homeworkFiles?.length ? { homeworkFiles: fileViews(l.homeworkFiles) } : {}),
    });
  }
  for (const day of days.values()) {
    if (day.due.length < 2) continue;
    const slotOf = (subjectId: string) => day.lessons.find((l) => l.subjectId === subjectId)?.slot ?? 99;
    day.due.sort((a, b) => slotOf(a.subjectId) - slotOf(b.subjectId) || a.subjectName.localeCompare(b.subjectName, 'ru') || a.givenOn.localeCompare(b.givenOn));
  }

  const finalMarks = ended
    .map((p) => ({
      period: { id: p.id, name: p.name, endDate: p.endDate },
      marks: finals
        .filter((f) => f.studyPeriodId === p.id)
        .map((f) => ({ subjectId: f.subjectId, subjectName: subjectName.get(f.subjectId) ?? '', value: f.value }))
        .sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru')),
    }))
    .filter((p) => p.marks.length > 0);

  return {
    studentId: place.studentId,
    studentName: place.name,
    classId: place.classId,
    className: structure?.classes.find((c) => c.id === place.classId)?.name ?? '',
    weekStart: monday,
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    finalMarks,
    ...namesUsed(books, workTypeIds, codes),
  };
}

/** All marks of a period across subjects (п. 2.2): the student's timeline for the period (gsi1) and their final marks (gsi1). */
export async function openStudentMarks(
  ctx: AccessContext,
  input: { studentId: string; periodId?: string },
  log: Logger,
): Promise<z.input<typeof studentMarksSchema>> {
  const place = await locateStudent(ctx, input.studentId);
  enforce(policy.getStudentMarks(ctx, { studentId: place.studentId, classId: place.classId }), ctx, log);
  const parsed = parseClassId(place.classId);
  if (!parsed) throw new NotFoundError();
  const [reference, structure] = await Promise.all([getSchoolReference(), getYearStructure(parsed.academicYearId)]);
  const period = choosePeriod(structure.periods, parsed.grade, schoolToday(), input.periodId);
  const [timeline, finals] = await Promise.all([
    getStudentTimeline(place.studentId, period.startDate, period.endDate),
    getStudentFinalMarks(place.studentId, period.id),
  ]);
  const books = referenceBooks(reference);
  const subjectName = new Map(reference.subjects.map((s) => [s.id, s.name]));
  // A code the school does not know (any more) counts as a missed lesson.
  const notAbsence = new Set(books.attendanceCodes.filter((c) => !c.countsAsAbsence).map((c) => c.code));
  const marksOf = new Map<string, MarkRecord[]>();
  for (const m of timeline.marks) marksOf.set(m.subjectId, [...(marksOf.get(m.subjectId) ?? []), m]);
  const absencesOf = new Map<string, number>();
  for (const a of timeline.attendance) if (!notAbsence.has(a.code)) absencesOf.set(a.subjectId, (absencesOf.get(a.subjectId) ?? 0) + 1);
  const subjectIds = new Set([...structure.curriculum.filter((c) => c.grade === parsed.grade).map((c) => c.subjectId), ...marksOf.keys(), ...absencesOf.keys()]);
  const subjects = [...subjectIds].map((subjectId) => {
    const marks = (marksOf.get(subjectId) ?? []).sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
    const average = weightedAverage(marks, books.workTypes);
    const final = finals.find((f) => f.subjectId === subjectId);
    return {
      subjectId,
      subjectName: subjectName.get(subjectId) ?? '',
      marks: marks.map((m) => ({
        markId: m.id,
        date: m.date,
        values: m.values,
        workTypeId: m.workTypeId,
        weight: markWeight(m, books.workTypes),
        ...(m.comment ? { comment: m.comment } : {}),
      })),
      average: average === null ? null : roundAverage(average),
      absences: absencesOf.get(subjectId) ?? 0,
      ...(final ? { finalMark: final.value } : {}),
    };
  });
  subjects.sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru'));
  return {
    studentId: place.studentId,
    studentName: place.name,
    classId: place.classId,
    period: { id: period.id, name: period.name, startDate: period.startDate, endDate: period.endDate },
    subjects,
    ...namesUsed(books, new Set(timeline.marks.map((m) => m.workTypeId)), new Set(timeline.attendance.map((a) => a.code))),
  };
}
