import { createHash } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as domain from '#shared/domain/index.ts';
import { stripKeys, type StoredItem } from '#functions/data/query.ts';
import { generateDemoSchool, schoolItems, countItems, type DemoSchool } from '#infra/local/seed/demo-school/generate.ts';
import { CURRICULUM, subjectDef } from '#infra/local/seed/demo-school/curriculum.ts';
import { toDynamoJson } from '#infra/local/seed/demo-school/dynamo-json.ts';
import { DEMO_NAMES, fullNameKey } from '#infra/local/seed/demo-school/staff.ts';

const TODAY = '2026-11-29';
const TZ = 'Europe/Moscow';
let school: DemoSchool;
let items: StoredItem[];

/** A hash of everything generated: the domain records (items are a pure function of them) and the first items. */
function hashOf(s: DemoSchool): string {
  const hash = createHash('sha256');
  const { calendar, subjectKeyOf, plans, ...records } = s;
  hash.update(JSON.stringify({ ...records, year: calendar.year, periods: calendar.periods, plans: [...plans.values()].map((p) => p.plan) }));
  let n = 0;
  for (const item of schoolItems(s)) {
    if (n++ > 5000) break;
    hash.update(JSON.stringify(item));
  }
  void subjectKeyOf;
  return hash.digest('hex');
}

beforeAll(() => {
  school = generateDemoSchool({ today: TODAY });
  items = [...schoolItems(school)];
});

const subjectKey = (subjectId: string) => school.subjectKeyOf.get(subjectId)!;
const gradeOf = (classId: string) => domain.parseClassId(classId)!.grade;
const conducted = () => school.lessons.map((l) => l.lesson).filter((l) => l.status === 'conducted');
const nowMs = () => domain.startOfDay(TODAY, TZ);

describe('determinism', () => {
  it('the same seed and today give the same items, byte for byte', () => {
    const again = generateDemoSchool({ today: TODAY });
    expect(hashOf(again)).toBe(hashOf(school));
  });

  it('another seed gives another school', () => {
    const other = generateDemoSchool({ today: TODAY, seed: 'another-seed' });
    expect(other.people.students[5]!.person.id).not.toBe(school.people.students[5]!.person.id);
    expect(other.people.demoStudent.person).toMatchObject(DEMO_NAMES.student);
  });
});

describe('size and people', () => {
  it('has about 30 classes, 800–1,000 students, 55–70 teachers', () => {
    expect(school.classes.length).toBeGreaterThanOrEqual(28);
    expect(school.classes.length).toBeLessThanOrEqual(33);
    expect(school.people.students.length).toBeGreaterThanOrEqual(800);
    expect(school.people.students.length).toBeLessThanOrEqual(1000);
    expect(school.staff.teachers.length).toBeGreaterThanOrEqual(55);
    expect(school.staff.teachers.length).toBeLessThanOrEqual(70);
    for (const c of school.classes) {
      expect(c.students.length).toBeGreaterThanOrEqual(25);
      expect(c.students.length).toBeLessThanOrEqual(32);
    }
  });

  it('gives every student one or two parents, and some siblings share them', () => {
    const parentsOf = new Map<string, number>();
    for (const p of school.people.parents) for (const g of p.guardianships) parentsOf.set(g.studentId, (parentsOf.get(g.studentId) ?? 0) + 1);
    for (const s of school.people.students) expect([1, 2]).toContain(parentsOf.get(s.person.id));
    expect(school.people.parents.filter((p) => p.guardianships.length > 1).length).toBeGreaterThan(50);
  });

  it('links the demo people as the demo accounts describe them', () => {
    const { demoPersons, staff, people } = school;
    expect(people.demoStudent.person).toMatchObject(DEMO_NAMES.student);
    expect(people.demoStudent.classId).toBe('c-2026-05-А');
    expect(people.demoSibling.classId).toBe('c-2026-02-Б');
    expect(people.demoParent.person).toMatchObject(DEMO_NAMES.parent);
    expect(people.demoParent.guardianships.map((g) => g.studentId).sort()).toEqual([people.demoStudent.person.id, people.demoSibling.person.id].sort());
    const teaches = staff.assignments.filter((a) => a.teacherId === demoPersons.teacher);
    expect(teaches.map((a) => `${a.classId}:${subjectKey(a.subjectId)}`).sort()).toEqual(['c-2026-05-А:math', 'c-2026-05-Б:math', 'c-2026-05-В:math']);
    expect(staff.classTeachers.find((c) => c.classId === 'c-2026-05-А')!.teacherId).toBe(demoPersons.teacher);
    expect(staff.assignments.some((a) => a.teacherId === demoPersons.coordinator)).toBe(true);
    expect(staff.assignments.some((a) => a.teacherId === demoPersons.newcomer)).toBe(false);
    // Nobody else carries a demo account's name.
    const names = [staff.director, staff.operator, ...staff.teachers.map((t) => t.person), ...people.students.map((s) => s.person), ...people.parents.map((p) => p.person)].map(fullNameKey);
    for (const n of Object.values(DEMO_NAMES)) expect(names.filter((x) => x === fullNameKey(n))).toHaveLength(1);
  });
});

describe('timetable', () => {
  it('is clash-free: no teacher, class or subgroup in two places at once; subgroups share a slot with different teachers and rooms', () => {
    const bySlot = new Map<string, domain.TimetableSlot[]>();
    for (const s of school.timetable) {
      expect(s.weekday).toBeLessThanOrEqual(5);
      const k = `${s.weekday}|${s.slot}`;
      bySlot.set(k, [...(bySlot.get(k) ?? []), s]);
    }
    for (const slots of bySlot.values()) {
      const teachers = slots.map((s) => s.teacherId);
      expect(new Set(teachers).size).toBe(teachers.length);
      const groups = slots.map((s) => s.subgroupId ?? s.classId);
      expect(new Set(groups).size).toBe(groups.length);
      const byClass = new Map<string, domain.TimetableSlot[]>();
      for (const s of slots) byClass.set(s.classId, [...(byClass.get(s.classId) ?? []), s]);
      for (const inClass of byClass.values()) {
        if (inClass.length === 1) continue;
        // Only the two subgroups of one subject, each with its own teacher and room.
        expect(inClass.every((s) => s.subgroupId !== undefined)).toBe(true);
        expect(new Set(inClass.map((s) => s.subjectId)).size).toBe(1);
        expect(new Set(inClass.map((s) => s.room)).size).toBe(inClass.length);
      }
    }
  });

  it('matches the curriculum hours per week, class by class, and leaves no gaps in a class day', () => {
    for (const c of school.classes) {
      const mine = school.timetable.filter((s) => s.classId === c.cls.id);
      for (const [key, hours] of CURRICULUM[c.grade]!) {
        const slots = mine.filter((s) => subjectKey(s.subjectId) === key);
        const groups = new Set(slots.map((s) => s.subgroupId ?? s.classId));
        for (const g of groups) expect(slots.filter((s) => (s.subgroupId ?? s.classId) === g)).toHaveLength(hours);
      }
      for (let day = 1; day <= 5; day++) {
        const used = [...new Set(mine.filter((s) => s.weekday === day).map((s) => s.slot))].sort((a, b) => a - b);
        expect(used).toEqual(used.map((_, i) => i + 1));
      }
    }
    const lines = school.curriculum.filter((l) => l.grade === 5);
    expect(lines.find((l) => subjectKey(l.subjectId) === 'rus')).toMatchObject({ hoursPerWeek: 5, hoursPerYear: 170 });
  });
});

describe('thematic plans', () => {
  it('cover each journal’s curriculum hours with ordered topics, works carrying their own topic', () => {
    expect(school.plans.size).toBe(school.journals.length);
    for (const j of school.journals) {
      const { plan } = school.plans.get(`${j.groupId}|${j.subjectId}`)!;
      expect(domain.thematicPlanSchema.safeParse(plan).success).toBe(true);
      expect(domain.checkPlanHours(plan, { hoursPerYear: j.hoursPerYear })).toBeNull();
      for (const t of plan.topics) {
        expect(domain.isRussianText(t.title)).toBe(true);
        if (t.workTypeId && ['control', 'laboratory', 'practical', 'dictation', 'essay', 'summary', 'credit'].includes(t.workTypeId)) {
          expect(t.workTopic).toBeTruthy();
        }
      }
    }
    const physics7 = [...school.plans.values()].find((p) => p.plan.classId === 'c-2026-07-А' && subjectKey(p.plan.subjectId) === 'phys')!;
    expect(physics7.plan.topics.filter((t) => t.workTypeId === 'laboratory').length).toBeGreaterThan(5);
  });
});

describe('lessons', () => {
  it('follow the calendar: school days only, never in holidays or on days off', () => {
    for (const { lesson } of school.lessons) {
      expect(domain.checkSchoolDay(lesson.date, school.calendar.year, 5)).toEqual([]);
      expect(school.calendar.isSchoolDay(lesson.date, gradeOf(lesson.classId))).toBe(true);
    }
    const dates = new Set(school.lessons.map((l) => l.lesson.date));
    expect(dates.has('2026-11-04')).toBe(false);
    expect(dates.has('2026-10-28')).toBe(false);
    expect(dates.has('2026-09-01')).toBe(true);
  });

  it('are conducted up to yesterday with a Russian topic, planned from today to the end of the week', () => {
    for (const { lesson, fillDeadline } of school.lessons) {
      if (lesson.date >= TODAY) {
        expect(lesson.status).toBe('planned');
        expect(lesson.topic).toBeUndefined();
        expect(fillDeadline).toBeUndefined();
      } else if (lesson.status === 'conducted') {
        expect(domain.checkLessonEntry(lesson, domain.defaultWorkTypes)).toEqual([]);
        expect(domain.checkDistanceLesson(lesson)).toBeNull();
        expect(domain.toEpochMs(lesson.filledAt!)).toBeLessThanOrEqual(nowMs());
        expect(lesson.filledBy).toBe(lesson.substituteTeacherId ?? lesson.teacherId);
      } else if (lesson.status === 'planned') {
        // Not filled yet: in the `due` index under its п. 5.2 deadline.
        expect(fillDeadline).toEqual(domain.fillDeadline(lesson.date, TZ));
      }
    }
    expect(school.lessons.filter((l) => l.lesson.date >= TODAY).length).toBeGreaterThan(500);
    const past = school.lessons.filter((l) => l.lesson.date < TODAY);
    expect(conducted().length / past.length).toBeGreaterThan(0.99);
    const withHomework = conducted().filter((l) => l.homework && gradeOf(l.classId) > 1);
    expect(withHomework.length / conducted().filter((l) => gradeOf(l.classId) > 1).length).toBeGreaterThan(0.6);
    expect(conducted().some((l) => l.homework && gradeOf(l.classId) === 1)).toBe(false);
  });

  it('are filled mostly the same day or the next', () => {
    const sameOrNext = conducted().filter((l) => domain.daysBetween(l.date, domain.localDateOf(l.filledAt!, TZ)) <= 1);
    expect(sameOrNext.length / conducted().length).toBeGreaterThan(0.85);
  });

  it('include substitutions kept by the substitute (п. 5.3) and a quarantined class with distance lessons (п. 5.7)', () => {
    const substituted = conducted().filter((l) => l.substituteTeacherId);
    expect(substituted.length).toBeGreaterThanOrEqual(10);
    const changes = school.changes.timetableChanges;
    for (const l of substituted) {
      expect(changes.some((c) => c.kind === 'substitution' && c.date === l.date && c.slot === l.slot && c.classId === l.classId && c.substituteTeacherId === l.substituteTeacherId)).toBe(true);
      // The substitute had no lesson of their own then.
      expect(school.timetable.some((s) => s.teacherId === l.substituteTeacherId && s.weekday === domain.weekdayOf(l.date) && s.slot === l.slot)).toBe(false);
    }
    const distance = conducted().filter((l) => l.isDistance);
    expect(distance.length).toBeGreaterThan(15);
    expect(new Set(distance.map((l) => l.classId)).size).toBe(1);
    expect(distance.every((l) => l.materials.length > 0 && l.assignment)).toBe(true);
    expect(distance.every((l) => l.date.startsWith('2026-11'))).toBe(true);
  });

  it('the demo teacher substitutes in the days before "today", so her «Замены» are never empty (п. 5.3)', () => {
    const demo = school.staff.demoTeacher.person.id;
    const recent = conducted().filter((l) => l.substituteTeacherId === demo && l.date >= domain.addDays(school.today, -14));
    expect(recent.length).toBeGreaterThan(0);
    for (const l of recent) expect(l.teacherId).not.toBe(demo);
  });
});

describe('marks', () => {
  it('are never given in grade 1 (п. 5.6)', () => {
    expect(school.marks.filter((m) => gradeOf(m.classId) === 1)).toHaveLength(0);
    expect(school.finalMarks.filter((m) => gradeOf(m.classId) === 1)).toHaveLength(0);
  });

  it('have a plausible distribution, double marks, ЗЧ/НЗ in credit subjects and ОСВ in PE', () => {
    const count: Record<string, number> = {};
    for (const { mark } of school.marks) for (const v of mark.values) count[v] = (count[v] ?? 0) + 1;
    const numeric = ['1', '2', '3', '4', '5'].reduce((s, v) => s + (count[v] ?? 0), 0);
    const share = (v: string) => (count[v] ?? 0) / numeric;
    expect(share('5')).toBeGreaterThan(0.25);
    expect(share('5')).toBeLessThan(0.35);
    expect(share('4')).toBeGreaterThan(0.35);
    expect(share('4')).toBeLessThan(0.45);
    expect(share('3')).toBeGreaterThan(0.17);
    expect(share('3')).toBeLessThan(0.27);
    expect(share('2')).toBeGreaterThan(0.04);
    expect(share('2')).toBeLessThan(0.1);
    expect(share('1')).toBeLessThan(0.02);
    expect(school.marks.filter((m) => m.mark.values.length === 2).length).toBeGreaterThan(100);
    for (const { mark } of school.marks) {
      const subject = school.subjects.find((s) => s.id === mark.lessonId.split('.')[1])!;
      expect(domain.checkMarkValues(mark.values, subject)).toEqual([]);
      if (mark.values.includes('ОСВ')) expect(subject.isPhysicalEducation).toBe(true);
    }
    expect(count['ЗЧ']).toBeGreaterThan(100);
    expect(count['ОСВ']).toBeGreaterThan(10);
  });

  it('differ between students (a consistent ability per student)', () => {
    const byStudent = new Map<string, number[]>();
    for (const { mark } of school.marks) {
      const v = mark.values.filter((x) => /^[1-5]$/.test(x)).map(Number);
      byStudent.set(mark.studentId, [...(byStudent.get(mark.studentId) ?? []), ...v]);
    }
    const averages = [...byStudent.values()].filter((v) => v.length > 20).map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    expect(Math.min(...averages)).toBeLessThan(3.3);
    expect(Math.max(...averages)).toBeGreaterThan(4.6);
  });

  it('go to present students only: every present student gets a control-work mark (but for the deliberate gap)', () => {
    const absent = new Set(school.attendance.filter((a) => a.attendance.code !== 'ОП').map((a) => `${a.attendance.lessonId}|${a.attendance.studentId}`));
    for (const { mark } of school.marks) expect(absent.has(`${mark.lessonId}|${mark.studentId}`)).toBe(false);
    const gap = school.problems.controlWithoutMarks;
    expect(gap.lessonId).toBeDefined();
    expect(gap.studentIds).toHaveLength(3);
    const marked = new Set(school.marks.filter((m) => m.mark.lessonId === gap.lessonId).map((m) => m.mark.studentId));
    for (const id of gap.studentIds) {
      expect(marked.has(id)).toBe(false);
      expect(absent.has(`${gap.lessonId}|${id}`)).toBe(false);
    }
    expect(marked.size).toBeGreaterThan(15);
  });
});

describe('attendance', () => {
  it('misses 3–10 % of student-lessons, mostly illness and valid reasons', () => {
    let studentLessons = 0;
    const byClass = new Map(school.classes.map((c) => [c.cls.id, c]));
    for (const l of conducted()) {
      const members = byClass.get(l.classId)!.students.filter((s) => !l.subgroupId || Object.values(s.subgroupBySubject).includes(l.subgroupId));
      studentLessons += members.filter((s) => domain.isEnrolledOn(s.enrollment, l.date)).length;
    }
    const codes: Record<string, number> = {};
    for (const { attendance } of school.attendance) codes[attendance.code] = (codes[attendance.code] ?? 0) + 1;
    const absences = (codes['Б'] ?? 0) + (codes['УП'] ?? 0) + (codes['Н'] ?? 0);
    expect(absences / studentLessons).toBeGreaterThan(0.03);
    expect(absences / studentLessons).toBeLessThan(0.1);
    expect(codes['Б']! + codes['УП']!).toBeGreaterThan(codes['Н']! * 3);
    expect(codes['ОП']).toBeGreaterThan(100);
  });
});

describe('final marks', () => {
  it('exist for the first quarter in grades 2–9, consistent with the current marks', () => {
    const q1 = school.calendar.periods.find((p) => p.id === '2026-2027-q1')!;
    expect(q1.endDate < TODAY).toBe(true);
    const finals = school.finalMarks.filter((f) => f.studyPeriodId === q1.id);
    expect(new Set(finals.map((f) => gradeOf(f.classId)))).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 9]));
    expect(school.finalMarks.every((f) => f.studyPeriodId === q1.id)).toBe(true);
    const byKey = new Map<string, domain.Mark[]>();
    for (const { mark, coords } of school.marks) {
      if (coords.date < q1.startDate || coords.date > q1.endDate) continue;
      const k = `${mark.studentId}|${coords.subjectId}`;
      byKey.set(k, [...(byKey.get(k) ?? []), mark]);
    }
    let checked = 0;
    for (const f of finals) {
      expect(domain.isFinalMarkLate(q1, f.setAt, TZ)).toBe(false);
      if (!/^[1-5]$/.test(f.value)) continue;
      const suggested = Number(domain.suggestPeriodMark(domain.weightedAverage(byKey.get(`${f.studentId}|${f.subjectId}`) ?? [], domain.defaultWorkTypes)));
      expect(Math.abs(Number(f.value) - suggested)).toBeLessThanOrEqual(1);
      checked++;
    }
    expect(checked).toBeGreaterThan(5000);
    const grade5 = CURRICULUM[5]!.length;
    expect(finals.filter((f) => f.studentId === school.people.demoStudent.person.id)).toHaveLength(grade5);
  });
});

describe('deliberate problems for the control checks', () => {
  it('has lessons past their fill deadline without a topic (п. 5.2)', () => {
    const overdue = school.lessons.filter(({ lesson }) => domain.isOverdue(lesson, nowMs(), TZ));
    expect(overdue.length).toBeGreaterThanOrEqual(school.problems.unfilledLessonIds.size);
    for (const id of school.problems.unfilledLessonIds) {
      const l = school.lessons.find((x) => x.lesson.id === id)!;
      expect(l.lesson.topic).toBeUndefined();
      expect(domain.isOverdue(l.lesson, nowMs(), TZ)).toBe(true);
    }
    expect(overdue.some(({ lesson }) => lesson.teacherId === school.demoPersons.teacher)).toBe(true);
  });

  it('has lessons filled late (п. 5.2)', () => {
    const late = conducted().filter((l) => domain.isFilledLate(l, l.filledAt!, TZ));
    expect(late.length).toBeGreaterThan(20);
    expect(late.length / conducted().length).toBeLessThan(0.03);
  });

  it('has a journal lagging behind its КТП (п. 7.4)', () => {
    const key = school.problems.laggingJournal!;
    const { plan } = school.plans.get(key)!;
    const lessons = school.lessons.map((l) => l.lesson).filter((l) => `${l.subgroupId ?? l.classId}|${l.subjectId}` === key);
    const progress = domain.programmeProgress(plan, lessons, domain.defaultWorkTypes, domain.addDays(TODAY, -1));
    expect(progress.conductedLessons).toBeLessThan(progress.plannedLessonsToDate);
    const covered = new Set(lessons.map((l) => l.thematicTopicId).filter(Boolean)).size;
    const plannedTopics = plan.topics.filter((t) => t.plannedDate && t.plannedDate < TODAY).length;
    expect(covered).toBeLessThan(plannedTopics);
    expect(lessons.filter((l) => l.status === 'cancelled').length).toBeGreaterThanOrEqual(2);
  });
});

describe('items', () => {
  const schemas: Record<string, z.ZodType> = {
    SchoolSettings: domain.schoolSettingsSchema,
    AcademicYear: domain.academicYearSchema,
    Subject: domain.subjectSchema,
    BellSchedule: domain.bellScheduleSchema,
    StudyPeriod: domain.studyPeriodSchema,
    SchoolClass: domain.schoolClassSchema,
    Subgroup: domain.subgroupSchema,
    TeachingAssignment: domain.teachingAssignmentSchema,
    ClassTeacher: domain.classTeacherSchema,
    CurriculumLine: domain.curriculumLineSchema,
    Person: domain.personSchema,
    Enrollment: domain.enrollmentSchema,
    Guardianship: domain.guardianshipSchema,
    ThematicTopic: domain.thematicTopicSchema,
    TimetableSlot: domain.timetableSlotSchema,
    TimetableChange: domain.timetableChangeSchema,
    Lesson: domain.lessonSchema,
    Mark: domain.markSchema,
    Attendance: domain.attendanceSchema,
    FinalMark: domain.finalMarkSchema,
    JournalPeriodState: domain.journalPeriodStateSchema,
  };

  it('every item parses with its domain schema (all of them)', () => {
    const failures: string[] = [];
    for (const item of items) {
      const schema = schemas[String(item.type)];
      if (!schema) {
        // Read models copied from the people they name (names for lists), not domain records.
        expect(['RosterEntry', 'ChildLine', 'FamilyLine']).toContain(item.type);
        continue;
      }
      const result = schema.safeParse(stripKeys(item));
      if (!result.success && failures.length < 5) failures.push(`${item.type} ${item.pk} ${item.sk}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('п. 6.1: each journal whose period got its final marks is closed for that period', () => {
    const states = items.filter((i) => i.type === 'JournalPeriodState');
    const journalsWithFinals = new Set(school.finalMarks.map((f) => `${f.groupId}|${f.subjectId}|${f.studyPeriodId}`));
    expect(states.length).toBe(journalsWithFinals.size);
    expect(states.every((s) => typeof s.closedAt === 'string')).toBe(true);
  });

  it('has unique keys and the expected mix', () => {
    const keys = new Set(items.map((i) => `${i.pk}\u0000${i.sk}`));
    expect(keys.size).toBe(items.length);
    const counts = countItems(items);
    expect(counts.Lesson).toBeGreaterThan(9000);
    expect(counts.Mark).toBeGreaterThan(50_000);
    expect(counts.ThematicTopic).toBeGreaterThan(8000);
    expect(items.length).toBeGreaterThan(100_000);
    expect(items.length).toBeLessThan(250_000);
  });

  it('become DynamoDB JSON exactly as the SDK marshals them', () => {
    const sample = items.filter((_, i) => i % 97 === 0);
    for (const item of sample) {
      expect(JSON.parse(toDynamoJson(item))).toEqual(marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: false }));
    }
  });

  it('uses the subjects of the curriculum only', () => {
    for (const j of school.journals) expect(CURRICULUM[j.grade]!.some(([k]) => k === j.subject)).toBe(true);
    expect(subjectDef('orkse').grading).toBe('credit');
  });
});
