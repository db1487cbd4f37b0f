import { randomUUID } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MARK_CHANGES } from '#shared/api/journal.ts';
import { defaultSchoolSettings } from '#shared/domain/school-settings.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { forgetReference, settingsItem } from '#functions/data/school-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { keys } from '#functions/data/keys.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, ids, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * The journal kept on the page, through the API: a lesson's entry (п. 5.1–5.7), attendance
 * (п. 5.1), final marks that close the period (п. 6.1, 6.2), the coordinator's reopening, the
 * school's lock, and distance days (п. 5.7) — each refusal naming its rule, nothing half-saved.
 */
let stack: LocalStack;
const tokens = new Map<string, string>();
beforeAll(async () => {
  stack = await startTestStack({ dynamo: { conflicts: true }, prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) });
}, 120_000);
afterAll(() => stack?.close());

async function as(login: FixtureLogin) {
  if (!tokens.has(login)) tokens.set(login, await signIn(stack, login));
  return tokens.get(login)!;
}
const enc = encodeURIComponent;
async function call(login: FixtureLogin, method: string, path: string, body?: unknown) {
  const res = await api(stack, path, {
    method,
    token: await as(login),
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const lessonOf = async (login: FixtureLogin, lessonId: string) => (await call(login, 'GET', `/api/lessons/${enc(lessonId)}`)).body;
const entry = (over: Record<string, unknown> = {}) => ({ status: 'conducted', topic: 'Сложение и вычитание дробей', materials: [], ...over });
const saveLesson = (login: FixtureLogin, lessonId: string, expectedVersion: number, e: Record<string, unknown>, clientRequestId = randomUUID()) =>
  call(login, 'PUT', `/api/lessons/${enc(lessonId)}`, { clientRequestId, expectedVersion, entry: e });
const attendance = (login: FixtureLogin, lessonId: string, changes: unknown[]) =>
  call(login, 'PUT', `/api/lessons/${enc(lessonId)}/attendance`, { clientRequestId: randomUUID(), changes });
const journal = (login: FixtureLogin, periodId = '2026-2027-q2') => call(login, 'GET', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}?periodId=${periodId}`);

describe('the lesson (п. 5.1–5.7)', () => {
  it('the teacher writes topic, work, homework; the next lesson is the homework’s default; the audit keeps it', async () => {
    const sheet = await lessonOf('t_math5', lessons.math5b);
    expect(sheet.nextLessonDate).toBe('2026-11-25');
    const plan = await call('t_math5', 'GET', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/plan`);
    expect(plan.body.topics.map((t: any) => t.title)).toEqual(['Сложение и вычитание дробей', 'Контрольная работа по теме «Дроби»']);
    const res = await saveLesson('t_math5', lessons.math5b, sheet.lesson.version, entry({
      topic: plan.body.topics[1].title,
      thematicTopicId: plan.body.topics[1].id,
      workTypeId: 'control',
      workTopic: 'Действия с дробями',
      homework: { text: '№ 345, 346', dueDate: sheet.nextLessonDate },
    }));
    expect(res.status).toBe(200);
    expect(res.body.lesson).toMatchObject({ topic: 'Контрольная работа по теме «Дроби»', workTypeId: 'control', homework: { text: '№ 345, 346', dueDate: '2026-11-25' }, version: sheet.lesson.version + 1 });
    expect(res.body.warnings).toEqual([]);
  });

  it('п. 5.4: a conducted lesson needs its topic, a control work its own topic — refused, field by field; nothing saved', async () => {
    const sheet = await lessonOf('t_math5', lessons.math5);
    const res = await saveLesson('t_math5', lessons.math5, sheet.lesson.version, entry({ topic: '', workTypeId: 'control' }));
    expect(res.status).toBe(422);
    expect(res.body.error.details.violations.map((v: any) => v.code).sort()).toEqual(['LESSON_TOPIC_REQUIRED', 'WORK_TOPIC_REQUIRED']);
    expect(res.body.error.fields.map((f: any) => f.path).sort()).toEqual(['body.entry.topic', 'body.entry.workTopic']);
    expect((await lessonOf('t_math5', lessons.math5)).lesson.version).toBe(sheet.lesson.version);
  });

  it('п. 5.4: a topic without Cyrillic is saved with a warning; a topic of 5,000 characters is refused', async () => {
    const sheet = await lessonOf('t_math5', lessons.math5);
    const latin = await saveLesson('t_math5', lessons.math5, sheet.lesson.version, entry({ topic: 'Fractions: addition' }));
    expect(latin.status).toBe(200);
    expect(latin.body.warnings).toEqual([expect.objectContaining({ rule: 'п. 5.4', code: 'TEXT_NOT_RUSSIAN', field: 'topic' })]);
    const long = await saveLesson('t_math5', lessons.math5, latin.body.lesson.version, entry({ topic: 'Д'.repeat(5000) }));
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0]).toMatchObject({ path: 'body.entry.topic' });
  });

  it('п. 5.2: a lesson filled after its 2-day deadline is saved, recorded late and said so; out of the unfilled index', async () => {
    const sheet = await lessonOf('t_math5', lessons.math5future);
    // A planned lesson in the future cannot be conducted yet (п. 5.1) …
    const early = await saveLesson('t_math5', lessons.math5future, sheet.lesson.version, entry());
    expect(early.status).toBe(422);
    expect(early.body.error.details.violations[0].code).toBe('LESSON_CONDUCTED_IN_FUTURE');
    // … but its homework may be written ahead.
    const ahead = await saveLesson('t_math5', lessons.math5future, sheet.lesson.version, { status: 'planned', materials: [], homework: { text: 'Повторить дроби' } });
    expect(ahead.status).toBe(200);
    // The cancelled-lesson fixture aside, a past lesson filled now (weeks after) is late.
    const unfilled = await lessonOf('t_math5', lessons.math5cancelled);
    const filled = await saveLesson('t_math5', lessons.math5cancelled, unfilled.lesson.version, entry());
    expect(filled.status).toBe(200);
    expect(filled.body.lesson).toMatchObject({ status: 'conducted', filledLate: true, filledBy: ids.teacher });
    expect(filled.body.warnings).toEqual([expect.objectContaining({ rule: 'п. 5.2', code: 'FILLED_LATE' })]);
  });

  it('two saves of one lesson at once from different versions: one wins, the other sees the lesson as it is now', async () => {
    const sheet = await lessonOf('t_math5', lessons.math5);
    const [a, b] = await Promise.all([
      saveLesson('t_math5', lessons.math5, sheet.lesson.version, entry({ topic: 'Первая версия темы' })),
      saveLesson('t_math5', lessons.math5, sheet.lesson.version, entry({ topic: 'Вторая версия темы' })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body.error.details.current).toMatchObject({ topic: expect.stringMatching(/версия темы/), version: sheet.lesson.version + 1, changedByName: 'Кузнецова Марина Алексеевна' });
  });

  it('the lesson page tells its keeper the school’s date, its days to fill it in, and nothing closed yet', async () => {
    const sheet = await lessonOf('t_math5', lessons.math5);
    expect(sheet).toMatchObject({ keptByCaller: true, fillDeadlineDays: 2, today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(sheet.entryLock).toBeUndefined();
  });

  it('п. 5.3: the substitute writes the lesson he took; its regular teacher does not', async () => {
    const sheet = await lessonOf('t_sub', lessons.math5substituted);
    expect(sheet.keptByCaller).toBe(true);
    expect((await saveLesson('t_math5', lessons.math5substituted, sheet.lesson.version, entry())).status).toBe(403);
    expect((await saveLesson('t_sub', lessons.math5substituted, sheet.lesson.version, entry({ topic: 'Дроби: повторение' }))).status).toBe(200);
  });
});

describe('attendance (п. 5.1)', () => {
  it('codes of the school, «present» clears; the journal shows them; a retry applies once', async () => {
    const res = await attendance('t_math5', lessons.math5, [
      { studentId: ids.s1, code: 'Н', expectedVersion: 0 },
      { studentId: ids.s2, code: 'ОП', minutesLate: 10, expectedVersion: 0 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.attendance.map((a: any) => `${a.studentId === ids.s1 ? 'Анна' : 'Пётр'}:${a.code}`).sort()).toEqual(['Анна:Н', 'Пётр:ОП']);
    const present = await attendance('t_math5', lessons.math5, [{ studentId: ids.s1, code: null, expectedVersion: 1 }]);
    expect(present.body.attendance.map((a: any) => a.code)).toEqual(['ОП']);
    const j = await journal('t_math5');
    expect(j.body.attendance.filter((a: any) => a.lessonId === lessons.math5).map((a: any) => a.code)).toEqual(['ОП']);
    expect(j.body.attendanceCodes.map((c: any) => c.code)).toEqual(['Н', 'УП', 'Б', 'ОП']);
  });

  it('a code that is no attendance code, and a student not of the class → 400 on the field; nothing half-saved', async () => {
    const res = await attendance('t_math5', lessons.math5b, [
      { studentId: ids.s3, code: 'Б', expectedVersion: 0 },
      { studentId: ids.s4, code: 'Х', expectedVersion: 0 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.path).sort()).toEqual(['body.changes.1.code', 'body.changes.1.studentId']);
    expect((await lessonOf('t_math5', lessons.math5b)).attendance.find((a: any) => a.studentId === ids.s3)).toBeUndefined();
  });

  it('«all present» at the same moment as an absence marked elsewhere: never a silent override, never a 500', async () => {
    const [absent, present] = await Promise.all([
      attendance('t_math5', lessons.math5b, [{ studentId: ids.s1, code: 'Б', expectedVersion: 0 }]),
      attendance('t_math5', lessons.math5b, [{ studentId: ids.s1, code: null, expectedVersion: 0 }]),
    ]);
    expect(absent.status).toBe(200);
    // «Present» either came first (nothing to remove) or finds the absence and says so with it.
    expect([200, 409]).toContain(present.status);
    if (present.status === 409) expect(present.body.error.details.current).toMatchObject({ code: 'Б', version: 1 });
    const now = (await lessonOf('t_math5', lessons.math5b)).attendance.filter((x: any) => x.studentId === ids.s1);
    expect(now.map((x: any) => x.code)).toEqual(['Б']);
  });

  it('п. 5.6: grade 1 keeps attendance (no marks)', async () => {
    expect((await attendance('t_math1', lessons.math1, [{ studentId: ids.s4, code: 'УП', expectedVersion: 0 }])).status).toBe(200);
  });
});

describe('the largest save', () => {
  it(`${MAX_MARK_CHANGES} marks in one save fit one transaction (its checks, marks, audit, idempotency), then all go in one; one more is refused`, async () => {
    const path = `/api/lessons/${enc(lessons.inf5)}/marks`;
    const created = await call('t_inf', 'PUT', path, {
      clientRequestId: randomUUID(),
      changes: Array.from({ length: MAX_MARK_CHANGES }, () => ({ action: 'create', studentId: ids.s2, values: ['4'], workTypeId: 'answer' })),
    });
    expect(created.status).toBe(200);
    const mine = created.body.marks.filter((m: any) => m.studentId === ids.s2 && m.setAt === created.body.marks.at(-1).setAt);
    expect(mine).toHaveLength(MAX_MARK_CHANGES);
    const removed = await call('t_inf', 'PUT', path, {
      clientRequestId: randomUUID(),
      changes: mine.map((m: any) => ({ action: 'delete', markId: m.id, studentId: ids.s2, expectedVersion: m.version })),
    });
    expect(removed.status).toBe(200);
    expect(removed.body.marks.filter((m: any) => mine.some((x: any) => x.id === m.id))).toEqual([]);
    const tooMany = await call('t_inf', 'PUT', path, {
      clientRequestId: randomUUID(),
      changes: Array.from({ length: MAX_MARK_CHANGES + 1 }, () => ({ action: 'create', studentId: ids.s2, values: ['4'], workTypeId: 'answer' })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields[0]).toMatchObject({ path: 'body.changes' });
  });
});

describe('a mark’s own weight', () => {
  it('an edit of a mark whose weight was set for it alone keeps that weight', async () => {
    const path = `/api/lessons/${enc(lessons.inf5)}/marks`;
    const created = await call('t_inf', 'PUT', path, { clientRequestId: randomUUID(), changes: [{ action: 'create', studentId: ids.s1, values: ['4'], workTypeId: 'answer' }] });
    const mark = created.body.marks.find((m: any) => m.studentId === ids.s1 && m.values[0] === '4');
    const [groupId, subjectId, date, slot] = [ids.sgInf1, ids.informatics, '2026-11-23', 5];
    await documentClient.send(
      new UpdateCommand({ TableName: tableName(), Key: keys.mark(groupId, subjectId, date, slot, ids.s1, mark.id), UpdateExpression: 'SET weight = :w', ExpressionAttributeValues: { ':w': 3 } }),
    );
    const edited = await call('t_inf', 'PUT', path, {
      clientRequestId: randomUUID(),
      changes: [{ action: 'update', markId: mark.id, studentId: ids.s1, values: ['5'], workTypeId: 'answer', expectedVersion: mark.version }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.marks.find((m: any) => m.id === mark.id)).toMatchObject({ values: ['5'], weight: 3, version: mark.version + 1 });
  });
});

describe('final marks (п. 6.1, 6.2) close the period; the coordinator reopens', () => {
  const finals = (login: FixtureLogin, periodId = '2026-2027-q2') => call(login, 'GET', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/final-marks?periodId=${periodId}`);
  const setFinals = (login: FixtureLogin, changes: unknown[], periodId = '2026-2027-q2') =>
    call(login, 'PUT', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/final-marks`, { clientRequestId: randomUUID(), periodId, changes });

  it('the sheet: students with their weighted average, its formula and a suggestion; the deadline; open', async () => {
    const marks = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5)}/marks`, {
      clientRequestId: randomUUID(),
      changes: [
        { action: 'create', studentId: ids.s1, values: ['5'], workTypeId: 'answer' },
        { action: 'create', studentId: ids.s1, values: ['4', '3'], workTypeId: 'control' },
      ],
    });
    expect(marks.status).toBe(200);
    const res = await finals('t_math5');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deadline: '2026-12-29', state: { closed: false }, keptByCaller: true, period: { kind: 'quarter' } });
    const anna = res.body.rows.find((r: any) => r.studentId === ids.s1);
    // (5·1 + 4·2 + 3·2) / (1 + 2 + 2) = 19 / 5 = 3.8 → 4 with the threshold 0.5 (an independent figure).
    expect(anna).toMatchObject({ average: 3.8, suggestion: '4' });
    expect(anna.averageFormula).toMatch(/^\(.+\) \/ \(.+\) = 3,8$/);
    for (const term of ['5·1', '4·2', '3·2']) expect(anna.averageFormula).toContain(term);
    // Not the director's to set, nor a parent's to read.
    expect((await finals('d_dir')).body.keptByCaller).toBe(false);
    expect((await finals('p_father')).status).toBe(403);
  });

  it('a value outside the allowed ones → 400; grade-1 marks → refused by the rule', async () => {
    const bad = await setFinals('t_math5', [{ studentId: ids.s1, value: '6', expectedVersion: 0 }]);
    expect(bad.status).toBe(400);
  });

  it('setting every student’s mark closes the period: marks and attendance refused to the teacher, citing п. 6.1', async () => {
    const sheet = (await finals('t_math5')).body;
    const changes = sheet.rows.map((r: any) => ({ studentId: r.studentId, value: r.suggestion ?? 'н/а', expectedVersion: 0 }));
    const res = await setFinals('t_math5', changes);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.state.closed).toBe(true);
    expect(res.body.rows.every((r: any) => r.finalMark)).toBe(true);
    // The journal shows the period's final marks and that it is closed.
    const j = await journal('t_math5');
    expect(j.body.finalMarks).toHaveLength(changes.length);
    expect(j.body.state.closed).toBe(true);
    expect(j.body.lockedLessons.map((l: any) => l.reason)).toContain('closed');
    const mark = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5b)}/marks`, {
      clientRequestId: randomUUID(),
      changes: [{ action: 'create', studentId: ids.s1, values: ['5'], workTypeId: 'answer' }],
    });
    expect(mark.status).toBe(422);
    expect(mark.body.error.details.violations[0]).toMatchObject({ rule: 'п. 6.1', code: 'PERIOD_CLOSED' });
    expect((await attendance('t_math5', lessons.math5b, [{ studentId: ids.s3, code: 'Н', expectedVersion: 0 }])).status).toBe(422);
    // The lesson page says so before anything is typed.
    expect((await lessonOf('t_math5', lessons.math5b)).entryLock).toMatchObject({ reason: 'closed', message: expect.stringContaining('выставлены') });
  });

  it('only the coordinator reopens (with a reason), audited; then the teacher corrects and setting again closes it', async () => {
    const state = (await finals('t_math5')).body.state;
    const body = { clientRequestId: randomUUID(), periodId: '2026-2027-q2', reason: 'Исправление ошибки в отметке', days: 2, expectedVersion: state.version };
    expect((await call('t_math5', 'POST', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/reopen`, body)).status).toBe(403);
    expect((await call('d_dir', 'POST', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/reopen`, body)).status).toBe(403);
    // Two reopenings at the same moment (two tabs): one goes in, the other is told the state changed — never a 500.
    const [first, second] = await Promise.all([
      call('c_coord', 'POST', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/reopen`, body),
      call('c_coord', 'POST', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/reopen`, { ...body, clientRequestId: randomUUID() }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const reopened = first.status === 200 ? first : second;
    expect(reopened.body).toMatchObject({ closed: false, reopenReason: 'Исправление ошибки в отметке', reopenedUntil: expect.any(String) });
    // Open again: the teacher corrects a mark of the period …
    const mark = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5b)}/marks`, {
      clientRequestId: randomUUID(),
      changes: [{ action: 'create', studentId: ids.s1, values: ['5'], workTypeId: 'answer' }],
    });
    expect(mark.status).toBe(200);
    // … and a final mark; every student has one again, so the period closes again.
    const sheet = (await finals('t_math5')).body;
    const anna = sheet.rows.find((r: any) => r.studentId === ids.s1);
    // Two settings of her final mark at the same moment from the same version: one wins, the other
    // gets 409 with the mark as it is now; the sheet holds the winner's value.
    const [five, four] = await Promise.all([
      setFinals('t_math5', [{ studentId: ids.s1, value: '5', expectedVersion: anna.finalMark.version }]),
      setFinals('t_math5', [{ studentId: ids.s1, value: '4', expectedVersion: anna.finalMark.version }]),
    ]);
    expect([five.status, four.status].sort()).toEqual([200, 409]);
    const again = five.status === 200 ? five : four;
    expect(again.body.state.closed).toBe(true);
    const kept = (await finals('t_math5')).body.rows.find((r: any) => r.studentId === ids.s1);
    expect(kept.finalMark.value).toBe(five.status === 200 ? '5' : '4');
  });
});

describe('the school’s lock after N days (optional)', () => {
  it('a lesson older than the lock is closed to its teacher, with the reason', async () => {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: settingsItem({ ...defaultSchoolSettings(), lockAfterDays: 3 }) }));
    forgetReference();
    try {
      const res = await attendance('t_inf', lessons.inf5, [{ studentId: ids.s2, code: 'Н', expectedVersion: 0 }]);
      expect(res.status).toBe(422);
      expect(res.body.error.details.violations[0]).toMatchObject({ rule: 'п. 5.2', code: 'ENTRY_LOCKED' });
    } finally {
      await documentClient.send(new PutCommand({ TableName: tableName(), Item: settingsItem(defaultSchoolSettings()) }));
      forgetReference();
    }
  });
});

describe('distance days (п. 5.7)', () => {
  it('the director declares one for 5А: its lessons that day become distance lessons with the reason; a teacher may not declare', async () => {
    const body = { clientRequestId: randomUUID(), classIds: [ids.class5], dates: ['2026-11-24'], reason: 'Актированный день (мороз)' };
    expect((await call('t_math5', 'POST', '/api/distance-days', body)).status).toBe(403);
    const res = await call('d_dir', 'POST', '/api/distance-days', body);
    expect(res.status).toBe(201);
    expect(res.body.days).toEqual([expect.objectContaining({ classId: ids.class5, className: '5А', date: '2026-11-24', lessons: 1 })]);
    const sheet = await lessonOf('t_math5', lessons.math5b);
    expect(sheet.lesson).toMatchObject({ isDistance: true, distanceReason: 'Актированный день (мороз)' });
    expect((await call('t_math5', 'GET', '/api/distance-days')).body.days.map((d: any) => d.date)).toContain('2026-11-24');
  });

  it('the same day declared twice at the same moment: one day with one reason, never a 500', async () => {
    const declare = (reason: string) => call('d_dir', 'POST', '/api/distance-days', { clientRequestId: randomUUID(), classIds: [ids.class5], dates: ['2026-11-25'], reason });
    const both = await Promise.all([declare('Карантин'), declare('Актированный день')]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const days = (await call('d_dir', 'GET', '/api/distance-days')).body.days.filter((d: any) => d.classId === ids.class5 && d.date === '2026-11-25');
    expect(days).toHaveLength(1);
    expect(['Карантин', 'Актированный день']).toContain(days[0].reason);
  });

  it('a day off or a holiday is refused, citing the calendar (п. 1.2)', async () => {
    const res = await call('d_dir', 'POST', '/api/distance-days', { clientRequestId: randomUUID(), classIds: [ids.class5], dates: ['2026-11-29'], reason: 'Проверка' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.violations[0].rule).toBe('п. 1.2');
  });
});

