/**
 * The class journal: lessons, marks and attendance of one class or subgroup × one subject,
 * all in one partition, ordered by date and slot — so a period of the journal is one Query.
 * Each item also carries the index keys of the other views: the student's timeline (gsi1),
 * the teacher's timeline (gsi2), the class's timeline (gsi3), the unfilled-lesson queue (due);
 * a lesson whose homework has a due date, the class's homework by due date (gsi1, sparse).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FinalMark } from '#shared/domain/final-mark.ts';
import type { DistanceDay, JournalPeriodState } from '#shared/domain/journal-period.ts';
import type { Attendance } from '#shared/domain/attendance.ts';
import type { Lesson } from '#shared/domain/lesson.ts';
import type { Mark } from '#shared/domain/mark.ts';
import { lessonIdOf, parseLessonId, type LessonCoordinates } from '#shared/domain/lesson-id.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys, RANGE_END, UNFILLED } from './keys.ts';
import { queryPrefix, queryRange, stripKeys, type StoredItem } from './query.ts';
import { tableName } from './table.ts';

/** A mark with the lesson coordinates it is stored with (what a student's timeline shows). */
export type MarkRecord = Mark & { groupId: string; classId: string; subjectId: string; date: string; slot: number };
export type AttendanceRecord = Attendance & { groupId: string; classId: string; subjectId: string; date: string; slot: number };

export type JournalPage = { lessons: Lesson[]; marks: MarkRecord[]; attendance: AttendanceRecord[]; finalMarks: FinalMark[]; states: JournalPeriodState[] };

export function groupOf(lesson: Pick<Lesson, 'classId' | 'subgroupId'>): string {
  return lesson.subgroupId ?? lesson.classId;
}

export function coordinatesOf(lesson: Pick<Lesson, 'classId' | 'subgroupId' | 'subjectId' | 'date' | 'slot'>): LessonCoordinates {
  return { groupId: groupOf(lesson), subjectId: lesson.subjectId, date: lesson.date, slot: lesson.slot };
}

// ── items ──────────────────────────────────────────────────────────────────

/**
 * A lesson as stored. `fillDeadline` (п. 5.2, the rule's `fillDeadline(date, timeZone)`) is
 * given for a lesson that is due but not filled yet: it puts the lesson into the sparse `due`
 * index under the last day to fill it (school time zone), which the control checks read.
 */
export function lessonItem(lesson: Lesson, fillDeadline?: { lastDay: string }): StoredItem {
  const c = coordinatesOf(lesson);
  return {
    ...keys.lesson(c.groupId, c.subjectId, c.date, c.slot),
    ...keys.lessonByTeacher(lesson.substituteTeacherId ?? lesson.teacherId, c.date, c.slot, lesson.id),
    ...keys.lessonByClass(lesson.classId, c.date, c.slot, c.groupId),
    // The diary's «due that day» (AP25): every writer of a lesson puts the whole item, so the entry follows its homework.
    ...(lesson.homework?.dueDate ? keys.homeworkDue(lesson.classId, lesson.homework.dueDate, c.date, c.slot, c.groupId) : {}),
    ...(fillDeadline && !lesson.filledAt && lesson.status !== 'cancelled' ? keys.lessonUnfilled(`${fillDeadline.lastDay}#${lesson.id}`) : {}),
    type: 'Lesson',
    ...lesson,
  };
}

export function markItem(mark: Mark, c: LessonCoordinates, classId: string): StoredItem {
  return {
    ...keys.mark(c.groupId, c.subjectId, c.date, c.slot, mark.studentId, mark.id),
    ...keys.studentTimeline(mark.studentId, c.date, c.slot, 'M', c.subjectId, mark.id),
    type: 'Mark',
    ...mark,
    groupId: c.groupId,
    classId,
    subjectId: c.subjectId,
    date: c.date,
    slot: c.slot,
  };
}

export function attendanceItem(attendance: Attendance, c: LessonCoordinates, classId: string): StoredItem {
  return {
    ...keys.attendance(c.groupId, c.subjectId, c.date, c.slot, attendance.studentId),
    ...keys.studentTimeline(attendance.studentId, c.date, c.slot, 'A', c.subjectId),
    type: 'Attendance',
    ...attendance,
    groupId: c.groupId,
    classId,
    subjectId: c.subjectId,
    date: c.date,
    slot: c.slot,
  };
}

/** The state of a journal in a period as stored (closed after final marks, reopened). */
export function periodStateItem(state: JournalPeriodState, periodEnd: string): StoredItem {
  return { ...keys.journalPeriodState(state.groupId, state.subjectId, periodEnd, state.periodId), type: 'JournalPeriodState', ...state };
}

function split(items: StoredItem[]): JournalPage {
  const page: JournalPage = { lessons: [], marks: [], attendance: [], finalMarks: [], states: [] };
  for (const item of items) {
    if (item.type === 'Lesson') page.lessons.push(stripKeys<Lesson>(item));
    else if (item.type === 'Mark') page.marks.push(stripKeys<MarkRecord>(item));
    else if (item.type === 'Attendance') page.attendance.push(stripKeys<AttendanceRecord>(item));
    else if (item.type === 'FinalMark') page.finalMarks.push(stripKeys<FinalMark>(item));
    else if (item.type === 'JournalPeriodState') page.states.push(stripKeys<JournalPeriodState>(item));
  }
  return page;
}

// ── access patterns ────────────────────────────────────────────────────────

/**
 * AP1 · class journal for a period: Query pk = JOURNAL#<group>#<subject>,
 * sk BETWEEN <from> AND <to>~ (consistent, so a teacher sees what they just saved). The final
 * marks and the state of the periods ending within the dates come with it (keys.finalMark).
 */
export async function getJournal(groupId: string, subjectId: string, from: string, to: string, options: { consistent?: boolean } = { consistent: true }): Promise<JournalPage> {
  const { pk } = keys.journal(groupId, subjectId);
  return split(await queryRange({ name: 'pk', value: pk }, 'sk', from, `${to}${RANGE_END}`, { consistent: options.consistent ?? true }));
}

/** One lesson by id: GetItem (the id carries its key). */
export async function getLesson(lessonId: string): Promise<Lesson | undefined> {
  const c = parseLessonId(lessonId);
  if (!c) return undefined;
  const out = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.lesson(c.groupId, c.subjectId, c.date, c.slot), ConsistentRead: true }),
  );
  return out.Item ? stripKeys<Lesson>(out.Item) : undefined;
}

/** A journal's state in a period (closed, reopened): GetItem, strongly consistent (writes decide on it). */
export async function getPeriodState(groupId: string, subjectId: string, periodEnd: string, periodId: string): Promise<JournalPeriodState | undefined> {
  const out = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.journalPeriodState(groupId, subjectId, periodEnd, periodId), ConsistentRead: true }),
  );
  return out.Item ? stripKeys<JournalPeriodState>(out.Item) : undefined;
}

/** The date of the journal's next lesson after a slot (the homework's default due date): Query, Limit 1. */
export async function getNextLessonDate(lessonId: string): Promise<string | undefined> {
  const c = parseLessonId(lessonId);
  if (!c) return undefined;
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      // After every item of this day (lessons of later slots the same day are not "the next lesson").
      ExpressionAttributeValues: { ':pk': keys.journal(c.groupId, c.subjectId).pk, ':after': `${c.date}${RANGE_END}`, ':lesson': 'Lesson' },
      FilterExpression: '#type = :lesson',
      ExpressionAttributeNames: { '#type': 'type' },
      Limit: 60,
    }),
  );
  const next = (out.Items ?? [])[0];
  return next ? String(next.date) : undefined;
}

/** One lesson with its marks and attendance: Query the journal partition on the lesson's date and slot. */
export async function getLessonSheet(lessonId: string): Promise<JournalPage & { lesson?: Lesson }> {
  const c = parseLessonId(lessonId);
  if (!c) return { lessons: [], marks: [], attendance: [], finalMarks: [], states: [] };
  const { pk } = keys.journal(c.groupId, c.subjectId);
  const prefix = keys.lesson(c.groupId, c.subjectId, c.date, c.slot).sk.slice(0, -1); // `<date>#<slot>#`
  const page = split(await queryRange({ name: 'pk', value: pk }, 'sk', prefix, `${prefix}${RANGE_END}`, { consistent: true }));
  return { ...page, lesson: page.lessons[0] };
}

/** AP2a · a class's lessons (class and all subgroups) for a week: Query gsi3 pk = CLASS#<class>, sk BETWEEN dates. */
export async function getClassLessons(classId: string, from: string, to: string): Promise<Lesson[]> {
  const { gsi3pk } = keys.lessonByClass(classId, from, 0, '');
  const items = await queryRange({ name: 'gsi3pk', value: gsi3pk }, 'gsi3sk', from, `${to}${RANGE_END}`, { index: 'gsi3' });
  return items.map((i) => stripKeys<Lesson>(i));
}

/**
 * AP25 · the homework due in a date range, given at lessons of a class and all its subgroups
 * (sparse: only lessons whose homework has a due date): Query gsi1 pk = HOMEWORKDUE#<class>,
 * sk BETWEEN <from> AND <to>~ — the sort key starts with the due date.
 */
export async function getHomeworkDue(classId: string, from: string, to: string): Promise<Lesson[]> {
  const { gsi1pk } = keys.homeworkDuePartition(classId);
  const items = await queryRange({ name: 'gsi1pk', value: gsi1pk }, 'gsi1sk', from, `${to}${RANGE_END}`, { index: 'gsi1' });
  return items.filter((i) => i.type === 'Lesson').map((i) => stripKeys<Lesson>(i));
}

/**
 * AP2b/AP3 · a student's marks and attendance across subjects for a date range:
 * Query gsi1 pk = STUDENT#<student>, sk BETWEEN <from> AND <to>~.
 */
export async function getStudentTimeline(studentId: string, from: string, to: string): Promise<Pick<JournalPage, 'marks' | 'attendance'>> {
  const { gsi1pk } = keys.studentTimelinePartition(studentId);
  const { marks, attendance } = split(await queryRange({ name: 'gsi1pk', value: gsi1pk }, 'gsi1sk', from, `${to}${RANGE_END}`, { index: 'gsi1' }));
  return { marks, attendance };
}

/** AP5 · a teacher's lessons for a day or week (the ones they teach or substitute): Query gsi2 pk = TEACHER#<id>. */
export async function getTeacherLessons(teacherId: string, from: string, to: string): Promise<Lesson[]> {
  const items = await queryRange({ name: 'gsi2pk', value: `TEACHER#${teacherId}` }, 'gsi2sk', from, `${to}${RANGE_END}`, { index: 'gsi2' });
  return items.filter((i) => i.type === 'Lesson').map((i) => stripKeys<Lesson>(i));
}

/**
 * AP6 · lessons not filled by their deadline (п. 5.2), school-wide: Query due pk = UNFILLED,
 * dueAt BETWEEN <from> AND <to>~, where dueAt starts with the last day to fill the lesson —
 * e.g. the lessons whose last day was yesterday, or everything overdue up to yesterday.
 */
export async function listUnfilledLessons(deadlineFrom: string, deadlineTo: string): Promise<Lesson[]> {
  const items = await queryRange({ name: 'duePk', value: UNFILLED }, 'dueAt', deadlineFrom, `${deadlineTo}${RANGE_END}`, { index: 'due' });
  return items.map((i) => stripKeys<Lesson>(i));
}

export { lessonIdOf };

/** A declared distance day as stored: the record, the declarer's name and how many lessons it changed. */
export type StoredDistanceDay = DistanceDay & { declaredByName: string; lessons: number };

export function distanceDayItem(yearId: string, day: StoredDistanceDay): StoredItem {
  return { ...keys.distanceDay(yearId, day.date, day.classId), type: 'DistanceDay', ...day };
}

/** The distance days of a year (п. 5.7): Query pk = CHANGES#<year>, sk begins_with DISTANCE#. */
export async function listDistanceDayRecords(yearId: string): Promise<StoredDistanceDay[]> {
  const items = await queryPrefix({ name: 'pk', value: `CHANGES#${yearId}` }, 'sk', 'DISTANCE#');
  return items.map((i) => stripKeys<StoredDistanceDay>(i));
}

/** A journal's thematic plan (КТП) topics in order: Query pk = PLAN#<group>#<subject>. */
export async function getPlanTopics(groupId: string, subjectId: string): Promise<StoredItem[]> {
  return queryPrefix({ name: 'pk', value: `PLAN#${groupId}#${subjectId}` }, 'sk', 'TOPIC#');
}
