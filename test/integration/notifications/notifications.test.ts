import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { nextDigestAt } from '#shared/domain/rules/mail-timing.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, ids, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * Parents told in time (п. 2.4): a mark typed in the journal becomes a notification in the bell
 * of the student and their parent, and one e-mail in the outbox — at once (after the settling
 * minutes) or in the day's digest — none when the mark was changed back before sending, none
 * twice however often `deliver-mail` runs, never in quiet hours; the e-mail's unsubscribe link
 * works without signing in and refuses a tampered token.
 */
let stack: LocalStack;
const tokens = new Map<string, string>();
beforeAll(async () => {
  stack = await startTestStack({ dynamo: { conflicts: true }, prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) });
  // The father gives his address (his own contacts, «Мои данные»).
  const res = await call('p_father', 'PUT', `/api/people/${ids.parent}/contacts`, { clientRequestId: randomUUID(), contacts: { email: 'morozov@example.ru' }, contactsVersion: 0 });
  expect(res.status).toBe(200);
}, 120_000);
afterAll(() => stack?.close());

async function call(login: FixtureLogin | null, method: string, path: string, body?: unknown) {
  if (login && !tokens.has(login)) tokens.set(login, await signIn(stack, login));
  const res = await api(stack, path, {
    method,
    ...(login ? { token: tokens.get(login)! } : {}),
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const enc = encodeURIComponent;
const log = async () => (await import('#functions/lib/logger.ts')).logger;
const MINUTE = 60_000;

async function fanOut(now = new Date()) {
  const { fanOutChanges } = await import('#functions/notifications/fan-out.ts');
  return fanOutChanges(await log(), now);
}
async function compose(now: Date) {
  const { composeNotificationMail } = await import('#functions/notifications/compose-mail.ts');
  return composeNotificationMail(await log(), now);
}
async function outbox() {
  return (await (await fetch(`http://127.0.0.1:${stack.port}/outbox/messages.json`)).json()) as { id: string; to: string[]; subject: string; text: string }[];
}
/** The mails to an address since `before` (a list of the earlier ones). */
const newSince = async (address: string, before: { id: string }[]) => (await mailsTo(address)).filter((m) => !before.some((b) => b.id === m.id));
const mailsTo = async (address: string) => (await outbox()).filter((m) => m.to.includes(address));

async function setMarkEmail(email: 'instant' | 'digest' | 'off', extra: object = {}) {
  const mine = await call('p_father', 'GET', '/api/me/notification-settings');
  const settings = { ...mine.body.settings, topics: { ...mine.body.settings.topics, mark: { inApp: true, email } }, ...extra };
  const res = await call('p_father', 'PUT', '/api/me/notification-settings', { clientRequestId: randomUUID(), expectedVersion: mine.body.version, settings });
  expect(res.status).toBe(200);
  return res.body;
}

async function giveMark(lessonId: string, values: string[]) {
  const res = await call('t_math5', 'PUT', `/api/lessons/${enc(lessonId)}/marks`, {
    clientRequestId: randomUUID(),
    changes: [{ action: 'create', studentId: ids.s1, values, workTypeId: 'answer' }],
  });
  expect(res.status).toBe(200);
  return res.body.marks.find((m: any) => m.studentId === ids.s1 && m.values.join('/') === values.join('/'));
}

async function bell(login: FixtureLogin) {
  const res = await call(login, 'GET', '/api/me/notifications?limit=50');
  expect(res.status).toBe(200);
  return res.body as { items: { id: string; title: string; text: string; link: string; studentId: string; date: string }[]; unreadCount: number };
}

describe('a mark typed in the journal', () => {
  it('becomes one notification for the student and the parent, and one e-mail (instant), however often deliver-mail runs', async () => {
    await setMarkEmail('instant', { quietHours: null });
    const before = await mailsTo('morozov@example.ru');
    await giveMark(lessons.math5b, ['4']);
    expect((await fanOut()).created).toBe(2);

    for (const login of ['p_father', 's_anna'] as const) {
      const b = await bell(login);
      const mark = b.items.filter((n) => n.date === '2026-11-24');
      expect(mark.map((n) => n.title)).toEqual(['Математика: новая отметка 4']);
      expect(mark[0]!.text).toContain('Ответ на уроке (вес 1)');
      expect(mark[0]!.link).toBe(`/diary/${ids.s1}/2026-11-23/2026-11-24`);
      expect(b.unreadCount).toBeGreaterThan(0);
    }
    // The settling minutes: a teacher correcting a slip tells nobody yet.
    expect((await compose(new Date())).mails).toBe(0);
    expect((await compose(new Date(Date.now() + 11 * MINUTE))).mails).toBe(1);
    // Twice, and two at the same moment: the mail goes once.
    await stack.runJob('deliver-mail');
    await Promise.all([stack.runJob('deliver-mail'), stack.runJob('deliver-mail')]);
    expect((await compose(new Date(Date.now() + 12 * MINUTE))).mails).toBe(0);
    const mails = await newSince('morozov@example.ru', before);
    expect(mails.map((m) => m.subject)).toEqual(['Математика: новая отметка 4 — Морозова Анна Дмитриевна']);
    expect(mails[0]!.text).toContain('Здравствуйте, Дмитрий Игоревич!');
    expect(mails[0]!.text).toMatch(/Не получать таких писем: http:\/\/\S+\/#\/unsubscribe\/\S+/);
  });

  it('tells nothing when it is changed back before sending: created, changed, removed', async () => {
    await setMarkEmail('instant', { quietHours: null });
    const before = await mailsTo('morozov@example.ru');
    const mark = await giveMark(lessons.math5, ['5']);
    await fanOut();
    const changed = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5)}/marks`, {
      clientRequestId: randomUUID(),
      changes: [{ action: 'update', markId: mark.id, studentId: ids.s1, values: ['3'], workTypeId: 'answer', expectedVersion: 1 }],
    });
    expect(changed.status).toBe(200);
    expect((await fanOut()).merged).toBe(2);
    expect((await bell('p_father')).items.filter((n) => n.date === '2026-11-23').map((n) => n.title)).toEqual(['Математика: новая отметка 3']);
    const removed = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5)}/marks`, {
      clientRequestId: randomUUID(),
      changes: [{ action: 'delete', markId: mark.id, studentId: ids.s1, expectedVersion: 2 }],
    });
    expect(removed.status).toBe(200);
    expect((await fanOut()).withdrawn).toBe(2);
    expect((await bell('p_father')).items.filter((n) => n.date === '2026-11-23')).toEqual([]);
    expect((await bell('s_anna')).items.filter((n) => n.date === '2026-11-23')).toEqual([]);
    await compose(new Date(Date.now() + 11 * MINUTE));
    await stack.runJob('deliver-mail');
    expect(await newSince('morozov@example.ru', before)).toEqual([]);
  });

  it('waits for the daily digest, and goes then in one e-mail', async () => {
    const view = await setMarkEmail('digest', { quietHours: null, digestTime: '19:00' });
    const before = await mailsTo('morozov@example.ru');
    await giveMark(lessons.math5b, ['5']);
    await fanOut();
    expect((await compose(new Date(Date.now() + 11 * MINUTE))).mails).toBe(0);
    const digestAt = nextDigestAt(Date.now(), view.settings, 'Europe/Moscow');
    expect((await compose(new Date(digestAt + 1000))).mails).toBe(1);
    await stack.runJob('deliver-mail');
    const mails = await newSince('morozov@example.ru', before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Математика: новая отметка 5 — Морозова Анна Дмитриевна');
    expect(mails[0]!.text).toContain('Что нового в электронном дневнике');
  });

  it('is not e-mailed in quiet hours: it waits for their end', async () => {
    // Quiet hours around now (school time), ending in two hours.
    const { localTimeOf } = await import('#shared/domain/date-math.ts');
    const from = localTimeOf(Date.now() - 60 * MINUTE, 'Europe/Moscow');
    const to = localTimeOf(Date.now() + 120 * MINUTE, 'Europe/Moscow');
    await setMarkEmail('instant', { quietHours: { from, to } });
    await giveMark(lessons.math5b, ['3']);
    await fanOut();
    expect((await compose(new Date(Date.now() + 11 * MINUTE))).mails).toBe(0);
    expect((await compose(new Date(Date.now() + 60 * MINUTE))).mails).toBe(0);
    expect((await compose(new Date(Date.now() + 125 * MINUTE))).mails).toBe(1);
  });
});

describe('absences, homework and final marks are told too', () => {
  it('an absence marked in the journal reaches the parent’s bell', async () => {
    const res = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5b)}/attendance`, {
      clientRequestId: randomUUID(),
      changes: [{ studentId: ids.s1, code: 'Н', expectedVersion: 0 }],
    });
    expect(res.status).toBe(200);
    await fanOut();
    const titles = (await bell('p_father')).items.map((n) => n.title);
    expect(titles).toContain('Математика: пропуск урока (Н)');
  });

  it('homework set for a coming lesson reaches every student of the class and their parents', async () => {
    const lesson = (await call('t_math5', 'GET', `/api/lessons/${enc(lessons.math5future)}`)).body.lesson;
    const res = await call('t_math5', 'PUT', `/api/lessons/${enc(lessons.math5future)}`, {
      clientRequestId: randomUUID(),
      expectedVersion: lesson.version,
      entry: { status: 'planned', homework: { text: 'Повторить правила сложения дробей, № 412', dueDate: '2027-05-21' }, materials: [] },
    });
    expect(res.status).toBe(200);
    await fanOut();
    for (const login of ['p_father', 's_anna', 's_petr'] as const) {
      const hw = (await bell(login)).items.filter((n) => n.title === 'Математика: домашнее задание на 21.05.2027');
      expect(hw, login).toHaveLength(1);
      expect(hw[0]!.text).toContain('№ 412');
    }
    // Not to another class's pupils or to staff.
    expect((await bell('t_math1')).items).toEqual([]);
  });

  it('a final mark reaches the student and the parent, with its period', async () => {
    const res = await call('t_math5', 'PUT', `/api/journals/${enc(ids.class5)}/${enc(ids.math)}/final-marks`, {
      clientRequestId: randomUUID(),
      periodId: '2026-2027-q2',
      changes: [{ studentId: ids.s1, value: '5', expectedVersion: 0 }],
    });
    expect(res.status).toBe(200);
    await fanOut();
    const final = (await bell('s_anna')).items.find((n) => n.title.startsWith('Математика: итоговая отметка'));
    expect(final?.title).toMatch(/итоговая отметка за 2 четверть — 5/);
    expect(final?.link).toBe(`/marks/${ids.s1}/2026-2027-q2`);
  });
});

describe('the unsubscribe link', () => {
  it('works without signing in, says what it stops, stops it, and refuses a tampered token', async () => {
    const mail = (await mailsTo('morozov@example.ru')).find((m) => m.text.includes('/#/unsubscribe/'));
    expect(mail).toBeDefined();
    const token = /\/#\/unsubscribe\/(\S+)/.exec(mail!.text)![1]!;
    await setMarkEmail('instant');

    const preview = await call(null, 'POST', '/api/unsubscribe/preview', { token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ scope: 'mark', maskedEmail: 'm***@example.ru', current: { mark: 'instant' } });
    // Opening the link changes nothing.
    expect((await call('p_father', 'GET', '/api/me/notification-settings')).body.settings.topics.mark.email).toBe('instant');

    const done = await Promise.all([call(null, 'POST', '/api/unsubscribe', { token }), call(null, 'POST', '/api/unsubscribe', { token })]);
    expect(done.map((d) => d.status)).toEqual([200, 200]);
    expect(done[0]!.body.current).toEqual({ mark: 'off' });
    const settings = (await call('p_father', 'GET', '/api/me/notification-settings')).body;
    expect(settings.settings.topics.mark.email).toBe('off');
    // Other topics as they were.
    expect(settings.settings.topics.absence.email).toBe(settings.schoolDefaults.topics.absence.email);

    const [head, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), scope: 'all', sub: ids.s1 })).toString('base64url');
    for (const bad of [`${head}.${forged}.${signature}`, token.slice(0, -3) + 'abc', 'not-a-token-at-all']) {
      const refused = await call(null, 'POST', '/api/unsubscribe', { token: bad });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('UNSUBSCRIBE_LINK_INVALID');
      expect(refused.body.error.message).toContain('Ссылка для отписки повреждена или устарела');
    }
  });
});

describe('the bell and the settings under two requests at the same moment', () => {
  it('two saves of the settings on one version: one wins, the other is told to reload', async () => {
    const mine = (await call('p_father', 'GET', '/api/me/notification-settings')).body;
    const body = (email: string) => ({
      clientRequestId: randomUUID(),
      expectedVersion: mine.version,
      settings: { ...mine.settings, topics: { ...mine.settings.topics, homework: { inApp: true, email } } },
    });
    const answers = await Promise.all([
      call('p_father', 'PUT', '/api/me/notification-settings', body('instant')),
      call('p_father', 'PUT', '/api/me/notification-settings', body('digest')),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.message).toContain('изменены на другом устройстве');
    // Back to the school's: the item goes; the defaults are in force again.
    const now = (await call('p_father', 'GET', '/api/me/notification-settings')).body;
    const reset = await call('p_father', 'PUT', '/api/me/notification-settings', { clientRequestId: randomUUID(), expectedVersion: now.version, settings: null });
    expect(reset.body).toMatchObject({ isSchoolDefault: true, version: 0 });
    expect(reset.body.settings).toEqual(reset.body.schoolDefaults);
  });

  it('reading all at the same moment twice leaves nothing unread and says so to both', async () => {
    expect((await bell('s_anna')).unreadCount).toBeGreaterThan(0);
    const answers = await Promise.all([
      call('s_anna', 'POST', '/api/me/notifications/read', { all: true }),
      call('s_anna', 'POST', '/api/me/notifications/read', { all: true }),
    ]);
    expect(answers.map((a) => [a.status, a.body.unreadCount])).toEqual([
      [200, 0],
      [200, 0],
    ]);
    const after = await bell('s_anna');
    expect(after.unreadCount).toBe(0);
    expect(after.items.length).toBeGreaterThan(0);
  });

  it('a bad request is refused with a Russian message', async () => {
    const res = await call('p_father', 'POST', '/api/me/notifications/read', {});
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Укажите уведомления или all: true');
    const bad = await call('p_father', 'PUT', '/api/me/notification-settings', {
      clientRequestId: randomUUID(),
      expectedVersion: 0,
      settings: { topics: {}, quietHours: { from: '25:00', to: '08:00' }, digestTime: '19:00' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('ЧЧ:ММ');
  });
});
