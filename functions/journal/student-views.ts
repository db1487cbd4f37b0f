import type { z } from 'zod';
import type { studentDiarySchema, studentMarksSchema } from '#shared/api/journal.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { addDays, weekdayOf } from '#shared/domain/dates.ts';
import { parseClassId } from '#shared/domain/ids.ts';
import { markWeight, roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import { defaultWorkTypes } from '#shared/domain/work-types.ts';
import { getClassLessons, getStudentTimeline } from '#functions/data/journal-repository.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { getStudentFinalMarks } from '#functions/data/records-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
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

/**
 * The diary week (п. 2.4, 2.5): the class's lessons of the week (gsi3: the class and all its
 * subgroups, kept to the student's subgroups) and the student's marks and attendance (gsi1).
 */
export async function openStudentDiary(
  ctx: AccessContext,
  input: { studentId: string; weekStart?: string },
  log: Logger,
): Promise<z.input<typeof studentDiarySchema>> {
  const place = await locateStudent(ctx, input.studentId);
  enforce(policy.getStudentDiary(ctx, { studentId: place.studentId, classId: place.classId }), ctx, log);
  const monday = mondayOf(input.weekStart ?? schoolToday());
  const sunday = addDays(monday, 6);
  const reference = await getSchoolReference();
  const year = parseClassId(place.classId)?.academicYearId;
  const academicYear = reference.years.find((y) => y.id === year);
  // A week asked for explicitly must touch the student's school year (п. 1.2: the calendar schedule).
  if (input.weekStart && academicYear && (sunday < academicYear.startDate || monday > academicYear.endDate)) {
    throw new RuleViolatedError([checkDateInAcademicYear(input.weekStart, academicYear)!], { path: 'query.weekStart' });
  }
  const structure = year ? await getYearStructure(year) : undefined;
  const [lessons, timeline] = await Promise.all([getClassLessons(place.classId, monday, sunday), getStudentTimeline(place.studentId, monday, sunday)]);
  const subjectName = new Map(reference.subjects.map((s) => [s.id, s.name]));
  const mine = lessons.filter((l) => !l.subgroupId || place.subgroupIds.includes(l.subgroupId));
  const days = new Map<string, z.input<typeof studentDiarySchema>['days'][number]>();
  for (let d = 0; d < 6; d++) days.set(addDays(monday, d), { date: addDays(monday, d), lessons: [] });
  for (const l of mine.sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot)) {
    const day = days.get(l.date) ?? { date: l.date, lessons: [] };
    days.set(l.date, day);
    day.lessons.push({
      lessonId: l.id,
      date: l.date,
      slot: l.slot,
      subjectId: l.subjectId,
      subjectName: subjectName.get(l.subjectId) ?? '',
      status: l.status,
      ...(l.topic ? { topic: l.topic } : {}),
      ...(l.homework ? { homework: l.homework } : {}),
      ...(l.homeworkFiles?.length ? { homeworkFiles: l.homeworkFiles.map(({ id, name, contentType, size }) => ({ id, name, contentType, size })) } : {}),
      isDistance: l.isDistance ?? false,
      substituted: Boolean(l.substituteTeacherId),
      marks: timeline.marks
        .filter((m) => m.lessonId === l.id)
        .map((m) => ({ markId: m.id, values: m.values, workTypeId: m.workTypeId, ...(m.comment ? { comment: m.comment } : {}) })),
      ...(() => {
        const a = timeline.attendance.find((x) => x.lessonId === l.id);
        return a ? { attendance: a.code } : {};
      })(),
    });
  }
  return {
    studentId: place.studentId,
    studentName: place.name,
    classId: place.classId,
    className: structure?.classes.find((c) => c.id === place.classId)?.name ?? '',
    weekStart: monday,
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
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
  const workTypes = reference.settings?.workTypes ?? defaultWorkTypes;
  const subjectIds = new Set([
    ...structure.curriculum.filter((c) => c.grade === parsed.grade).map((c) => c.subjectId),
    ...timeline.marks.map((m) => m.subjectId),
  ]);
  const subjects = [...subjectIds].map((subjectId) => {
    const marks = timeline.marks.filter((m) => m.subjectId === subjectId).sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot);
    const average = weightedAverage(marks, workTypes);
    const final = finals.find((f) => f.subjectId === subjectId);
    return {
      subjectId,
      subjectName: reference.subjects.find((s) => s.id === subjectId)?.name ?? '',
      marks: marks.map((m) => ({ markId: m.id, date: m.date, values: m.values, workTypeId: m.workTypeId, weight: markWeight(m, workTypes) })),
      average: average === null ? null : roundAverage(average),
      absences: timeline.attendance.filter((a) => a.subjectId === subjectId && a.code !== 'ОП').length,
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
  };
}
