/**
 * What is measured and on what: the targets found in the seeded school (the teacher's journal,
 * the parent's child, a study period, a week), the fresh lessons the write scenarios write to,
 * and the four scenarios — each an API request and its floor (floor.ts).
 */
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { addDays, weekdayOf } from '#shared/domain/dates.ts';
import { MAX_MARK_CHANGES } from '#shared/api/journal.ts';
import { lessonIdOf } from '#shared/domain/ids.ts';
import { lessonSchema, type Lesson } from '#shared/domain/lesson.ts';
import type { Mark } from '#shared/domain/mark.ts';
import { defaultWorkTypes, type WorkType } from '#shared/domain/work-types.ts';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';
import { keys, RANGE_END } from '#functions/data/keys.ts';
import { lessonItem } from '#functions/data/journal-repository.ts';
import type { CallCounts } from './calls.ts';
import { floorAccount, floorAttendance, floorDiary, floorJournal, floorLessonEntry, floorMarks, floorSave, type FloorResult, type Meter } from './floor.ts';

const TableName = LOCAL_TABLE_NAME;
type Item = Record<string, any>;

async function queryAll(dc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await dc.send(new QueryCommand({ TableName, ...input, ExclusiveStartKey }));
    items.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
const partition = (dc: DynamoDBDocumentClient, pk: string, prefix = '') =>
  queryAll(dc, {
    KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
    ExpressionAttributeValues: prefix ? { ':pk': pk, ':p': prefix } : { ':pk': pk },
  });

// ── targets ──────────────────────────────────────────────────────────────────

export type Period = { id: string; name: string; startDate: string; endDate: string };
export type RosterLine = { studentId: string; from: string; to?: string; subgroupIds: string[] };

export type Targets = {
  /** The data's "today" (the journal runs up to the day before): the demo seed's, or today if earlier. */
  dataDate: string;
  yearId: string;
  yearStart: string;
  teacher: { login: string; userId: string; personId: string };
  parent: { login: string; userId: string; personId: string };
  /** The teacher's journal: a whole class × a subject they teach (their own class first, mathematics first). */
  journal: { groupId: string; classId: string; className: string; subjectId: string; subjectName: string; grade: number; students: number };
  /** The quarter (or other period) of the class with the most journal entries. */
  period: Period;
  /** The parent's child (in the teacher's class if there is one). */
  student: { studentId: string; classId: string };
  /** The latest complete week with lessons of the child's class. */
  week: { monday: string; sunday: string };
  workTypeId: string;
  /** The teacher's other whole-class journals, for fresh lessons when one journal has no room left. */
  otherJournals: { classId: string; subjectId: string; grade: number }[];
  /** The year's study periods (not the year itself): fresh lessons go in open ones only. */
  periods: (Period & { grades: number[] })[];
};

async function account(dc: DynamoDBDocumentClient, login: string): Promise<{ login: string; userId: string; personId: string }> {
  const k = keys.accountByLogin(login);
  const [item] = await queryAll(dc, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
    ExpressionAttributeValues: { ':pk': k.gsi1pk, ':sk': k.gsi1sk },
  });
  if (!item) throw new Error(`no account "${login}" in the seeded school`);
  if (!item.personId) throw new Error(`the account "${login}" is not linked to a person: the seed has no school for it yet`);
  return { login, userId: String(item.userId), personId: String(item.personId) };
}

const count = async (dc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'TableName'>) => {
  let n = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await dc.send(new QueryCommand({ TableName, ...input, Select: 'COUNT', ExclusiveStartKey }));
    n += out.Count ?? 0;
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return n;
};

export async function discoverTargets(
  dc: DynamoDBDocumentClient,
  logins: { teacher: string; parent: string },
  dates: { seededOn: string; today: string },
): Promise<Targets> {
  // The demo seed records the "today" it generated the journal up to (the day before it).
  const marker = (await dc.send(new GetCommand({ TableName, Key: { pk: 'SYSTEM', sk: 'SEED#demo' } }))).Item;
  const generatedFor = typeof marker?.today === 'string' ? marker.today : dates.seededOn;
  const dataDate = generatedFor < dates.today ? generatedFor : dates.today;
  const [teacher, parent] = [await account(dc, logins.teacher), await account(dc, logins.parent)];

  const school = await partition(dc, keys.school().pk);
  const years = school.filter((i) => i.type === 'AcademicYear').sort((a, b) => String(a.startDate).localeCompare(String(b.startDate)));
  const year = years.find((y) => y.startDate <= dataDate && dataDate <= y.endDate) ?? years.at(-1);
  if (!year) throw new Error('the seeded school has no academic year');
  const subjects = new Map(school.filter((i) => i.type === 'Subject').map((s) => [String(s.id), String(s.name)]));
  const settings = school.find((i) => i.type === 'SchoolSettings');
  const workTypes: WorkType[] = settings?.workTypes ?? [...defaultWorkTypes];
  const usable = workTypes.filter((w) => !w.archived);
  const workTypeId = (usable.find((w) => w.id === 'answer') ?? usable[0])?.id;
  if (!workTypeId) throw new Error('the school has no work types');

  const structure = await partition(dc, keys.year(year.id).pk);
  const classes = new Map(structure.filter((i) => i.type === 'SchoolClass').map((c) => [String(c.id), c]));
  const ownClass = structure.find((i) => i.type === 'ClassTeacher' && i.teacherId === teacher.personId)?.classId as string | undefined;
  const isMath = (subjectId: string) => /^математика/i.test(subjects.get(subjectId) ?? '');
  const assignments = structure
    .filter((i) => i.type === 'TeachingAssignment' && i.teacherId === teacher.personId && !i.subgroupId && classes.has(i.classId))
    .sort(
      (a, b) =>
        Number(b.classId === ownClass) - Number(a.classId === ownClass) ||
        Number(isMath(b.subjectId)) - Number(isMath(a.subjectId)) ||
        String(a.classId).localeCompare(String(b.classId)) ||
        String(a.subjectId).localeCompare(String(b.subjectId)),
    );
  const chosen = assignments[0];
  if (!chosen) throw new Error(`the teacher "${teacher.login}" teaches no whole class in ${year.id}`);
  const schoolClass = classes.get(chosen.classId)!;
  const grade = Number(schoolClass.grade);

  const rosterLines = await partition(dc, keys.roster(chosen.classId).pk, keys.roster(chosen.classId).skPrefix);
  const children = await partition(dc, keys.personPartition(parent.personId).pk, 'CHILD#');
  const child = children.find((c) => c.classId === chosen.classId) ?? children[0];
  if (!child) throw new Error(`the parent "${parent.login}" has no children in the seeded school`);

  // The period: of the class's grade, begun by the data's date, with the most journal entries.
  const journalPk = keys.journal(chosen.classId, chosen.subjectId).pk;
  const periods = structure.filter((i) => i.type === 'StudyPeriod' && i.kind !== 'year' && i.grades.includes(grade) && i.startDate <= dataDate);
  let period: Period | undefined;
  let most = -1;
  for (const p of periods.sort((a, b) => String(a.startDate).localeCompare(String(b.startDate)))) {
    const n = await count(dc, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': journalPk, ':a': p.startDate, ':b': `${p.endDate}${RANGE_END}` },
    });
    if (n >= most) [period, most] = [{ id: p.id, name: p.name, startDate: p.startDate, endDate: p.endDate }, n];
  }
  if (!period) throw new Error(`no study period of grade ${grade} has begun by ${dataDate}`);

  // The week: the latest one that is over (through Saturday) and has lessons of the child's class.
  let monday = addDays(dataDate, -(weekdayOf(dataDate) - 1));
  if (addDays(monday, 5) >= dataDate) monday = addDays(monday, -7);
  let week: Targets['week'] | undefined;
  for (let back = 0; back < 10 && !week; back++, monday = addDays(monday, -7)) {
    const n = await count(dc, {
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': keys.lessonByClass(child.classId, monday, 0, '').gsi3pk, ':a': monday, ':b': `${addDays(monday, 6)}${RANGE_END}` },
    });
    if (n > 0) week = { monday, sunday: addDays(monday, 6) };
  }
  if (!week) throw new Error(`no week with lessons of ${child.classId} in the ten weeks before ${dataDate}`);

  return {
    dataDate,
    yearId: year.id,
    yearStart: year.startDate,
    teacher,
    parent,
    journal: {
      groupId: chosen.classId,
      classId: chosen.classId,
      className: String(schoolClass.name),
      subjectId: chosen.subjectId,
      subjectName: subjects.get(chosen.subjectId) ?? '',
      grade,
      students: rosterLines.length,
    },
    period,
    student: { studentId: child.studentId, classId: child.classId },
    week,
    workTypeId,
    otherJournals: assignments.slice(1).map((a) => ({ classId: a.classId, subjectId: a.subjectId, grade: Number(classes.get(a.classId)!.grade) })),
    periods: structure
      .filter((i) => i.type === 'StudyPeriod' && i.kind !== 'year')
      .map((p) => ({ id: String(p.id), name: String(p.name), startDate: String(p.startDate), endDate: String(p.endDate), grades: (p.grades as number[]).map(Number) })),
  };
}

// ── fresh lessons for the write scenarios ──────────────────────────────────────

export type FreshLesson = { lesson: Lesson; studentIds: string[]; period: Period };

/**
 * `count` new conducted lessons in the past, in the teacher's journals (the chosen one first),
 * on free slots of Monday–Saturday dates going back from yesterday to the start of the current
 * study period (an earlier one may be closed by its final marks, п. 6.1) — each with the students
 * enrolled in the class on its date, so writing for each of them is a whole class's save.
 */
export async function createFreshLessons(dc: DynamoDBDocumentClient, t: Targets, count: number): Promise<FreshLesson[]> {
  const out: FreshLesson[] = [];
  const lastDay = addDays(t.dataDate, -1);
  for (const journal of [{ classId: t.journal.classId, subjectId: t.journal.subjectId, grade: t.journal.grade }, ...t.otherJournals]) {
    if (out.length >= count) break;
    const period = t.periods.find((p) => p.grades.includes(journal.grade) && p.startDate <= lastDay && lastDay <= p.endDate);
    if (!period) continue;
    const taken = new Set((await partition(dc, keys.journal(journal.classId, journal.subjectId).pk)).filter((i) => i.type === 'Lesson').map((i) => `${i.date}#${i.slot}`));
    const roster = (await partition(dc, keys.roster(journal.classId).pk, keys.roster(journal.classId).skPrefix)) as unknown as RosterLine[];
    for (let date = lastDay; date >= period.startDate && out.length < count; date = addDays(date, -1)) {
      if (weekdayOf(date) === 7) continue;
      const studentIds = roster.filter((r) => r.from <= date && (!r.to || date <= r.to)).map((r) => r.studentId).slice(0, MAX_MARK_CHANGES);
      if (!studentIds.length) continue;
      for (let slot = 0; slot <= 12 && out.length < count; slot++) {
        if (taken.has(`${date}#${slot}`)) continue;
        const lesson = lessonSchema.parse({
          id: lessonIdOf({ groupId: journal.classId, subjectId: journal.subjectId, date, slot }),
          academicYearId: t.yearId,
          date,
          slot,
          classId: journal.classId,
          subjectId: journal.subjectId,
          teacherId: t.teacher.personId,
          status: 'conducted',
          topic: 'Повторение (урок для замера производительности)',
          filledAt: `${date}T12:00:00.000Z`,
          filledBy: t.teacher.personId,
          version: 1,
        });
        out.push({ lesson, studentIds, period: { id: period.id, name: period.name, startDate: period.startDate, endDate: period.endDate } });
      }
    }
  }
  for (let i = 0; i < out.length; i += 25) {
    let RequestItems: Record<string, any[]> | undefined = { [TableName]: out.slice(i, i + 25).map((f) => ({ PutRequest: { Item: lessonItem(f.lesson) } })) };
    for (let attempt = 0; RequestItems && Object.keys(RequestItems).length && attempt < 10; attempt++) {
      const res = await dc.send(new BatchWriteCommand({ RequestItems }));
      RequestItems = res.UnprocessedItems as Record<string, any[]> | undefined;
    }
  }
  return out;
}

// ── the scenarios ────────────────────────────────────────────────────────────

export type ScenarioId = 'journal' | 'diary' | 'marks' | 'save' | 'attendance' | 'lesson';

export type ApiCall = { method: 'GET' | 'PUT'; path: string; token: string; body?: unknown };

export type Scenario = {
  id: ScenarioId;
  title: string;
  request: string;
  as: 'teacher' | 'parent';
  /** Database calls of one warm request, as docs/data-model.md gives them. */
  expectedCalls: CallCounts;
  /** Writes: run after the reads, on fresh lessons (one set for all the writes, each lesson written once by each); `prepare` makes them. */
  prepare?: (perSide: number) => Promise<string>;
  /** The i-th request of the API side (i counts across warm-up and all series). */
  api(i: number): ApiCall;
  /** The i-th floor operation; with a meter, its queries also report their read capacity. */
  floor(i: number, meter?: Meter): Promise<FloorResult>;
  /** What is wrong with an answer, if anything (checked during warm-up). */
  check(body: any): string | undefined;
};

export type ScenarioContext = {
  targets: Targets;
  tokens: { teacher: string; parent: string };
  /** The floor's client (not the functions' one: its calls are counted apart). */
  floorClient: DynamoDBDocumentClient;
  /** The bench's own client for setup (fresh lessons). */
  setupClient: DynamoDBDocumentClient;
};

const enc = encodeURIComponent;

/** The `sub` of an access token (the account key), read from its payload. */
function subOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
  if (!payload.sub) throw new Error('a token without sub');
  return payload.sub;
}

export function buildScenarios(ctx: ScenarioContext): Scenario[] {
  const t = ctx.targets;
  const users = { teacher: subOf(ctx.tokens.teacher), parent: subOf(ctx.tokens.parent) };
  let fresh: { api: FreshLesson[]; floor: FreshLesson[] } | undefined;
  let prepared: Promise<string> | undefined;
  /** The fresh lessons, made once for all the write scenarios: each writes its own records to each lesson once. */
  const prepare = (perSide: number) =>
    (prepared ??= (async () => {
      const lessons = await createFreshLessons(ctx.setupClient, t, perSide * 2);
      // Neighbours (same journal, same or next date) go one to each side, so both write alike.
      fresh = { api: lessons.filter((_, k) => k % 2 === 0), floor: lessons.filter((_, k) => k % 2 === 1) };
      const sizes = lessons.map((l) => l.studentIds.length);
      const [least, most] = [Math.min(...sizes), Math.max(...sizes)];
      return `${lessons.length} fresh lessons, ${least === most ? least : `${least}–${most}`} students each`;
    })());
  const values = (i: number) => (j: number): Mark['values'] => [(['2', '3', '4', '5'] as const)[(i + j) % 4]!];
  const codes = (i: number) => (j: number) => (['Н', 'УП', 'Б', 'ОП'] as const)[(i + j) % 4]!;
  const nth = (side: 'api' | 'floor', i: number): FreshLesson => {
    const list = fresh?.[side] ?? [];
    const v = list[i];
    if (!v) throw new Error(`no fresh lesson #${i} for the ${side === 'api' ? 'API' : 'floor'} (only ${list.length} prepared)`);
    return v;
  };
  const writer = (f: FreshLesson) => ({ lesson: f.lesson, period: f.period, actor: t.teacher });

  return [
    {
      id: 'journal',
      title: 'Class journal: one subject, one period',
      request: 'GET /api/journals/{groupId}/{subjectId}?periodId=…',
      as: 'teacher',
      expectedCalls: { GetItem: 1, Query: 2 },
      api: () => ({
        method: 'GET',
        path: `/api/journals/${enc(t.journal.groupId)}/${enc(t.journal.subjectId)}?periodId=${enc(t.period.id)}`,
        token: ctx.tokens.teacher,
      }),
      floor: async (_, meter) => {
        await floorAccount(ctx.floorClient, users.teacher);
        return floorJournal(
          ctx.floorClient,
          { groupId: t.journal.groupId, subjectId: t.journal.subjectId, classId: t.journal.classId, from: t.period.startDate, to: t.period.endDate },
          meter,
        );
      },
      check: (b) => (b?.lessons?.length > 0 && b?.students?.length > 0 ? undefined : 'a journal without lessons or students'),
    },
    {
      id: 'diary',
      title: 'Student diary: one week',
      request: 'GET /api/students/{studentId}/diary?weekStart=…',
      as: 'parent',
      // The class's lessons, the student's timeline and the homework due (AP25), side by side.
      expectedCalls: { GetItem: 1, Query: 3 },
      api: () => ({ method: 'GET', path: `/api/students/${enc(t.student.studentId)}/diary?weekStart=${t.week.monday}`, token: ctx.tokens.parent }),
      floor: async (_, meter) => {
        await floorAccount(ctx.floorClient, users.parent);
        return floorDiary(ctx.floorClient, { classId: t.student.classId, studentId: t.student.studentId, monday: t.week.monday, sunday: t.week.sunday }, meter);
      },
      check: (b) => (Array.isArray(b?.days) && b.days.some((d: any) => d.lessons.length > 0) ? undefined : 'a diary week without lessons'),
    },
    {
      id: 'marks',
      title: 'All marks of a student: one period',
      request: 'GET /api/students/{studentId}/marks?periodId=…',
      as: 'parent',
      expectedCalls: { GetItem: 1, Query: 2 },
      api: () => ({ method: 'GET', path: `/api/students/${enc(t.student.studentId)}/marks?periodId=${enc(t.period.id)}`, token: ctx.tokens.parent }),
      floor: async (_, meter) => {
        await floorAccount(ctx.floorClient, users.parent);
        return floorMarks(ctx.floorClient, { studentId: t.student.studentId, periodId: t.period.id, from: t.period.startDate, to: t.period.endDate }, meter);
      },
      check: (b) => (Array.isArray(b?.subjects) && b?.period?.id === t.period.id ? undefined : 'not the period’s marks'),
    },
    {
      id: 'save',
      title: 'Save a lesson’s marks: a whole class',
      request: 'PUT /api/lessons/{lessonId}/marks',
      as: 'teacher',
      expectedCalls: { GetItem: 2, Query: 2, TransactWriteItems: 1 },
      prepare,
      api: (i) => {
        const f = nth('api', i);
        const v = values(i);
        return {
          method: 'PUT',
          path: `/api/lessons/${enc(f.lesson.id)}/marks`,
          token: ctx.tokens.teacher,
          body: { clientRequestId: randomUUID(), changes: f.studentIds.map((studentId, j) => ({ action: 'create', studentId, values: v(j), workTypeId: t.workTypeId })) },
        };
      },
      floor: async (i, meter) => {
        const f = nth('floor', i);
        await floorAccount(ctx.floorClient, users.teacher);
        return floorSave(ctx.floorClient, { ...writer(f), studentIds: f.studentIds, values: values(i), workTypeId: t.workTypeId }, meter);
      },
      check: (b) => (Array.isArray(b?.marks) && b.marks.length > 0 && b.replayed === false ? undefined : 'the save did not return the lesson’s marks'),
    },
    {
      id: 'attendance',
      title: 'Save a lesson’s attendance: a whole class',
      request: 'PUT /api/lessons/{lessonId}/attendance',
      as: 'teacher',
      expectedCalls: { GetItem: 2, Query: 2, TransactWriteItems: 1 },
      prepare,
      api: (i) => {
        const f = nth('api', i);
        const code = codes(i);
        return {
          method: 'PUT',
          path: `/api/lessons/${enc(f.lesson.id)}/attendance`,
          token: ctx.tokens.teacher,
          body: { clientRequestId: randomUUID(), changes: f.studentIds.map((studentId, j) => ({ studentId, code: code(j), expectedVersion: 0 })) },
        };
      },
      floor: async (i, meter) => {
        const f = nth('floor', i);
        await floorAccount(ctx.floorClient, users.teacher);
        return floorAttendance(ctx.floorClient, { ...writer(f), studentIds: f.studentIds, code: codes(i) }, meter);
      },
      check: (b) => (Array.isArray(b?.attendance) && b.attendance.length > 0 && b.replayed === false ? undefined : 'the save did not return the lesson’s attendance'),
    },
    {
      id: 'lesson',
      title: 'Save a lesson’s entry: topic and homework',
      request: 'PUT /api/lessons/{lessonId}',
      as: 'teacher',
      expectedCalls: { GetItem: 2, Query: 1, TransactWriteItems: 1 },
      prepare,
      api: (i) => {
        const f = nth('api', i);
        const entry = { status: 'conducted', topic: f.lesson.topic, homework: { text: '№ 101–105, повторить правило' }, materials: [] };
        return { method: 'PUT', path: `/api/lessons/${enc(f.lesson.id)}`, token: ctx.tokens.teacher, body: { clientRequestId: randomUUID(), expectedVersion: f.lesson.version, entry } };
      },
      floor: async (i, meter) => {
        const f = nth('floor', i);
        await floorAccount(ctx.floorClient, users.teacher);
        return floorLessonEntry(ctx.floorClient, writer(f), meter);
      },
      check: (b) => (b?.lesson?.homework?.text && b.replayed === false ? undefined : 'the save did not return the lesson with its homework'),
    },
  ];
}

/** The number of fresh lessons (or other per-iteration inputs) one side may use at most. */
export function perSideBudget(plan: { warmup: number; iterations: number[] }): number {
  return plan.warmup + 1 + plan.iterations.reduce((a, b) => a + b, 0);
}
