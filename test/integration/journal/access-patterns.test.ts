import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { countDynamoCalls } from '../../support/call-counter.ts';
import { createFixtureAccounts, ids, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * Every page is one or two DynamoDB queries whatever the school's size (docs/data-model.md) —
 * but the diary week: three side by side (the homework due that week has its own index, AP25).
 * The calls are counted at the functions' own DynamoDB client, after a first request has
 * warmed the caches (the caller's access context and the reference data live in memory briefly).
 * Each authenticated request also reads its account (one GetItem, never cached), so a disabled
 * account or a "sign out everywhere" takes effect on the very next request.
 */
let stack: LocalStack;
const tokens = new Map<string, string>();
const calls = countDynamoCalls();
beforeAll(async () => {
  stack = await startTestStack({
    prepare: async () => {
      await writeFixtureSchool();
      await createFixtureAccounts();
    },
  });
  const res = await put('t_math5', lessons.math5, [
    { action: 'create', studentId: ids.s1, values: ['5'], workTypeId: 'answer' },
    { action: 'create', studentId: ids.s2, values: ['3'], workTypeId: 'control' },
  ]);
  expect(res.status).toBe(200);
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
async function put(login: FixtureLogin, lessonId: string, changes: unknown[]) {
  const res = await api(stack, `/api/lessons/${enc(lessonId)}/marks`, {
    method: 'PUT',
    token: await as(login),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientRequestId: randomUUID(), changes }),
  });
  return { status: res.status, body: (await res.json()) as any };
}
/** Calls made by one warm request. */
async function counted<T>(request: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  await request();
  calls.reset();
  const result = await request();
  return { result, calls: calls.snapshot() };
}

describe('each page is one or two queries', () => {
  it('AP1 class journal for a period: journal partition + roster', async () => {
    const { result, calls: c } = await counted(() => get('t_math5', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}?periodId=2026-2027-q2`));
    expect(result.status).toBe(200);
    expect(result.body.lessons.length).toBeGreaterThanOrEqual(3);
    expect(c).toEqual({ GetItem: 1, Query: 2 });
  });

  it('AP2 a student’s diary week, opened by the parent: class lessons + the student’s timeline + the homework due (AP25), side by side', async () => {
    const { result, calls: c } = await counted(() => get('p_father', `/api/students/${ids.s1}/diary?weekStart=2026-11-23`));
    expect(result.status).toBe(200);
    const monday = result.body.days.find((d: any) => d.date === '2026-11-23');
    const math = monday.lessons.find((l: any) => l.lessonId === lessons.math5);
    expect(math).toMatchObject({ subjectName: 'Математика', topic: 'Сложение и вычитание дробей', marks: [{ values: ['5'] }] });
    // Анна is in the informatics subgroup, so its lesson is in her diary.
    expect(monday.lessons.map((l: any) => l.lessonId)).toContain(lessons.inf5);
    // The one path with three queries: the homework due in the week comes from a sparse index of its own (AP25).
    expect(c).toEqual({ GetItem: 1, Query: 3 });
  });

  it('AP3 all of a student’s marks for a period, opened by the student: timeline + final marks', async () => {
    const { result, calls: c } = await counted(() => get('s_petr', `/api/students/${ids.s2}/marks?periodId=2026-2027-q2`));
    expect(result.status).toBe(200);
    const math = result.body.subjects.find((s: any) => s.subjectId === ids.math);
    expect(math).toMatchObject({ average: 3, marks: [{ values: ['3'], weight: 2 }] });
    expect(c).toEqual({ GetItem: 1, Query: 2 });
  });

  it('AP4 a parent’s children: no query beyond the caller’s live account check', async () => {
    const { result, calls: c } = await counted(() => get('p_father', '/api/me/children'));
    expect(result.body.children).toEqual([{ studentId: ids.s1, name: 'Морозова Анна Дмитриевна', classId: ids.class5, className: '5А' }]);
    expect(c).toEqual({ GetItem: 1 });
  });

  it('the journals one may open come from the cached year structure; the lessons one substitutes are one Query', async () => {
    const { result, calls: c } = await counted(() => get('t_math5', '/api/me/journals'));
    expect(result.body.journals).toEqual([
      expect.objectContaining({ groupId: ids.class5, subjectId: ids.math, className: '5А', subjectName: 'Математика', relation: 'teaches' }),
      // As class teacher of 5А she also sees the informatics subgroup's journal of her class.
      expect.objectContaining({ groupId: ids.sgInf1, subjectId: ids.informatics, groupName: 'Информатика, гр. 1', relation: 'class-teacher' }),
    ]);
    expect(c).toEqual({ GetItem: 1, Query: 1 });
    // The administration substitutes nobody: no query for it.
    const director = await counted(() => get('d_dir', '/api/me/journals'));
    expect(director.result.body.journals).toHaveLength(3);
    expect(director.calls).toEqual({ GetItem: 1 });
    expect((await get('p_father', '/api/me/journals')).status).toBe(403);
  });

  it('saving a lesson’s marks: lesson sheet + roster + the period’s state, side by side, then one transaction', async () => {
    calls.reset();
    const res = await put('t_math5', lessons.math5b, [{ action: 'create', studentId: ids.s3, values: ['4'], workTypeId: 'answer' }]);
    expect(res.status).toBe(200);
    // The account and the period's state (closed after final marks, п. 6.1) are GetItems.
    expect(calls.snapshot()).toEqual({ GetItem: 2, Query: 2, TransactWriteItems: 1 });
  });

  it('saving a lesson’s attendance: the same reads, one transaction; its entry: no roster', async () => {
    const send = async (path: string, body: unknown) => {
      const res = await api(stack, path, { method: 'PUT', token: await as('t_math5'), headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    calls.reset();
    const att = await send(`/api/lessons/${enc(lessons.math5b)}/attendance`, { clientRequestId: randomUUID(), changes: [{ studentId: ids.s3, code: 'Н', expectedVersion: 0 }] });
    expect(att.status).toBe(200);
    expect(calls.snapshot()).toEqual({ GetItem: 2, Query: 2, TransactWriteItems: 1 });

    const sheet = await get('t_math5', `/api/lessons/${enc(lessons.math5b)}`);
    calls.reset();
    const entry = { status: 'conducted', topic: 'Сложение и вычитание дробей', materials: [] };
    const saved = await send(`/api/lessons/${enc(lessons.math5b)}`, { clientRequestId: randomUUID(), expectedVersion: sheet.body.lesson.version, entry });
    expect(saved.status).toBe(200);
    expect(calls.snapshot()).toEqual({ GetItem: 2, Query: 1, TransactWriteItems: 1 });
  });
});

describe('bad dates', () => {
  it('п. 1.2: a diary week outside the school year is refused, naming the rule', async () => {
    const res = await get('p_father', `/api/students/${ids.s1}/diary?weekStart=2025-03-03`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'RULE_VIOLATED', fields: [{ path: 'query.weekStart' }] });
    expect(res.body.error.message).toMatch(/вне учебного года 2026-2027.*п\. 1\.2/);
    expect((await get('p_father', `/api/students/${ids.s1}/diary?weekStart=2026-13-01`)).status).toBe(400);
  });
});

describe('changing an id never reveals another person’s data (п. 3.4)', () => {
  it('a parent sees their child, not another student', async () => {
    expect((await get('p_father', `/api/students/${ids.s1}/marks`)).status).toBe(200);
    expect((await get('p_father', `/api/students/${ids.s2}/marks`)).status).toBe(403);
    expect((await get('p_father', `/api/students/${ids.s2}/diary`)).status).toBe(403);
  });
  it('a student sees themself only, and no journal', async () => {
    expect((await get('s_anna', `/api/students/${ids.s1}/diary`)).status).toBe(200);
    expect((await get('s_anna', `/api/students/${ids.s2}/diary`)).status).toBe(403);
    expect((await get('s_anna', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}`)).status).toBe(403);
  });
  it('a teacher reads their own journal and, as class teacher, the class’s students; not another class', async () => {
    expect((await get('t_math5', `/api/journals/${enc(ids.class1)}/${enc(ids.math)}`)).status).toBe(403);
    expect((await get('t_math5', `/api/students/${ids.s2}/marks`)).status).toBe(200); // class teacher of 5А
    expect((await get('t_math1', `/api/students/${ids.s2}/marks`)).status).toBe(403);
  });
  it('the director reads everything', async () => {
    expect((await get('d_dir', `/api/journals/${enc(ids.class1)}/${enc(ids.math)}`)).status).toBe(200);
    expect((await get('d_dir', `/api/students/${ids.s4}/diary`)).status).toBe(200);
  });
  it('a forbidden answer carries no data, only the Russian message', async () => {
    const res = await get('p_father', `/api/students/${ids.s2}/marks`);
    expect(res.body).toEqual({ error: { code: 'FORBIDDEN', message: 'Недостаточно прав для этого действия.', requestId: expect.any(String) } });
  });
});
