import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, ids, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

let stack: LocalStack;
const tokens = new Map<string, string>();
beforeAll(async () => {
  stack = await startTestStack({
    prepare: async () => {
      await writeFixtureSchool();
      await createFixtureAccounts();
    },
  });
}, 120_000);
afterAll(() => stack?.close());

async function as(login: FixtureLogin) {
  if (!tokens.has(login)) tokens.set(login, await signIn(stack, login));
  return tokens.get(login)!;
}

const enc = encodeURIComponent;
async function save(login: FixtureLogin, lessonId: string, changes: unknown[], clientRequestId = randomUUID()) {
  const res = await api(stack, `/api/lessons/${enc(lessonId)}/marks`, {
    method: 'PUT',
    token: await as(login),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientRequestId, changes }),
  });
  return { status: res.status, body: (await res.json()) as any };
}
async function journal(login: FixtureLogin, groupId = ids.class5, subjectId = ids.math) {
  const res = await api(stack, `/api/journals/${enc(groupId)}/${enc(subjectId)}?periodId=2026-2027-q2`, { token: await as(login) });
  return { status: res.status, body: (await res.json()) as any };
}
const create = (studentId: string, values: string[], workTypeId = 'answer') => ({ action: 'create', studentId, values, workTypeId });

describe('saving a lesson’s marks: nothing lost, nothing applied twice', () => {
  it('a teacher saves marks for the class; the journal and the mark’s history show them', async () => {
    const { status, body } = await save('t_math5', lessons.math5, [create(ids.s1, ['5']), create(ids.s2, ['5', '4'], 'independent')]);
    expect(status).toBe(200);
    expect(body.replayed).toBe(false);
    expect(body.marks).toHaveLength(2);
    const j = await journal('t_math5');
    expect(j.status).toBe(200);
    expect(j.body.marks.filter((m: any) => m.lessonId === lessons.math5).map((m: any) => m.values.join('/')).sort()).toEqual(['5', '5/4']);
    expect(j.body.students.map((s: any) => s.name)).toEqual(['Иванов Пётр Сергеевич', 'Морозова Анна Дмитриевна', 'Смирнова Ольга Игоревна']);
    const mark = body.marks.find((m: any) => m.studentId === ids.s1);
    const history = await api(stack, `/api/lessons/${enc(lessons.math5)}/marks/${mark.id}/history`, { token: await as('t_math5') });
    const events = ((await history.json()) as any).events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'create', actorId: ids.teacher, before: null, after: { values: ['5'] } });
  });

  it('two teachers racing on one mark: one wins, the other gets a conflict with the current value and who set it', async () => {
    const created = await save('t_math5', lessons.math5b, [create(ids.s3, ['3'])]);
    const mark = created.body.marks[0];
    const update = (values: string[]) => ({ action: 'update', markId: mark.id, studentId: ids.s3, values, workTypeId: 'answer', expectedVersion: 1 });
    // The lesson's own teacher and the same teacher in a second tab, both editing version 1.
    const [a, b] = await Promise.all([save('t_math5', lessons.math5b, [update(['4'])]), save('t_math5', lessons.math5b, [update(['2'])])]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 409 ? a : b;
    const winning = winner.body.marks.find((m: any) => m.id === mark.id).values;
    expect(loser.body.error).toMatchObject({ code: 'CONFLICT', details: { current: { markId: mark.id, values: winning, version: 2, setBy: ids.teacher } } });
    const j = await journal('t_math5');
    expect(j.body.marks.find((m: any) => m.id === mark.id)).toMatchObject({ values: winning, version: 2 });
    const history = await (await api(stack, `/api/lessons/${enc(lessons.math5b)}/marks/${mark.id}/history`, { token: await as('t_math5') })).json();
    expect((history as any).events.map((e: any) => e.action)).toEqual(['create', 'update']);
  });

  it('a failed transaction leaves nothing behind: a new mark saved together with a stale one is not kept', async () => {
    const created = await save('t_math5', lessons.math5b, [create(ids.s2, ['4'])]);
    const mark = created.body.marks.find((m: any) => m.studentId === ids.s2);
    const before = (await journal('t_math5')).body.marks.length;
    const res = await save('t_math5', lessons.math5b, [
      create(ids.s1, ['5']),
      { action: 'update', markId: mark.id, studentId: ids.s2, values: ['3'], workTypeId: 'answer', expectedVersion: 7 },
    ]);
    expect(res.status).toBe(409);
    const after = (await journal('t_math5')).body;
    expect(after.marks.length).toBe(before);
    expect(after.marks.find((m: any) => m.id === mark.id)).toMatchObject({ values: ['4'], version: 1 });
  });

  it('a retried request is applied once and answered with the same result', async () => {
    const id = randomUUID();
    const first = await save('t_math5', lessons.math5, [create(ids.s3, ['4'])], id);
    const again = await save('t_math5', lessons.math5, [create(ids.s3, ['4'])], id);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.marks.map((m: any) => m.id).sort()).toEqual(first.body.marks.map((m: any) => m.id).sort());
    const marksOfS3 = (await journal('t_math5')).body.marks.filter((m: any) => m.lessonId === lessons.math5 && m.studentId === ids.s3);
    expect(marksOfS3).toHaveLength(1);
    // The same id for different content is refused, not silently replayed.
    const reused = await save('t_math5', lessons.math5, [create(ids.s3, ['2'])], id);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('bad input is refused with a clear message naming the rule', () => {
  it('a mark of 7 → 400 listing the allowed values', async () => {
    const res = await save('t_math5', lessons.math5, [create(ids.s1, ['7'])]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'body.changes.0.values.0' });
    expect(res.body.error.fields[0].message).toContain('1, 2, 3, 4, 5, ОСВ, ЗЧ, НЗ, н/а');
  });

  it('an unknown student, and one who left the class before the lesson → 400 on that field', async () => {
    const res = await save('t_math5', lessons.math5, [create(ids.s4, ['5']), create(ids.outsider, ['4'])]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.path)).toEqual(['body.changes.0.studentId', 'body.changes.1.studentId']);
    expect(res.body.error.fields[0].message).toMatch(/не числится/);
  });

  it('п. 5.6: a mark in a grade-1 class is refused, citing the clause', async () => {
    const res = await save('t_math1', lessons.math1, [create(ids.s4, ['5'])]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RULE_VIOLATED');
    expect(res.body.error.message).toMatch(/1 класс.*п\. 5\.6/);
  });

  it('a lesson that has not happened yet gets no marks', async () => {
    const res = await save('t_math5', lessons.math5future, [create(ids.s1, ['5'])]);
    expect(res.status).toBe(422);
  });

  it('an unknown work type and a malformed lesson id', async () => {
    const res = await save('t_math5', lessons.math5, [create(ids.s1, ['5'], 'nonsense')]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('body.changes.0.workTypeId');
    const bad = await api(stack, `/api/lessons/nonsense/marks`, { method: 'PUT', token: await as('t_math5'), headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
  });
});

describe('the failure paths of a save: each refused, nothing half-applied', () => {
  it('п. 5.1: a cancelled lesson gets no marks', async () => {
    const res = await save('t_math5', lessons.math5cancelled, [create(ids.s1, ['5'])]);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'RULE_VIOLATED', details: { violations: [{ rule: 'п. 5.1', code: 'MARK_ON_CANCELLED_LESSON' }] } });
  });

  it('a lesson that does not exist (a well-formed id of a free slot) → 404', async () => {
    const res = await save('t_math5', `${ids.class5}.${ids.math}.2026-11-23.7`, [create(ids.s1, ['5'])]);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('a mark changed under another student’s name is refused, and the mark stays as it was', async () => {
    const created = await save('t_math5', lessons.math5b, [create(ids.s1, ['4'])]);
    const mark = created.body.marks.find((m: any) => m.studentId === ids.s1 && m.values[0] === '4');
    const res = await save('t_math5', lessons.math5b, [{ action: 'update', markId: mark.id, studentId: ids.s2, values: ['2'], workTypeId: 'answer', expectedVersion: 1 }]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].message).toBe('Отметка принадлежит другому обучающемуся');
    const j = await journal('t_math5');
    expect(j.body.marks.find((m: any) => m.id === mark.id)).toMatchObject({ studentId: ids.s1, values: ['4'], version: 1 });
  });

  it('deleting a mark: a stale version is a conflict; the current one removes it and the history keeps it', async () => {
    const created = await save('t_math5', lessons.math5b, [create(ids.s2, ['3'])]);
    const mark = created.body.marks.find((m: any) => m.studentId === ids.s2 && m.values[0] === '3');
    const stale = await save('t_math5', lessons.math5b, [{ action: 'delete', markId: mark.id, studentId: ids.s2, expectedVersion: 5 }]);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ markId: mark.id, version: 1, values: ['3'] });
    const removed = await save('t_math5', lessons.math5b, [{ action: 'delete', markId: mark.id, studentId: ids.s2, expectedVersion: 1 }]);
    expect(removed.status).toBe(200);
    expect(removed.body.marks.map((m: any) => m.id)).not.toContain(mark.id);
    expect((await journal('t_math5')).body.marks.map((m: any) => m.id)).not.toContain(mark.id);
    const history = await api(stack, `/api/lessons/${enc(lessons.math5b)}/marks/${mark.id}/history`, { token: await as('t_math5') });
    expect(((await history.json()) as any).events.map((e: any) => e.action)).toEqual(['create', 'delete']);
  });

  it('a work type taken out of use takes no new marks', async () => {
    const res = await save('t_math5', lessons.math5b, [create(ids.s1, ['5'], 'oral-test')]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'body.changes.0.workTypeId', message: 'Такого вида работы нет в справочнике школы' });
  });
});

describe('what the API computes is the regulation’s rule', () => {
  it('a student’s weighted average through the API: Σ(value × weight) / Σ(weight), double marks as two, to two decimals', async () => {
    // Пётр, informatics (his subgroup): 5 (answer, weight 1) and 5/4 + 3 (control, weight 2 each value).
    const put = await save('t_inf', lessons.inf5, [create(ids.s2, ['5']), create(ids.s2, ['5', '4'], 'control'), create(ids.s2, ['3'], 'control')]);
    expect(put.status).toBe(200);
    const res = await api(stack, `/api/students/${ids.s2}/marks?periodId=2026-2027-q2`, { token: await as('t_inf') });
    expect(res.status).toBe(403); // the subject teacher does not read a student's whole record
    const marks = (await (await api(stack, `/api/students/${ids.s2}/marks?periodId=2026-2027-q2`, { token: await as('d_dir') })).json()) as any;
    const informatics = marks.subjects.find((s: any) => s.subjectName === 'Информатика');
    // (5·1 + 5·2 + 4·2 + 3·2) / (1 + 2 + 2 + 2) = 29 / 7 = 4.142857… → 4.14 (an independent figure, not the code's).
    const own = informatics.marks.filter((m: any) => m.workTypeId === 'control' || m.values.join('/') === '5');
    expect(own.map((m: any) => m.weight).sort()).toEqual(expect.arrayContaining([1, 2, 2]));
    expect(informatics.average).toBeCloseTo(29 / 7, 2);
    expect(informatics.average).toBe(4.14);
  });
});

describe('the medical health group is health data: only where п. 6.2 needs it', () => {
  it('a mathematics journal and lesson carry no health group', async () => {
    const j = await journal('t_math5');
    expect(j.body.students.find((s: any) => s.studentId === ids.s3)).not.toHaveProperty('healthGroup');
    const lesson = await api(stack, `/api/lessons/${enc(lessons.math5)}`, { token: await as('t_math5') });
    expect(JSON.stringify(await lesson.json())).not.toContain('healthGroup');
  });
});

describe('who may save (п. 5.3, 5.5, 8.2)', () => {
  it('another teacher, a parent, a student and the director may not', async () => {
    for (const login of ['t_math1', 'p_father', 's_anna', 'd_dir'] as const) {
      const res = await save(login, lessons.math5, [create(ids.s1, ['2'])]);
      expect(res.status, login).toBe(403);
    }
  });

  it('п. 5.3: the substitute keeps the substituted lesson, and only that one; the regular teacher does not keep it that day', async () => {
    expect((await save('t_sub', lessons.math5substituted, [create(ids.s1, ['4'])])).status).toBe(200);
    expect((await save('t_sub', lessons.math5, [create(ids.s1, ['4'])])).status).toBe(403);
    expect((await save('t_math5', lessons.math5substituted, [create(ids.s2, ['4'])])).status).toBe(403);
  });

  it('п. 5.5: a subgroup’s lesson is kept by the subgroup’s teacher; the subgroup journal lists only its students', async () => {
    expect((await save('t_inf', lessons.inf5, [create(ids.s1, ['5'])])).status).toBe(200);
    expect((await save('t_inf', lessons.inf5, [create(ids.s3, ['5'])])).status).toBe(400); // s3 is not in the subgroup
    const j = await journal('t_inf', ids.sgInf1, ids.informatics);
    expect(j.status).toBe(200);
    expect(j.body.students.map((s: any) => s.studentId).sort()).toEqual([ids.s1, ids.s2].sort());
    expect((await journal('t_inf')).status).toBe(403); // not the math journal
  });
});
