/**
 * The generated school as table items, built only with the data layer's item builders
 * (functions/data/*), so that the seed stores exactly what the repositories read.
 */
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import type { StoredItem } from '#functions/data/query.ts';
import {
  assignmentItem,
  bellsItem,
  classItem,
  classTeacherItem,
  curriculumItem,
  periodItem,
  settingsItem,
  subgroupItem,
  subjectItem,
  yearItem,
} from '#functions/data/school-repository.ts';
import { childItems, enrollmentItem, familyLineItem, personItem, rosterItem } from '#functions/data/people-repository.ts';
import { planTopicItem, timetableChangeItem, timetableSlotItem } from '#functions/data/planning-items.ts';
import { attendanceItem, lessonItem, markItem, periodStateItem } from '#functions/data/journal-repository.ts';
import { finalMarkItem } from '#functions/data/records-repository.ts';
import { bellSchedule } from './calendar.ts';
import type { DemoSchool } from './demo-school.ts';

/**
 * The items one by one (a generator): the loader writes them in chunks, so the whole school is
 * never held in memory twice.
 */
export function* schoolItems(school: DemoSchool): Generator<StoredItem> {
  const yearId = school.calendar.year.id;

  yield settingsItem({ ...defaultSchoolSettings(), schoolDaysPerWeek: 5 });
  yield yearItem(school.calendar.year);
  for (const s of school.subjects) yield subjectItem(s);
  yield bellsItem(bellSchedule(school.bellsId));
  for (const p of school.calendar.periods) yield periodItem(p);
  for (const c of school.classes) {
    yield classItem(c.cls);
    for (const groups of Object.values(c.subgroups)) for (const g of groups) yield subgroupItem(yearId, g);
  }
  for (const a of school.staff.assignments) yield assignmentItem(a);
  for (const ct of school.staff.classTeachers) yield classTeacherItem(ct);
  for (const line of school.curriculum) yield curriculumItem(yearId, line);

  // People.
  yield personItem(school.staff.director);
  yield personItem(school.staff.operator);
  for (const t of school.staff.teachers) yield personItem(t.person);
  const studentById = new Map(school.people.students.map((s) => [s.person.id, s]));
  for (const s of school.people.students) {
    yield personItem(s.person);
    const e = s.enrollment;
    yield enrollmentItem(e, yearId);
    yield rosterItem({
      studentId: s.person.id,
      classId: e.classId,
      subgroupIds: e.subgroupIds,
      from: e.from,
      ...(e.to ? { to: e.to } : {}),
      lastName: s.person.lastName,
      firstName: s.person.firstName,
      ...(s.person.middleName ? { middleName: s.person.middleName } : {}),
      ...(s.person.healthGroup ? { healthGroup: s.person.healthGroup } : {}),
    });
  }
  for (const p of school.people.parents) {
    yield personItem(p.person);
    for (const g of p.guardianships) {
      const child = studentById.get(g.studentId)!;
      const line = {
        parentId: p.person.id,
        studentId: child.person.id,
        relation: g.relation,
        classId: child.classId,
        subgroupIds: child.enrollment.subgroupIds,
        lastName: child.person.lastName,
        firstName: child.person.firstName,
        ...(child.person.middleName ? { middleName: child.person.middleName } : {}),
      };
      yield* childItems(line, g);
      yield familyLineItem({
        classId: child.classId,
        studentId: child.person.id,
        parentId: p.person.id,
        relation: g.relation,
        lastName: p.person.lastName,
        firstName: p.person.firstName,
        ...(p.person.middleName ? { middleName: p.person.middleName } : {}),
      });
    }
  }

  // Planning: КТП topics, the timetable, its changes.
  for (const { plan } of school.plans.values()) {
    const { topics, ...header } = plan;
    for (const t of topics) yield planTopicItem(header, t);
  }
  for (const s of school.timetable) yield timetableSlotItem(s);
  for (const c of school.changes.timetableChanges) yield timetableChangeItem(yearId, c);

  // The journal.
  for (const { lesson, fillDeadline } of school.lessons) yield lessonItem(lesson, fillDeadline);
  for (const { mark, coords, classId } of school.marks) yield markItem(mark, coords, classId);
  for (const { attendance, coords, classId } of school.attendance) yield attendanceItem(attendance, coords, classId);
  const periodEnd = new Map(school.calendar.periods.map((p) => [p.id, p.endDate]));
  for (const f of school.finalMarks) yield finalMarkItem(f, periodEnd.get(f.studyPeriodId)!);
  // Every student of a journal got the period's final mark: the period is closed to its teacher (п. 6.1).
  const closed = new Map<string, { groupId: string; subjectId: string; periodId: string; at: string; by: string }>();
  for (const f of school.finalMarks) {
    const key = `${f.groupId}|${f.subjectId}|${f.studyPeriodId}`;
    const seen = closed.get(key);
    if (!seen || f.setAt > seen.at) closed.set(key, { groupId: f.groupId, subjectId: f.subjectId, periodId: f.studyPeriodId, at: f.setAt, by: f.setBy });
  }
  for (const c of closed.values()) {
    yield periodStateItem({ groupId: c.groupId, subjectId: c.subjectId, periodId: c.periodId, closedAt: c.at, closedBy: c.by, version: 1 }, periodEnd.get(c.periodId)!);
  }
}
