import { BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  academicYearSchema,
  classTeacherSchema,
  defaultSchoolSettings,
  enrollmentSchema,
  guardianshipSchema,
  lessonSchema,
  personSchema,
  schoolClassSchema,
  studyPeriodSchema,
  subgroupSchema,
  subjectSchema,
  teachingAssignmentSchema,
  type Lesson,
  type Person,
} from '#shared/domain/index.ts';
import { lessonIdOf } from '#shared/domain/lesson-id.ts';
import { addDays, localDateOf } from '#shared/domain/dates.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import { lessonItem } from '#functions/data/journal-repository.ts';
import { childItems, enrollmentItem, familyLineItem, personItem, rosterItem } from '#functions/data/people-repository.ts';
import { paperConsentItems } from '#infra/local/seed/paper-consent.ts';
import {
  assignmentItem,
  classItem,
  classTeacherItem,
  forgetReference,
  periodItem,
  settingsItem,
  subgroupItem,
  subjectItem,
  yearItem,
} from '#functions/data/school-repository.ts';
import { createUserAccount } from '#functions/identity/create-user-account.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';
import type { StoredItem } from '#functions/data/query.ts';
import { planTopicItem } from '#functions/data/planning-items.ts';

/**
 * A small school for integration tests: 5А (grade 5) with an informatics subgroup, 1А (grade 1),
 * math teachers, a substitute, a parent. Dates are fixed in 2026-2027 and all in the past
 * relative to the tests' run (the year is 2026-11-29 or later).
 */
const ulid = (n: number) => `01JC${String(n).padStart(22, '0')}`;
export const ids = {
  math: `sub-${ulid(1)}`,
  informatics: `sub-${ulid(2)}`,
  class5: 'c-2026-05-А',
  class1: 'c-2026-01-А',
  sgInf1: `sg-${ulid(3)}`,
  teacher: `p-${ulid(10)}`, // math 5А, class teacher of 5А
  teacher1: `p-${ulid(11)}`, // math 1А
  substitute: `p-${ulid(12)}`, // no assignments; substitutes one lesson
  informaticsTeacher: `p-${ulid(13)}`,
  s1: `p-${ulid(20)}`,
  s2: `p-${ulid(21)}`,
  s3: `p-${ulid(22)}`,
  s4: `p-${ulid(23)}`, // 1А
  outsider: `p-${ulid(24)}`, // 5А until September only
  parent: `p-${ulid(30)}`,
  parent2: `p-${ulid(31)}`, // mother of s2 (5А): no account, for redemption tests
  director: `p-${ulid(40)}`,
  operator: `p-${ulid(41)}`,
  coordinator: `p-${ulid(42)}`,
  /** Taught 5А mathematics and led 5А until she was replaced (assignment to 2026-11-23, class teacher to 2026-10-31). */
  previous: `p-${ulid(14)}`,
};

const person = (id: string, kind: Person['kind'], lastName: string, firstName: string, middleName: string): Person =>
  personSchema.parse({ id, kind, lastName, firstName, middleName, ...(kind === 'student' ? { birthDate: '2015-03-14' } : {}) });

/** Yesterday in the school's time zone: lessons "of these days" whatever day the tests run. */
export const recentDate = addDays(localDateOf(Date.now(), 'Europe/Moscow'), -1);

export const lessons = {
  math5: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-23', slot: 2 }),
  math5b: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-24', slot: 3 }),
  math5substituted: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-25', slot: 1 }),
  math5future: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2027-05-20', slot: 1 }),
  math1: lessonIdOf({ groupId: ids.class1, subjectId: ids.math, date: '2026-11-23', slot: 1 }),
  inf5: lessonIdOf({ groupId: ids.sgInf1, subjectId: ids.informatics, date: '2026-11-23', slot: 5 }),
  /** Cancelled (a cold day): no marks for it. */
  math5cancelled: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-26', slot: 2 }),
  /** Substituted by t_sub yesterday: in his list of substitutions (the list covers recent days). */
  math5recent: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: recentDate, slot: 6 }),
};

function lesson(id: string, classId: string, subjectId: string, date: string, slot: number, teacherId: string, extra: Partial<Lesson> = {}): Lesson {
  return lessonSchema.parse({
    id,
    academicYearId: '2026-2027',
    date,
    slot,
    classId,
    subjectId,
    teacherId,
    status: 'conducted',
    topic: 'Сложение и вычитание дробей',
    filledAt: `${date}T12:00:00.000Z`,
    filledBy: teacherId,
    version: 1,
    ...extra,
  });
}

export async function writeFixtureSchool(): Promise<void> {
  const year = academicYearSchema.parse({ id: '2026-2027', name: '2026/2027 учебный год', startDate: '2026-09-01', endDate: '2027-05-31' });
  const quarters = [
    ['2026-09-01', '2026-10-24'],
    ['2026-11-05', '2026-12-28'],
    ['2027-01-12', '2027-03-21'],
    ['2027-04-01', '2027-05-31'],
  ].map(([startDate, endDate], i) =>
    studyPeriodSchema.parse({
      id: `2026-2027-q${i + 1}`,
      academicYearId: '2026-2027',
      kind: 'quarter',
      number: i + 1,
      name: `${i + 1} четверть`,
      startDate,
      endDate,
      grades: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    }),
  );
  const people = [
    person(ids.teacher, 'staff', 'Кузнецова', 'Марина', 'Алексеевна'),
    person(ids.teacher1, 'staff', 'Орлова', 'Наталья', 'Петровна'),
    person(ids.substitute, 'staff', 'Зайцев', 'Павел', 'Андреевич'),
    person(ids.informaticsTeacher, 'staff', 'Лебедев', 'Игорь', 'Олегович'),
    person(ids.director, 'staff', 'Воронцова', 'Елена', 'Викторовна'),
    person(ids.s1, 'student', 'Морозова', 'Анна', 'Дмитриевна'),
    person(ids.s2, 'student', 'Иванов', 'Пётр', 'Сергеевич'),
    { ...person(ids.s3, 'student', 'Смирнова', 'Ольга', 'Игоревна'), healthGroup: 'special-a' as const },
    person(ids.s4, 'student', 'Соколов', 'Миша', 'Артёмович'),
    person(ids.outsider, 'student', 'Ушедший', 'Глеб', 'Юрьевич'),
    person(ids.parent, 'parent', 'Морозов', 'Дмитрий', 'Игоревич'),
    person(ids.parent2, 'parent', 'Иванова', 'Мария', 'Петровна'),
    person(ids.operator, 'staff', 'Соколова', 'Ирина', 'Павловна'),
    person(ids.previous, 'staff', 'Прежнева', 'Вера', 'Андреевна'),
    person(ids.coordinator, 'staff', 'Белов', 'Андрей', 'Сергеевич'),
  ];
  const subjects = [
    subjectSchema.parse({ id: ids.math, name: 'Математика', shortName: 'Мат' }),
    subjectSchema.parse({ id: ids.informatics, name: 'Информатика', shortName: 'Инф' }),
  ];
  const classes = [
    schoolClassSchema.parse({ id: ids.class5, academicYearId: '2026-2027', grade: 5, letter: 'А', name: '5А' }),
    schoolClassSchema.parse({ id: ids.class1, academicYearId: '2026-2027', grade: 1, letter: 'А', name: '1А' }),
  ];
  const subgroup = subgroupSchema.parse({ id: ids.sgInf1, classId: ids.class5, subjectId: ids.informatics, number: 1, name: 'Информатика, гр. 1' });
  const assignments = [
    [ids.teacher, ids.math, ids.class5, undefined],
    [ids.teacher1, ids.math, ids.class1, undefined],
    [ids.informaticsTeacher, ids.informatics, ids.class5, ids.sgInf1],
    [ids.previous, ids.math, ids.class5, undefined, '2026-09-01', '2026-11-23'],
  ].map(([teacherId, subjectId, classId, subgroupId, from, to], i) =>
    teachingAssignmentSchema.parse({ id: `ta-${ulid(50 + i)}`, academicYearId: '2026-2027', teacherId, subjectId, classId, subgroupId, from, to }),
  );
  // 5А changed class teacher on 1 November: the data holds both appointments.
  const classTeachers = [
    classTeacherSchema.parse({ id: `ct-${ulid(60)}`, academicYearId: '2026-2027', classId: ids.class5, teacherId: ids.previous, from: '2026-09-01', to: '2026-10-31' }),
    classTeacherSchema.parse({ id: `ct-${ulid(61)}`, academicYearId: '2026-2027', classId: ids.class5, teacherId: ids.teacher, from: '2026-11-01' }),
  ];
  const enrollments = [
    [ids.s1, ids.class5, [ids.sgInf1], '2026-09-01', undefined],
    [ids.s2, ids.class5, [ids.sgInf1], '2026-09-01', undefined],
    [ids.s3, ids.class5, [], '2026-09-01', undefined],
    [ids.outsider, ids.class5, [], '2026-09-01', '2026-09-30'],
    [ids.s4, ids.class1, [], '2026-09-01', undefined],
  ].map(([studentId, classId, subgroupIds, from, to], i) =>
    enrollmentSchema.parse({
      id: `enr-${ulid(70 + i)}`,
      studentId,
      classId,
      subgroupIds,
      from,
      to,
      admissionReason: 'admitted',
      ...(to ? { departureReason: 'transferred-out' } : {}),
    }),
  );
  const guardianship = guardianshipSchema.parse({ id: `grd-${ulid(80)}`, parentId: ids.parent, studentId: ids.s1, relation: 'father' });
  const guardianship2 = guardianshipSchema.parse({ id: `grd-${ulid(81)}`, parentId: ids.parent2, studentId: ids.s2, relation: 'mother' });

  const items: StoredItem[] = [
    // The school's reference book with one work type taken out of use: old marks keep it, new ones may not.
    settingsItem({
      ...defaultSchoolSettings(),
      workTypes: [
        ...defaultSchoolSettings().workTypes,
        { id: 'oral-test', name: 'Устный опрос (прежний)', shortName: 'Опр', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: true },
      ],
    }),
    yearItem(year),
    ...subjects.map(subjectItem),
    ...quarters.map(periodItem),
    ...classes.map(classItem),
    subgroupItem('2026-2027', subgroup),
    ...assignments.map(assignmentItem),
    ...classTeachers.map(classTeacherItem),
    ...people.map(personItem),
    ...enrollments.map((e) => enrollmentItem(e, '2026-2027')),
    ...enrollments.map((e) => {
      const p = people.find((x) => x.id === e.studentId)!;
      return rosterItem({
        studentId: e.studentId,
        classId: e.classId,
        subgroupIds: e.subgroupIds,
        from: e.from,
        to: e.to,
        lastName: p.lastName,
        firstName: p.firstName,
        middleName: p.middleName,
        ...(p.healthGroup ? { healthGroup: p.healthGroup } : {}),
      });
    }),
    ...childItems(
      { parentId: ids.parent, studentId: ids.s1, relation: 'father', classId: ids.class5, subgroupIds: [ids.sgInf1], lastName: 'Морозова', firstName: 'Анна', middleName: 'Дмитриевна' },
      guardianship,
    ),
    ...childItems(
      { parentId: ids.parent2, studentId: ids.s2, relation: 'mother', classId: ids.class5, subgroupIds: [], lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич' },
      guardianship2,
    ),
    familyLineItem({ classId: ids.class5, studentId: ids.s1, parentId: ids.parent, relation: 'father', lastName: 'Морозов', firstName: 'Дмитрий', middleName: 'Игоревич' }),
    familyLineItem({ classId: ids.class5, studentId: ids.s2, parentId: ids.parent2, relation: 'mother', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' }),
    // The КТП of 5А mathematics (two topics): the lesson editor offers them.
    ...[
      { id: `top-${ulid(100)}`, number: 1, section: 'Дроби', title: 'Сложение и вычитание дробей', hours: 4 },
      { id: `top-${ulid(101)}`, number: 2, section: 'Дроби', title: 'Контрольная работа по теме «Дроби»', hours: 1, workTypeId: 'control', workTopic: 'Действия с дробями' },
    ].map((topic) =>
      planTopicItem({ id: `ktp-${ulid(102)}`, academicYearId: '2026-2027', subjectId: ids.math, classId: ids.class5, teacherId: ids.teacher, title: 'Рабочая программа по математике, 5 класс' }, topic),
    ),
    lessonItem(lesson(lessons.math5, ids.class5, ids.math, '2026-11-23', 2, ids.teacher)),
    lessonItem(lesson(lessons.math5b, ids.class5, ids.math, '2026-11-24', 3, ids.teacher)),
    lessonItem(lesson(lessons.math5substituted, ids.class5, ids.math, '2026-11-25', 1, ids.teacher, { substituteTeacherId: ids.substitute })),
    lessonItem(lesson(lessons.math5future, ids.class5, ids.math, '2027-05-20', 1, ids.teacher, { status: 'planned', topic: undefined, filledAt: undefined, filledBy: undefined })),
    lessonItem(lesson(lessons.math1, ids.class1, ids.math, '2026-11-23', 1, ids.teacher1, { topic: 'Счёт предметов' })),
    lessonItem(lesson(lessons.math5cancelled, ids.class5, ids.math, '2026-11-26', 2, ids.teacher, { status: 'cancelled', cancellationReason: 'Актированный день (мороз)', filledAt: undefined, filledBy: undefined })),
    lessonItem(lesson(lessons.math5recent, ids.class5, ids.math, recentDate, 6, ids.teacher, { substituteTeacherId: ids.substitute })),
    lessonItem(lesson(lessons.inf5, ids.class5, ids.informatics, '2026-11-23', 5, ids.informaticsTeacher, { subgroupId: ids.sgInf1, topic: 'Алгоритмы и исполнители' })),
  ];
  for (let i = 0; i < items.length; i += 25) {
    await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  forgetReference();
}

/** Test accounts linked to fixture persons (login → person, roles). */
export const accounts = {
  t_math5: { personId: ids.teacher, roles: ['teacher'] as const, name: 'Кузнецова Марина Алексеевна' },
  t_math1: { personId: ids.teacher1, roles: ['teacher'] as const, name: 'Орлова Наталья Петровна' },
  t_sub: { personId: ids.substitute, roles: ['teacher'] as const, name: 'Зайцев Павел Андреевич' },
  t_inf: { personId: ids.informaticsTeacher, roles: ['teacher'] as const, name: 'Лебедев Игорь Олегович' },
  p_father: { personId: ids.parent, roles: ['parent'] as const, name: 'Морозов Дмитрий Игоревич' },
  s_anna: { personId: ids.s1, roles: ['student'] as const, name: 'Морозова Анна Дмитриевна' },
  s_petr: { personId: ids.s2, roles: ['student'] as const, name: 'Иванов Пётр Сергеевич' },
  d_dir: { personId: ids.director, roles: ['director'] as const, name: 'Воронцова Елена Викторовна' },
  o_oper: { personId: ids.operator, roles: ['operator'] as const, name: 'Соколова Ирина Павловна' },
  t_prev: { personId: ids.previous, roles: ['teacher'] as const, name: 'Прежнева Вера Андреевна' },
  c_coord: { personId: ids.coordinator, roles: ['coordinator'] as const, name: 'Белов Андрей Сергеевич' },
};
export type FixtureLogin = keyof typeof accounts;

/**
 * The fixture accounts, each linked to its person (both ways, as redemption leaves them) and
 * with a consent on paper: the students' signed by a parent, the others' by themselves.
 */
export async function createFixtureAccounts(): Promise<void> {
  let n = 0;
  for (const [login, a] of Object.entries(accounts)) {
    const { userId } = await createUserAccount({ login, displayName: a.name, roles: [...a.roles], password: { value: DEMO_PASSWORD, permanent: true }, personId: a.personId });
    await documentClient.send(
      new UpdateCommand({ TableName: tableName(), Key: keys.person(a.personId), UpdateExpression: 'SET userId = :u', ExpressionAttributeValues: { ':u': userId } }),
    );
    const student = a.roles.includes('student' as never);
    const signer =
      a.personId === ids.s1
        ? { id: ids.parent, name: accounts.p_father.name }
        : a.personId === ids.s2
          ? { id: ids.parent2, name: 'Иванова Мария Петровна' }
          : { id: a.personId, name: a.name };
    const consent = paperConsentItems({
      consentId: `cns-${ulid(90 + n++)}`,
      person: { id: a.personId, name: a.name, kind: student ? 'student' : a.roles.includes('parent' as never) ? 'parent' : 'staff' },
      signer,
      recordedBy: ids.operator,
      documentRef: `Т-${n}`,
      acceptedAt: '2026-09-01T08:00:00.000Z',
    });
    for (const Item of consent) await documentClient.send(new PutCommand({ TableName: tableName(), Item }));
  }
}
