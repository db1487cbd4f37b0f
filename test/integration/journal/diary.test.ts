import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studentDiarySchema, studentMarksSchema } from '#shared/api/journal.ts';
import { guardianshipSchema, lessonSchema, type Lesson } from '#shared/domain/index.ts';
import { lessonIdOf } from '#shared/domain/lesson-id.ts';
import { attendanceItem, lessonItem, markItem } from '#functions/data/journal-repository.ts';
import { childItems } from '#functions/data/people-repository.ts';
import { finalMarkItem } from '#functions/data/records-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { countDynamoCalls } from '../../support/call-counter.ts';
import { createFixtureAccounts, ids, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * The family's diary, whole: the homework due on a day (given at an earlier lesson), the final
 * marks of a period just ended, a distance lesson's materials, each mark's details, the school's
 * own names of work types and attendance codes, and one order of a parent's children.
 */
const ulid = (n: number) => `01JD${String(n).padStart(22, '0')}`;
const markId = (n: number) => `mk-${ulid(n)}`;
const at = '2026-11-20T12:00:00.000Z';

/** Lessons of this file beside the fixture's: given in the week before 23 November, due in it. */
const mine = {
  /** 5А mathematics, Wed 18 Nov: homework due Mon 23 Nov. */
  mathGiven: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-18', slot: 2 }),
  /** The informatics subgroup (Анна and Пётр, not Ольга), Thu 19 Nov: homework due Wed 25 Nov. */
  infGiven: lessonIdOf({ groupId: ids.sgInf1, subjectId: ids.informatics, date: '2026-11-19', slot: 5 }),
  /** 5А mathematics, Fri 20 Nov: homework due in December — not in the week of 23 November. */
  mathLater: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-20', slot: 2 }),
  /** 5А mathematics, Fri 27 Nov, held remotely with materials (one of them an old record's non-web link). */
  mathDistance: lessonIdOf({ groupId: ids.class5, subjectId: ids.math, date: '2026-11-27', slot: 3 }),
};

function lesson(id: string, extra: Partial<Lesson> & Pick<Lesson, 'date' | 'slot'>): Lesson {
  return lessonSchema.parse({
    id,
    academicYearId: '2026-2027',
    classId: ids.class5,
    subjectId: ids.math,
    teacherId: ids.teacher,
    status: 'conducted',
    topic: 'Сложение и вычитание дробей',
    filledAt: `${extra.date}T12:00:00.000Z`,
    filledBy: ids.teacher,
    version: 1,
    ...extra,
  });
}

async function writeDiaryData(): Promise<void> {
  const c = (id: string, date: string, slot: number, groupId = ids.class5, subjectId = ids.math) => ({ groupId, subjectId, date, slot, id });
  const math5 = c(lessons.math5, '2026-11-23', 2);
  const math5b = c(lessons.math5b, '2026-11-24', 3);
  const items = [
    lessonItem(lesson(mine.mathGiven, { date: '2026-11-18', slot: 2, homework: { text: '№ 245, 247 (дроби)', dueDate: '2026-11-23' } })),
    lessonItem(
      lesson(mine.infGiven, {
        date: '2026-11-19',
        slot: 5,
        subjectId: ids.informatics,
        subgroupId: ids.sgInf1,
        teacherId: ids.informaticsTeacher,
        topic: 'Алгоритмы',
        homework: { text: 'Составить алгоритм заваривания чая', dueDate: '2026-11-25' },
        homeworkFiles: [{ id: 'hf-0b7c6a1e-2f3d-4c5b-9a8e-1d2c3b4a5f60', name: 'Пример.pdf', contentType: 'application/pdf', size: 1200, uploadedAt: at, uploadedBy: ids.informaticsTeacher }],
      }),
    ),
    lessonItem(lesson(mine.mathLater, { date: '2026-11-20', slot: 2, homework: { text: 'Повторить правила', dueDate: '2026-12-01' } })),
    // An old record's material with a link that is not a web address: stored past the schema, as old data may be.
    lessonItem({
      ...lesson(mine.mathDistance, {
        date: '2026-11-27',
        slot: 3,
        isDistance: true,
        distanceReason: 'Карантин',
        assignment: 'Решить задачи из файла и прислать фото.',
        materials: [
          { title: 'Видеоурок «Дроби»', url: 'https://resh.edu.ru/subject/lesson/7735/' },
          { title: 'Конспект', text: 'Правило сложения дробей.' },
        ],
      }),
      materials: [
        { title: 'Видеоурок «Дроби»', url: 'https://resh.edu.ru/subject/lesson/7735/' },
        { title: 'Конспект', text: 'Правило сложения дробей.' },
        { title: 'Старая закладка', url: 'javascript:alert(1)' },
      ],
    } as Lesson),
    // Анна's marks of the week: a control work with a comment, an answer in the school's archived work type; Пётр's late arrival.
    markItem({ id: markId(1), lessonId: lessons.math5, studentId: ids.s1, values: ['4'], workTypeId: 'control', comment: 'Ошибка в задаче 3', version: 1, setBy: ids.teacher, setAt: at }, math5, ids.class5),
    markItem({ id: markId(2), lessonId: lessons.math5b, studentId: ids.s1, values: ['5'], workTypeId: 'oral-test', version: 1, setBy: ids.teacher, setAt: at }, math5b, ids.class5),
    attendanceItem({ lessonId: lessons.math5b, studentId: ids.s2, code: 'ОП', minutesLate: 5, version: 1, setBy: ids.teacher, setAt: at }, math5b, ids.class5),
    attendanceItem({ lessonId: lessons.math5, studentId: ids.s2, code: 'Б', version: 1, setBy: ids.teacher, setAt: at }, math5, ids.class5),
    // Анна's final marks of the first quarter (ended 24 October).
    finalMarkItem({ studentId: ids.s1, subjectId: ids.math, studyPeriodId: '2026-2027-q1', classId: ids.class5, groupId: ids.class5, value: '5', version: 1, setBy: ids.teacher, setAt: '2026-10-24T15:00:00.000Z' }, '2026-10-24'),
    finalMarkItem({ studentId: ids.s1, subjectId: ids.informatics, studyPeriodId: '2026-2027-q1', classId: ids.class5, groupId: ids.sgInf1, value: '4', version: 1, setBy: ids.informaticsTeacher, setAt: '2026-10-24T15:00:00.000Z' }, '2026-10-24'),
    // The father of Анна (5А) is also the father of Миша (1А): two children to order.
    ...childItems(
      { parentId: ids.parent, studentId: ids.s4, relation: 'father', classId: ids.class1, subgroupIds: [], lastName: 'Соколов', firstName: 'Миша', middleName: 'Артёмович' },
      guardianshipSchema.parse({ id: `grd-${ulid(9)}`, parentId: ids.parent, studentId: ids.s4, relation: 'father' }),
    ),
  ];
  for (let i = 0; i < items.length; i += 25) {
    await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

let stack: LocalStack;
const tokens = new Map<string, string>();
const calls = countDynamoCalls();
beforeAll(async () => {
  stack = await startTestStack({
    prepare: async () => {
      await writeFixtureSchool();
      await createFixtureAccounts();
      await writeDiaryData();
    },
  });
}, 120_000);
afterAll(() => stack?.close());

async function as(login: FixtureLogin) {
  if (!tokens.has(login)) tokens.set(login, await signIn(stack, login));
  return tokens.get(login)!;
}
const enc = encodeURIComponent;
async function get(login: FixtureLogin, path: string) {
  const res = await api(stack, path, { token: await as(login) });
  return { status: res.status, body: (await res.json()) as any };
}
async function diary(login: FixtureLogin, studentId: string, week: string) {
  const res = await get(login, `/api/students/${studentId}/diary?weekStart=${week}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return studentDiarySchema.parse(res.body);
}
/** Calls made by one warm request. */
async function counted<T>(request: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  await request();
  calls.reset();
  const result = await request();
  return { result, calls: calls.snapshot() };
}
const day = (d: Awaited<ReturnType<typeof diary>>, date: string) => d.days.find((x) => x.date === date)!;

describe('what is due on a day, not only what was given', () => {
  it('a day lists the homework due that day, given at an earlier lesson — three queries side by side', async () => {
    const { result: week, calls: c } = await counted(() => diary('p_father', ids.s1, '2026-11-23'));
    expect(day(week, '2026-11-23').due).toEqual([
      { lessonId: mine.mathGiven, givenOn: '2026-11-18', subjectId: ids.math, subjectName: 'Математика', text: '№ 245, 247 (дроби)' },
    ]);
    // Анна is in the informatics subgroup: its homework is hers, with its file.
    expect(day(week, '2026-11-25').due).toEqual([
      expect.objectContaining({ lessonId: mine.infGiven, subjectName: 'Информатика', text: 'Составить алгоритм заваривания чая', homeworkFiles: [expect.objectContaining({ name: 'Пример.pdf' })] }),
    ]);
    // Due in December: not in this week.
    expect(week.days.flatMap((d) => d.due.map((x) => x.lessonId))).not.toContain(mine.mathLater);
    // The class's lessons, the student's marks and attendance, the homework due: three Query, side by side.
    expect(c).toEqual({ GetItem: 1, Query: 3 });
  });

  it('a student outside the subgroup does not see the subgroup’s homework', async () => {
    // Ольга is not in the informatics subgroup; her class teacher opens her diary.
    const week = await diary('t_math5', ids.s3, '2026-11-23');
    expect(day(week, '2026-11-23').due.map((x) => x.subjectName)).toEqual(['Математика']);
    expect(day(week, '2026-11-25').due).toEqual([]);
  });

  it('the teacher saving a lesson’s homework with a due date puts it on that day; taking the homework off takes it away', async () => {
    const sheet = await get('t_math5', `/api/lessons/${enc(lessons.math5b)}`);
    const save = async (entry: unknown, expectedVersion: number) => {
      const res = await api(stack, `/api/lessons/${enc(lessons.math5b)}`, {
        method: 'PUT',
        token: await as('t_math5'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientRequestId: randomUUID(), expectedVersion, entry }),
      });
      const body = (await res.json()) as any;
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body.lesson.version as number;
    };
    const base = { status: 'conducted', topic: 'Сложение и вычитание дробей', materials: [] };
    const v = await save({ ...base, homework: { text: 'Стр. 58, задачи 1–4', dueDate: '2026-11-26' } }, sheet.body.lesson.version);
    let week = await diary('s_anna', ids.s1, '2026-11-23');
    expect(day(week, '2026-11-26').due).toEqual([expect.objectContaining({ lessonId: lessons.math5b, givenOn: '2026-11-24', text: 'Стр. 58, задачи 1–4' })]);
    // The lesson of the 24th still shows what was given, and by when.
    expect(day(week, '2026-11-24').lessons.find((l) => l.lessonId === lessons.math5b)?.homework).toEqual({ text: 'Стр. 58, задачи 1–4', dueDate: '2026-11-26' });

    await save(base, v);
    week = await diary('s_anna', ids.s1, '2026-11-23');
    expect(day(week, '2026-11-26').due).toEqual([]);
  });
});

describe('final marks of a period just ended', () => {
  it('the week the period ended, and two weeks after it, show its final marks — with one more query', async () => {
    const { result: week, calls: c } = await counted(() => diary('p_father', ids.s1, '2026-11-02'));
    expect(week.finalMarks).toEqual([
      {
        period: { id: '2026-2027-q1', name: '1 четверть', endDate: '2026-10-24' },
        marks: [
          { subjectId: ids.informatics, subjectName: 'Информатика', value: '4' },
          { subjectId: ids.math, subjectName: 'Математика', value: '5' },
        ],
      },
    ]);
    expect(c).toEqual({ GetItem: 1, Query: 4 });
    expect((await diary('p_father', ids.s1, '2026-10-19')).finalMarks).toHaveLength(1);
  });

  it('later weeks do not, and make no query for them', async () => {
    const { result: week, calls: c } = await counted(() => diary('p_father', ids.s1, '2026-11-09'));
    expect(week.finalMarks).toEqual([]);
    expect(c).toEqual({ GetItem: 1, Query: 3 });
  });
});

describe('a distance lesson’s materials', () => {
  it('come with the lesson: links only when they are web addresses', async () => {
    const week = await diary('p_father', ids.s1, '2026-11-23');
    const distance = day(week, '2026-11-27').lessons.find((l) => l.lessonId === mine.mathDistance);
    expect(distance).toMatchObject({
      isDistance: true,
      assignment: 'Решить задачи из файла и прислать фото.',
      materials: [
        { title: 'Видеоурок «Дроби»', url: 'https://resh.edu.ru/subject/lesson/7735/' },
        { title: 'Конспект', text: 'Правило сложения дробей.' },
        { title: 'Старая закладка' },
      ],
    });
    expect(distance?.materials?.[2]).not.toHaveProperty('url');
  });
});

describe('each mark with its details; names from the school’s reference book', () => {
  it('the diary gives each mark its weight and comment, and names the work types and codes it uses', async () => {
    const week = await diary('p_father', ids.s1, '2026-11-23');
    const monday = day(week, '2026-11-23').lessons.find((l) => l.lessonId === lessons.math5);
    expect(monday?.marks).toEqual([{ markId: markId(1), values: ['4'], workTypeId: 'control', weight: 2, comment: 'Ошибка в задаче 3' }]);
    // The school's own (archived) work type, named as the school names it.
    expect(week.workTypes).toEqual([
      { id: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2 },
      { id: 'oral-test', name: 'Устный опрос (прежний)', shortName: 'Опр', weight: 1 },
    ]);
    expect(week.attendanceCodes).toEqual([]);

    const petr = await diary('s_petr', ids.s2, '2026-11-23');
    expect(day(petr, '2026-11-24').lessons.find((l) => l.lessonId === lessons.math5b)?.attendance).toBe('ОП');
    expect(petr.attendanceCodes).toEqual([
      { code: 'Б', name: 'Отсутствовал по болезни', countsAsAbsence: true },
      { code: 'ОП', name: 'Опоздал', countsAsAbsence: false },
    ]);
  });

  it('all marks: each mark with its comment; the names used; lateness is not an absence', async () => {
    const res = await get('p_father', `/api/students/${ids.s1}/marks?periodId=2026-2027-q2`);
    expect(res.status).toBe(200);
    const marks = studentMarksSchema.parse(res.body);
    const math = marks.subjects.find((s) => s.subjectId === ids.math);
    expect(math?.marks).toContainEqual({ markId: markId(1), date: '2026-11-23', values: ['4'], workTypeId: 'control', weight: 2, comment: 'Ошибка в задаче 3' });
    expect(marks.workTypes.map((w) => w.name)).toEqual(['Контрольная работа', 'Устный опрос (прежний)']);

    const petr = studentMarksSchema.parse((await get('s_petr', `/api/students/${ids.s2}/marks?periodId=2026-2027-q2`)).body);
    // Ill on the 23rd, late on the 24th: one lesson missed.
    expect(petr.subjects.find((s) => s.subjectId === ids.math)?.absences).toBe(1);
    expect(petr.attendanceCodes.map((c) => c.code)).toEqual(['Б', 'ОП']);
  });
});

describe('one order of a parent’s children', () => {
  it('by grade, then name: the children list and «Мои данные» agree', async () => {
    const children = await get('p_father', '/api/me/children');
    expect(children.body.children.map((c: any) => `${c.name}, ${c.className}`)).toEqual(['Соколов Миша Артёмович, 1А', 'Морозова Анна Дмитриевна, 5А']);
    const me = await get('p_father', '/api/me');
    expect(me.body.children.map((c: any) => c.name)).toEqual(['Соколов Миша Артёмович', 'Морозова Анна Дмитриевна']);
  });
});
