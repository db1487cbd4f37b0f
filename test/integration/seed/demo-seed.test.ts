import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRussianText } from '#shared/domain/index.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { tableName } from '#functions/data/table.ts';
import { getJournal, getStudentTimeline, listUnfilledLessons, getClassLessons } from '#functions/data/journal-repository.ts';
import { getChildren, getPerson, getRoster } from '#functions/data/people-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
import { getClassFinalMarks } from '#functions/data/records-repository.ts';
import { queryPrefix } from '#functions/data/query.ts';
import { getClassUsage } from '#functions/data/usage-repository.ts';
import { signInActivity } from '#shared/domain/rules/sign-in-activity.ts';
import { addDays, localDateOf } from '#shared/domain/date-math.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { seedDemoSchool, type SeedResult } from '#infra/local/seed/seed.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { demoReportCases } from './demo-reports.ts';

/**
 * The whole demo school seeded into an in-memory stack, as `npm start` does on first start,
 * and read back through the repositories the functions use.
 */
let stack: LocalStack;
let seeded: SeedResult;
const lines: string[] = [];

beforeAll(async () => {
  // A fixed "today" keeps the assertions independent of the season the tests run in.
  stack = await startTestStack({ prepare: async () => void (seeded = await seedDemoSchool({ school: 'full', today: '2026-11-29', log: (l) => lines.push(l) })) });
}, 180_000);
afterAll(() => stack?.close());

const marker = async () => (await documentClient.send(new GetCommand({ TableName: tableName(), Key: { pk: 'SYSTEM', sk: 'SEED#demo' } }))).Item!;

describe('the demo school seed', () => {
  // Its time is reported in that line and recorded in docs/benchmarks.md, not asserted here.
  it('generates and loads the whole school and says so in one line', () => {
    const s = seeded.summary!;
    expect(s.load.via).toBe('in-process bulk');
    const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
    expect(s.load.written).toBe(total);
    expect(total).toBeGreaterThan(100_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Демо-школа: 29 классов, \d[\d\u00a0]* обучающихся, .* запис(ь|и|ей) за [\d,]+ с \(генерация /);
  });

  it('writes the marker last, and a second run does nothing', async () => {
    const m = await marker();
    expect(m).toMatchObject({ type: 'SeedMarker', today: '2026-11-29', academicYearId: '2026-2027' });
    expect(await seedDemoSchool({ log: () => {} })).toEqual({ seeded: false });
  });

  it('reads back a class journal: 5А mathematics with topics, marks and attendance', async () => {
    const { today } = await marker();
    const reference = await getSchoolReference();
    const year = reference.years[0]!;
    const math = reference.subjects.find((s) => s.name === 'Математика')!;
    const classId = `c-${year.id.slice(0, 4)}-05-А`;
    const page = await getJournal(classId, math.id, year.startDate, String(today));
    const conducted = page.lessons.filter((l) => l.status === 'conducted');
    expect(conducted.length).toBeGreaterThan(10);
    for (const l of conducted) expect(isRussianText(l.topic!)).toBe(true);
    expect(page.marks.length).toBeGreaterThan(conducted.length);
    expect(page.marks.every((m) => m.classId === classId && m.subjectId === math.id)).toBe(true);
    const structure = await getYearStructure(year.id);
    expect(structure.classes).toHaveLength(29);
    const teacher = structure.classTeachers.find((c) => c.classId === classId)!.teacherId;
    expect(conducted.every((l) => l.teacherId === teacher)).toBe(true);
    // The class's diary week: lessons of the class and its subgroups.
    const week = await getClassLessons(classId, year.startDate, String(today));
    expect(new Set(week.map((l) => l.subjectId)).size).toBeGreaterThan(8);
  });

  it('reads back a student’s timeline, her family and the unfilled lessons', async () => {
    const { today } = await marker();
    const year = (await getSchoolReference()).years[0]!;
    const roster = await getRoster(`c-${year.id.slice(0, 4)}-05-А`);
    const anna = roster.find((r) => r.lastName === 'Морозова' && r.firstName === 'Анна')!;
    expect(anna).toBeDefined();
    const timeline = await getStudentTimeline(anna.studentId, year.startDate, String(today));
    expect(new Set(timeline.marks.map((m) => m.subjectId)).size).toBeGreaterThan(6);
    const parents = await queryPrefix({ name: 'pk', value: `PERSON#${anna.studentId}` }, 'sk', 'PARENT#');
    const father = parents.find((p) => p.relation === 'father')!;
    const children = await getChildren(String(father.parentId));
    expect(children.map((c) => `${c.firstName} ${c.classId.slice(-4)}`).sort()).toEqual(['Анна 05-А', 'Кирилл 02-Б']);
    const overdue = await listUnfilledLessons('0000', String(today));
    expect(overdue.length).toBeGreaterThanOrEqual(6);
    const finals = await getClassFinalMarks(`c-${year.id.slice(0, 4)}-05-А`, `${year.id}-q1`);
    expect(finals.length).toBeGreaterThan(200);
  });

  it('gives the demo accounts their use so far: 5А\'s usage shows the demo student active yesterday (п. 5.10)', async () => {
    // Before any test signs in (the next one does).
    const today = String((await marker()).today);
    const timeZone = functionEnv().SCHOOL_TIME_ZONE;
    const year = (await getSchoolReference()).years[0]!;
    const usage = await getClassUsage(`c-${year.id.slice(0, 4)}-05-А`, today);
    const anna = usage.students.find((s) => s.lastName === 'Морозова' && s.firstName === 'Анна')!;
    expect(anna.account).toMatchObject({ status: 'active', signInCount: 57 });
    expect(localDateOf(anna.account!.lastSignInAt!, timeZone)).toBe(addDays(today, -1));
    const father = usage.parents.find((p) => p.lastName === 'Морозов' && p.firstName === 'Дмитрий')!;
    expect(father.children.map((c) => c.firstName)).toEqual(['Анна']);
    expect(signInActivity(father.account, today, timeZone)).toBe('last-7-days');
    // Everyone else of the class is still to be invited.
    expect([...usage.students, ...usage.parents].filter((p) => p.hasAccount)).toEqual([anna, father]);
    expect(usage.students.length).toBeGreaterThan(20);
  });

  it('links the demo accounts to their people', async () => {
    const year = (await getSchoolReference()).years[0]!;
    const structure = await getYearStructure(year.id);
    const me = async (login: string) => (await (await api(stack, '/api/me', { token: await signIn(stack, login) })).json()) as { personId?: string };
    const teacher = await me('teacher');
    expect((await getPerson(teacher.personId!))?.userId).toBeTruthy();
    expect(structure.classTeachers.find((c) => c.classId.endsWith('-05-А'))!.teacherId).toBe(teacher.personId);
    const student = await me('student');
    const roster = await getRoster(`c-${year.id.slice(0, 4)}-05-А`);
    expect(roster.find((r) => r.studentId === student.personId)).toMatchObject({ lastName: 'Морозова', firstName: 'Анна' });
    const parent = await me('parent');
    expect((await getChildren(parent.personId!)).length).toBe(2);
    const coordinator = await me('coordinator');
    expect(structure.assignments.some((a) => a.teacherId === coordinator.personId)).toBe(true);
  }, 60_000);
});

describe('the reports and control checks on the demo school (issue 11)', () => demoReportCases(() => stack));
