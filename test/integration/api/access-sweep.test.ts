import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { apiErrorSchema } from '#shared/api/errors.ts';
import { declaredErrors, type OperationContract } from '#shared/api/operation.ts';
import { AREA_TABLE_ACTIONS } from '#infra/lib/table-access.ts';
import { recordTableActions } from '../../support/call-counter.ts';
import { operations } from '#shared/api/operations.ts';
import { actorRef } from '#functions/lib/logger.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { accounts, createFixtureAccounts, ids, lessons, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * Trying other people's data under every role, through the API with altered ids.
 *
 * The unit matrix (test/unit/authz/policy.test.ts) proves the policy's rules; this sweep proves
 * the handlers ask it about the right record: for every authenticated operation, concrete HTTP
 * requests whose ids point at someone else's data are sent with the token of every fixture login
 * that must not reach it. Each refusal must be a 403/404 in the API error shape, carry no name
 * and no id of anyone not already in the URL, and be logged as `access denied` without personal
 * data. The same operation by an allowed caller must succeed, so a handler that refuses everyone
 * cannot pass. Requests that change accounts (disable, sign out everywhere, withdraw consent)
 * run last, after every refusal has been tried.
 */

// ── the fixture's people, to look for in what a refused caller gets ──────────────────────────

const people = [
  { id: ids.teacher, last: 'Кузнецова', first: 'Марина', middle: 'Алексеевна' },
  { id: ids.teacher1, last: 'Орлова', first: 'Наталья', middle: 'Петровна' },
  { id: ids.substitute, last: 'Зайцев', first: 'Павел', middle: 'Андреевич' },
  { id: ids.informaticsTeacher, last: 'Лебедев', first: 'Игорь', middle: 'Олегович' },
  { id: ids.director, last: 'Воронцова', first: 'Елена', middle: 'Викторовна' },
  { id: ids.s1, last: 'Морозова', first: 'Анна', middle: 'Дмитриевна' },
  { id: ids.s2, last: 'Иванов', first: 'Пётр', middle: 'Сергеевич' },
  { id: ids.s3, last: 'Смирнова', first: 'Ольга', middle: 'Игоревна' },
  { id: ids.s4, last: 'Соколов', first: 'Миша', middle: 'Артёмович' },
  { id: ids.outsider, last: 'Ушедший', first: 'Глеб', middle: 'Юрьевич' },
  { id: ids.parent, last: 'Морозов', first: 'Дмитрий', middle: 'Игоревич' },
  { id: ids.parent2, last: 'Иванова', first: 'Мария', middle: 'Петровна' },
  { id: ids.operator, last: 'Соколова', first: 'Ирина', middle: 'Павловна' },
  { id: ids.previous, last: 'Прежнева', first: 'Вера', middle: 'Андреевна' },
  { id: ids.coordinator, last: 'Белов', first: 'Андрей', middle: 'Сергеевич' },
];
const NAME_WORDS = [...new Set(people.flatMap((p) => [p.last, p.first, p.middle]))];
/** A whole word (so «Морозов» is not found inside «Морозова»). */
const mentions = (text: string, word: string) => new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'u').test(text);
const PERSON_ID = /(?<![A-Za-z0-9])p-[0-9A-HJKMNP-TV-Z]{26}/g;
const LOGINS = Object.keys(accounts) as FixtureLogin[];

// ── the sweep's table ────────────────────────────────────────────────────────────────────────

/** What fills an operation's path template, its query string and its body. */
type Call = { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
/** A request aimed at data the listed logins must not reach. `call` runs when the test does. */
type Foreign = { what: string; call: () => Call; refused: FixtureLogin[]; status?: 403 | 404 };
/** The same operation by someone allowed: must answer 2xx. `last` orders the ones that change accounts. */
type Control = { login: FixtureLogin; what: string; call: () => Call; check?: (body: any) => void; last?: number };
/** For "own data only" operations, which take no id: the answer describes the caller and nobody else. */
type Own = { what: string; run: () => Promise<void>; last?: number };
type Row = { foreign: Foreign[]; allowed: Control[]; own?: Own[] };

const week = { weekStart: '2026-11-23' };
const period = { periodId: '2026-2027-q2' };
const classScope = (classId: string) => ({ scope: 'class', classId });
const issueBody = (scope: unknown, ...invitees: unknown[]) => ({ clientRequestId: randomUUID(), scope, invitees });
const markBody = (studentId: string, values = ['4']) => ({
  clientRequestId: randomUUID(),
  changes: [{ action: 'create', studentId, values, workTypeId: 'answer' }],
});
const lessonBody = (expectedVersion: number) => ({
  clientRequestId: randomUUID(),
  expectedVersion,
  entry: { status: 'conducted', topic: 'Сложение и вычитание дробей', materials: [] },
});
const finalBody = () => ({ clientRequestId: randomUUID(), periodId: '2026-2027-q2', changes: [{ studentId: ids.s1, value: '4', expectedVersion: 0 }] });
const reopenBody = () => ({ clientRequestId: randomUUID(), periodId: '2026-2027-q2', reason: 'Проверка доступа', days: 1, expectedVersion: 0 });
const distanceBody = (classId: string) => ({ clientRequestId: randomUUID(), classIds: [classId], dates: ['2026-11-23'], reason: 'Актированный день' });
const uploadBody = () => ({ fileName: 'Задание.pdf', contentType: 'application/pdf', size: PDF.length });
const attachBody = (uploadId: string, expectedVersion: number) => ({ clientRequestId: randomUUID(), uploadId, expectedVersion });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const versioned = (userId: string) => ({ clientRequestId: randomUUID(), version: setup.versions?.[userId] ?? 1 });

const table: Record<string, Row> = {
  getMe: {
    foreign: [],
    allowed: [],
    own: [
      { what: 'every login gets its own name, person and login, and nobody else’s', run: () => everyoneGetsOnlyThemselves() },
      { what: 'ids of other people in the query string are ignored', run: () => queryIdsIgnoredByGetMe() },
    ],
  },
  signOutEverywhere: {
    foreign: [],
    allowed: [],
    own: [{ what: 'ends only the caller’s sessions: other users’ tokens still work', run: () => signOutEverywhereEndsOnlyMine(), last: 3 }],
  },

  // ── invitations ──
  issueInviteCodes: {
    foreign: [
      {
        what: 'a code for a parent of 5А (not their class / not a register keeper)',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.parent2, roles: ['parent'] }) }),
        refused: ['t_math1', 't_inf', 't_sub', 'p_father', 's_anna', 's_petr', 'd_dir'],
      },
      {
        what: 'altered id: a 1А student (ids.s4) in the 5А register',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.s4, roles: ['student'] }) }),
        refused: ['t_math5', 'o_oper'],
      },
      {
        what: 'altered id: a student who left 5А in September',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.outsider, roles: ['student'] }) }),
        refused: ['t_math5'],
      },
      {
        what: 'altered role: the 5А parent made an operator',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.parent2, roles: ['operator'] }) }),
        refused: ['t_math5', 'o_oper'],
      },
      {
        what: 'altered role: a 5А student made a parent',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.s3, roles: ['parent'] }) }),
        refused: ['t_math5'],
      },
      {
        what: 'altered scope: the 1А register (another class)',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class1 }, { personId: ids.s4, roles: ['student'] }) }),
        refused: ['t_math5', 't_inf'],
      },
      {
        what: 'a staff code (staff codes come from the operator)',
        call: () => ({ body: issueBody({ kind: 'staff' }, { personId: ids.teacher1, roles: ['teacher'] }) }),
        refused: ['t_math5', 't_math1', 'd_dir', 'p_father', 's_anna'],
      },
      {
        what: 'takeover: a code for a parent who has an account (it would set his password) — only the operator recovers accounts',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.parent, roles: ['parent'] }) }),
        refused: ['t_math5'],
      },
      {
        what: 'the operator’s code for herself, with the director’s role',
        call: () => ({ body: issueBody({ kind: 'staff' }, { personId: ids.operator, roles: ['operator', 'director'] }) }),
        refused: ['o_oper'],
      },
      {
        what: 'a new staff member in a class register',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { newStaff: { lastName: 'Новикова', firstName: 'Вера' }, roles: ['teacher'] }) }),
        refused: ['t_math5', 'o_oper'],
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the class teacher issues a code to a parent of her class',
        call: () => ({ body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.parent2, roles: ['parent'] }) }),
        check: (b) => expect(b.codes).toMatchObject([{ personId: ids.parent2, roles: ['parent'], status: 'active', code: expect.any(String) }]),
      },
    ],
  },
  listInviteCodes: {
    foreign: [
      { what: 'the 5А register', call: () => ({ query: classScope(ids.class5) }), refused: ['t_math1', 't_inf', 't_sub', 'p_father', 's_anna', 's_petr'] },
      { what: 'the staff register', call: () => ({ query: { scope: 'staff' } }), refused: ['t_math5', 't_math1', 'p_father', 's_anna'] },
      { what: 'altered id: the 1А register', call: () => ({ query: classScope(ids.class1) }), refused: ['t_math5', 't_inf'] },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the class teacher reads her class’s register',
        call: () => ({ query: classScope(ids.class5) }),
        check: (b) => expect(b.entries.map((e: any) => e.id)).toContain(need('classCodeId')),
      },
      { login: 'd_dir', what: 'the director reads the staff register', call: () => ({ query: { scope: 'staff' } }) },
    ],
  },
  revokeInviteCode: {
    foreign: [
      {
        what: 'a code issued for 5А',
        call: () => ({ params: { codeId: need('classCodeId') }, body: { clientRequestId: randomUUID() } }),
        refused: ['t_math1', 't_inf', 't_sub', 'p_father', 's_anna', 's_petr', 'd_dir'],
      },
      {
        what: 'a staff code',
        call: () => ({ params: { codeId: need('staffCodeId') }, body: { clientRequestId: randomUUID() } }),
        refused: ['t_math5', 't_math1', 'd_dir'],
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the class teacher revokes a 5А code',
        call: () => ({ params: { codeId: need('classCodeId') }, body: { clientRequestId: randomUUID() } }),
        check: (b) => expect(b).toMatchObject({ id: need('classCodeId'), status: 'revoked' }),
      },
      {
        login: 'o_oper',
        what: 'the operator revokes a staff code',
        call: () => ({ params: { codeId: need('staffCodeId') }, body: { clientRequestId: randomUUID() } }),
        check: (b) => expect(b).toMatchObject({ id: need('staffCodeId'), status: 'revoked' }),
      },
    ],
  },
  listInvitees: {
    foreign: [
      { what: 'the people of 5А', call: () => ({ query: classScope(ids.class5) }), refused: ['t_math1', 't_inf', 't_sub', 'p_father', 's_anna', 's_petr', 'd_dir'] },
      { what: 'the staff', call: () => ({ query: { scope: 'staff' } }), refused: ['t_math5', 't_math1', 'd_dir', 'p_father'] },
      { what: 'altered id: the people of 1А', call: () => ({ query: classScope(ids.class1) }), refused: ['t_math5'] },
      { what: 'the people of 5А, by its class teacher until October', call: () => ({ query: classScope(ids.class5) }), refused: ['t_prev'] },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the class teacher lists her class',
        call: () => ({ query: classScope(ids.class5) }),
        check: (b) => expect(b.people.map((p: any) => p.personId)).toEqual(expect.arrayContaining([ids.s1, ids.s2, ids.parent2])),
      },
      { login: 'o_oper', what: 'the operator lists the staff', call: () => ({ query: { scope: 'staff' } }) },
    ],
  },

  // ── consents ──
  listConsents: {
    foreign: [{ what: 'the consent register', call: () => ({}), refused: ['t_math5', 't_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr'] }],
    allowed: [
      { login: 'o_oper', what: 'the operator', call: () => ({}), check: (b) => expect(b.entries.length).toBeGreaterThanOrEqual(LOGINS.length) },
      { login: 'd_dir', what: 'the director', call: () => ({}) },
    ],
  },
  withdrawConsent: {
    foreign: [
      {
        what: 'p_father’s own consent',
        call: () => ({ params: { consentId: need('fatherConsentId') }, body: { clientRequestId: randomUUID() } }),
        refused: ['s_petr', 't_math1', 's_anna', 't_math5', 'd_dir'],
      },
      {
        what: 'Анна’s consent, signed by her father (she is its subject, not its signer)',
        call: () => ({ params: { consentId: need('annaConsentId') }, body: { clientRequestId: randomUUID() } }),
        refused: ['s_anna', 't_math5', 's_petr'],
      },
      {
        what: 'Пётр’s consent, signed by his mother (who has no account; he is its subject, not its signer)',
        call: () => ({ params: { consentId: need('petrConsentId') }, body: { clientRequestId: randomUUID() } }),
        refused: ['s_petr', 'p_father', 's_anna', 't_math5', 'd_dir'],
      },
    ],
    allowed: [
      {
        login: 'p_father',
        what: 'the signer withdraws his own consent',
        call: () => ({ params: { consentId: need('fatherConsentId') }, body: { clientRequestId: randomUUID() } }),
        check: (b) => expect(b).toMatchObject({ id: need('fatherConsentId'), personId: ids.parent, withdrawnAt: expect.any(String) }),
        last: 4,
      },
    ],
  },

  // ── users ──
  listUsers: {
    foreign: [{ what: 'the list of accounts', call: () => ({}), refused: ['t_math5', 't_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr'] }],
    allowed: [
      { login: 'o_oper', what: 'the operator', call: () => ({}), check: (b) => expect(b.users.length).toBeGreaterThanOrEqual(LOGINS.length) },
      { login: 'd_dir', what: 'the director', call: () => ({}) },
    ],
  },
  disableUser: {
    foreign: [
      {
        what: 't_math1’s account',
        call: () => ({ params: { userId: userIdOf('t_math1') }, body: versioned(userIdOf('t_math1')) }),
        refused: ['t_math5', 't_math1', 't_sub', 'd_dir', 'p_father', 's_anna'],
      },
      { what: 'the operator’s own account', call: () => ({ params: { userId: userIdOf('o_oper') }, body: versioned(userIdOf('o_oper')) }), refused: ['o_oper'] },
    ],
    allowed: [
      {
        login: 'o_oper',
        what: 'the operator disables t_math1',
        call: () => ({ params: { userId: userIdOf('t_math1') }, body: versioned(userIdOf('t_math1')) }),
        check: (b) => {
          expect(b).toMatchObject({ userId: userIdOf('t_math1'), status: 'disabled', disabledReason: 'operator' });
          need('versions')[userIdOf('t_math1')] = b.version;
        },
        last: 1,
      },
    ],
  },
  enableUser: {
    foreign: [
      {
        what: 't_math1’s account',
        call: () => ({ params: { userId: userIdOf('t_math1') }, body: versioned(userIdOf('t_math1')) }),
        refused: ['t_math5', 't_math1', 't_sub', 'd_dir', 'p_father', 's_anna'],
      },
      { what: 'the operator’s own account', call: () => ({ params: { userId: userIdOf('o_oper') }, body: versioned(userIdOf('o_oper')) }), refused: ['o_oper'] },
    ],
    allowed: [
      {
        login: 'o_oper',
        what: 'the operator enables t_math1 again',
        call: () => ({ params: { userId: userIdOf('t_math1') }, body: versioned(userIdOf('t_math1')) }),
        check: (b) => expect(b).toMatchObject({ userId: userIdOf('t_math1'), status: 'active' }),
        last: 2,
      },
    ],
  },

  // ── people ──
  updatePersonContacts: {
    foreign: [
      {
        what: 'a 5А parent’s contacts (п. 6/4.1: the class teacher of 5А keeps them)',
        call: () => ({ params: { personId: ids.parent2 }, body: { clientRequestId: randomUUID(), contacts: { phone: '+79160000001' }, contactsVersion: 0 } }),
        refused: ['t_math1', 't_inf', 't_sub', 'd_dir', 'p_father', 's_anna', 's_petr'],
      },
      {
        what: 'a colleague’s contacts (staff: the operator or themselves)',
        call: () => ({ params: { personId: ids.teacher1 }, body: { clientRequestId: randomUUID(), contacts: { phone: '+79160000002' }, contactsVersion: 0 } }),
        refused: ['t_math5', 't_inf', 'd_dir', 'p_father', 's_anna'],
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the class teacher updates a parent of her class',
        call: () => ({ params: { personId: ids.parent2 }, body: { clientRequestId: randomUUID(), contacts: { phone: '+79160000003' }, contactsVersion: 0 } }),
        check: (b) => expect(b).toMatchObject({ personId: ids.parent2, contacts: { phone: '+79160000003' }, contactsVersion: 1 }),
      },
    ],
  },

  // ── the journal ──
  listMyJournals: {
    foreign: [{ what: 'journals (not staff)', call: () => ({}), refused: ['p_father', 's_anna', 's_petr'] }],
    allowed: [{ login: 't_math5', what: 'a teacher', call: () => ({}) }],
    own: [{ what: 'each teacher’s list holds only the journals they may open', run: () => journalsAreOnlyMine() }],
  },
  getClassJournal: {
    foreign: [
      {
        what: '5А mathematics',
        call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: period }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr'],
      },
      {
        what: 'the 5А informatics subgroup',
        call: () => ({ params: { groupId: ids.sgInf1, subjectId: ids.informatics }, query: period }),
        refused: ['t_math1', 't_sub', 'p_father', 's_anna'],
      },
      {
        what: 'altered id: 1А mathematics',
        call: () => ({ params: { groupId: ids.class1, subjectId: ids.math }, query: period }),
        refused: ['t_math5', 't_inf', 't_sub', 'p_father'],
      },
      {
        what: 'the next quarter of 5А mathematics, by its teacher replaced on 23 November',
        call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: { periodId: '2026-2027-q3' } }),
        refused: ['t_prev'],
      },
      {
        what: 'altered subject: 5А informatics as a whole class (the subgroup teacher teaches only the subgroup)',
        call: () => ({ params: { groupId: ids.class5, subjectId: ids.informatics }, query: period }),
        refused: ['t_math1', 'p_father'],
      },
    ],
    allowed: [
      { login: 't_math5', what: 'the teacher of 5А mathematics', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: period }) },
      { login: 't_inf', what: 'the subgroup’s teacher', call: () => ({ params: { groupId: ids.sgInf1, subjectId: ids.informatics }, query: period }) },
      { login: 'd_dir', what: 'the director, 1А', call: () => ({ params: { groupId: ids.class1, subjectId: ids.math }, query: period }) },
      { login: 't_prev', what: 'the replaced teacher, the quarter she taught in', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: period }) },
    ],
  },
  getLesson: {
    foreign: [
      {
        what: 'a 5А mathematics lesson',
        call: () => ({ params: { lessonId: lessons.math5 } }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr'],
      },
      {
        what: 'a lesson substituted by t_sub (п. 5.3: his, not everyone’s)',
        call: () => ({ params: { lessonId: lessons.math5substituted } }),
        refused: ['t_math1', 't_inf', 'p_father', 's_anna'],
      },
      { what: 'altered id: a 1А lesson', call: () => ({ params: { lessonId: lessons.math1 } }), refused: ['t_math5', 't_sub', 't_inf', 'p_father'] },
    ],
    allowed: [
      {
        login: 't_sub',
        what: 'the substitute opens the lesson he took, and keeps it',
        call: () => ({ params: { lessonId: lessons.math5substituted } }),
        check: (b) => expect(b).toMatchObject({ lesson: { id: lessons.math5substituted }, keptByCaller: true, className: '5А' }),
      },
      {
        login: 't_math5',
        what: 'the class’s teacher reads the substituted lesson but does not keep it',
        call: () => ({ params: { lessonId: lessons.math5substituted } }),
        check: (b) => expect(b.keptByCaller).toBe(false),
      },
      { login: 'd_dir', what: 'the director, 1А', call: () => ({ params: { lessonId: lessons.math1 } }), check: (b) => expect(b.keptByCaller).toBe(false) },
    ],
  },
  getMarkHistory: {
    foreign: [
      {
        what: 'a mark in 5А mathematics',
        call: () => ({ params: { lessonId: lessons.math5, markId: need('markId') } }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr'],
      },
      {
        what: 'altered lesson id: the 5А mark under a 1А lesson (the 1А teacher’s own)',
        call: () => ({ params: { lessonId: lessons.math1, markId: need('markId') } }),
        refused: ['t_math1'],
        status: 404,
      },
      {
        what: 'altered lesson id: the 5А mark under a 1А lesson (not the caller’s journal)',
        call: () => ({ params: { lessonId: lessons.math1, markId: need('markId') } }),
        refused: ['t_math5', 'p_father'],
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the journal’s teacher',
        call: () => ({ params: { lessonId: lessons.math5, markId: need('markId') } }),
        check: (b) => expect(b.events).toMatchObject([{ action: 'create' }]),
      },
      { login: 'd_dir', what: 'the director', call: () => ({ params: { lessonId: lessons.math5, markId: need('markId') } }) },
    ],
  },
  saveLessonMarks: {
    foreign: [
      {
        what: 'a 5А mathematics lesson',
        call: () => ({ params: { lessonId: lessons.math5 }, body: markBody(ids.s1) }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr', 'd_dir', 'o_oper'],
      },
      {
        what: 'a lesson kept by a substitute (п. 5.3)',
        call: () => ({ params: { lessonId: lessons.math5substituted }, body: markBody(ids.s1) }),
        refused: ['t_math5', 't_math1', 't_inf', 'p_father', 's_anna'],
      },
      { what: 'altered id: a 1А lesson', call: () => ({ params: { lessonId: lessons.math1 }, body: markBody(ids.s4) }), refused: ['t_math5', 't_inf'] },
      {
        what: 'a 5А lesson the day after its teacher was replaced',
        call: () => ({ params: { lessonId: lessons.math5b }, body: markBody(ids.s1) }),
        refused: ['t_prev'],
      },
      {
        what: 'altered id: the 5А informatics subgroup’s lesson (the class teacher does not keep it)',
        call: () => ({ params: { lessonId: lessons.inf5 }, body: markBody(ids.s1) }),
        refused: ['t_math5', 't_math1', 't_sub'],
      },
    ],
    allowed: [
      { login: 't_math5', what: 'the assigned teacher', call: () => ({ params: { lessonId: lessons.math5 }, body: markBody(ids.s3) }) },
      { login: 't_sub', what: 'the substitute of this lesson', call: () => ({ params: { lessonId: lessons.math5substituted }, body: markBody(ids.s1, ['5']) }) },
      { login: 't_inf', what: 'the subgroup’s teacher', call: () => ({ params: { lessonId: lessons.inf5 }, body: markBody(ids.s2, ['5']) }) },
      { login: 't_prev', what: 'the replaced teacher, her last day', call: () => ({ params: { lessonId: lessons.math5 }, body: markBody(ids.s3, ['3']) }) },
    ],
  },

  // ── the journal kept on the page (issue 9) ──
  saveLesson: {
    foreign: [
      {
        what: 'a 5А mathematics lesson (24 November)',
        call: () => ({ params: { lessonId: lessons.math5b }, body: lessonBody(1) }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 's_petr', 'd_dir', 'o_oper', 't_prev', 'c_coord'],
      },
      { what: 'a lesson kept by a substitute (п. 5.3)', call: () => ({ params: { lessonId: lessons.math5substituted }, body: lessonBody(1) }), refused: ['t_math5', 't_inf'] },
    ],
    allowed: [{ login: 't_math5', what: 'the lesson’s teacher', call: () => ({ params: { lessonId: lessons.math5b }, body: lessonBody(1) }) }],
  },
  // п. 2.5: homework files — kept by whoever keeps the lesson, read by its class and their parents.
  createHomeworkUpload: {
    foreign: [
      {
        what: 'a 5А mathematics lesson',
        call: () => ({ params: { lessonId: lessons.math5b }, body: uploadBody() }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 'd_dir', 'o_oper', 't_prev'],
      },
      { what: 'altered id: a 1А lesson', call: () => ({ params: { lessonId: lessons.math1 }, body: uploadBody() }), refused: ['t_math5', 't_inf'] },
    ],
    allowed: [{ login: 't_math5', what: 'the lesson’s teacher', call: () => ({ params: { lessonId: lessons.math5 }, body: uploadBody() }), check: (b) => expect(b.url).toContain('/s3/') }],
  },
  attachHomeworkFile: {
    foreign: [
      {
        what: 'a 5А lesson, with the teacher’s own upload',
        call: () => ({ params: { lessonId: lessons.math5b }, body: attachBody(need('uploadToAttach'), need('math5Version')) }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 'd_dir', 'o_oper', 't_prev'],
      },
      {
        what: 'altered id: the 1А teacher’s upload attached to a 5А lesson by its teacher',
        call: () => ({ params: { lessonId: lessons.math5 }, body: attachBody(need('foreignUpload'), need('math5Version')) }),
        refused: ['t_math5'],
        status: 404,
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the lesson’s teacher attaches her upload',
        call: () => ({ params: { lessonId: lessons.math5 }, body: attachBody(need('uploadToAttach'), need('math5Version')) }),
        check: (b) => expect(b.lesson.homeworkFiles.map((f: any) => f.id)).toContain(need('uploadToAttach')),
      },
    ],
  },
  removeHomeworkFile: {
    foreign: [
      {
        what: 'a file of a 5А lesson',
        call: () => ({ params: { lessonId: lessons.math5cancelled, fileId: need('removableFile') }, body: { clientRequestId: randomUUID(), expectedVersion: need('cancelledVersion') } }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 'd_dir', 'o_oper', 't_prev'],
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the lesson’s teacher',
        call: () => ({ params: { lessonId: lessons.math5cancelled, fileId: need('removableFile') }, body: { clientRequestId: randomUUID(), expectedVersion: need('cancelledVersion') } }),
        check: (b) => expect(b.lesson.homeworkFiles.map((f: any) => f.id)).not.toContain(need('removableFile')),
      },
    ],
  },
  getHomeworkFile: {
    foreign: [
      {
        what: 'a file of a 5А lesson',
        call: () => ({ params: { lessonId: lessons.math5cancelled, fileId: need('keptFile') } }),
        refused: ['t_math1', 't_sub', 't_inf'],
      },
      {
        what: 'altered id: a file of a 1А lesson (a parent and a student of another class)',
        call: () => ({ params: { lessonId: lessons.math1, fileId: need('foreignFile') } }),
        refused: ['t_math5', 'p_father', 's_anna', 's_petr', 't_inf'],
      },
    ],
    allowed: [
      { login: 'p_father', what: 'a parent of the class', call: () => ({ params: { lessonId: lessons.math5cancelled, fileId: need('keptFile') } }), check: (b) => expect(b.url).toContain('/s3/') },
      { login: 's_anna', what: 'a student of the class', call: () => ({ params: { lessonId: lessons.math5cancelled, fileId: need('keptFile') } }) },
      { login: 't_math5', what: 'the teacher', call: () => ({ params: { lessonId: lessons.math5cancelled, fileId: need('keptFile') } }) },
    ],
  },
  saveAttendance: {
    foreign: [
      {
        what: 'a 5А mathematics lesson',
        call: () => ({ params: { lessonId: lessons.math5b }, body: { clientRequestId: randomUUID(), changes: [{ studentId: ids.s3, code: 'Н', expectedVersion: 0 }] } }),
        refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna', 'd_dir', 'o_oper', 't_prev'],
      },
      {
        what: 'altered id: a 1А lesson',
        call: () => ({ params: { lessonId: lessons.math1 }, body: { clientRequestId: randomUUID(), changes: [{ studentId: ids.s4, code: 'Н', expectedVersion: 0 }] } }),
        refused: ['t_math5', 't_inf'],
      },
    ],
    allowed: [
      {
        login: 't_math5',
        what: 'the lesson’s teacher',
        call: () => ({ params: { lessonId: lessons.math5b }, body: { clientRequestId: randomUUID(), changes: [{ studentId: ids.s3, code: 'Н', expectedVersion: 0 }] } }),
      },
    ],
  },
  getThematicPlan: {
    foreign: [{ what: 'the plan of 5А mathematics', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math } }), refused: ['t_math1', 't_inf', 'p_father', 's_anna'] }],
    allowed: [
      { login: 't_math5', what: 'the journal’s teacher', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math } }), check: (b) => expect(b.topics.length).toBeGreaterThan(0) },
    ],
  },
  getFinalMarks: {
    foreign: [
      { what: 'final marks of 5А mathematics', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: period }), refused: ['t_math1', 't_sub', 'p_father', 's_anna'] },
    ],
    allowed: [
      { login: 't_math5', what: 'the journal’s teacher', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: period }), check: (b) => expect(b.keptByCaller).toBe(true) },
      { login: 'd_dir', what: 'the director reads', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, query: period }), check: (b) => expect(b.keptByCaller).toBe(false) },
    ],
  },
  setFinalMarks: {
    foreign: [
      {
        what: 'a final mark in 5А mathematics (the journal’s teacher only; not the administration)',
        call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, body: finalBody() }),
        refused: ['t_math1', 't_inf', 'd_dir', 'o_oper', 'c_coord', 'p_father', 's_anna', 't_prev'],
      },
    ],
    allowed: [{ login: 't_math5', what: 'the journal’s teacher', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, body: finalBody() }) }],
  },
  reopenPeriod: {
    foreign: [
      {
        what: 'reopening 5А mathematics (the coordinator’s)',
        call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, body: reopenBody() }),
        refused: ['t_math5', 'd_dir', 'o_oper', 'p_father', 's_anna'],
      },
    ],
    allowed: [{ login: 'c_coord', what: 'the coordinator', call: () => ({ params: { groupId: ids.class5, subjectId: ids.math }, body: reopenBody() }) }],
  },
  declareDistanceDays: {
    foreign: [{ what: 'a distance day for 5А', call: () => ({ body: distanceBody(ids.class5) }), refused: ['t_math5', 't_sub', 'p_father', 's_anna'] }],
    allowed: [{ login: 'd_dir', what: 'the director, 1А', call: () => ({ body: distanceBody(ids.class1) }), check: (b) => expect(b.days[0].classId).toBe(ids.class1) }],
  },
  listDistanceDays: {
    foreign: [{ what: 'the distance days (staff)', call: () => ({}), refused: ['p_father', 's_anna', 's_petr'] }],
    allowed: [{ login: 't_math5', what: 'a teacher', call: () => ({}) }],
  },

  // ── the diary ──
  getStudentDiary: {
    foreign: [
      { what: 'Анна’s diary', call: () => ({ params: { studentId: ids.s1 }, query: week }), refused: ['s_petr', 't_math1', 't_sub', 't_inf', 't_prev'] },
      { what: 'altered id: Пётр’s diary', call: () => ({ params: { studentId: ids.s2 }, query: week }), refused: ['p_father', 's_anna', 't_inf'] },
      { what: 'altered id: a 1А student’s diary', call: () => ({ params: { studentId: ids.s4 }, query: week }), refused: ['t_math5', 'p_father', 's_anna'] },
    ],
    allowed: [
      { login: 'p_father', what: 'her father', call: () => ({ params: { studentId: ids.s1 }, query: week }), check: (b) => expect(b.studentId).toBe(ids.s1) },
      { login: 's_anna', what: 'Анна herself', call: () => ({ params: { studentId: ids.s1 }, query: week }) },
      { login: 't_math5', what: 'her class teacher', call: () => ({ params: { studentId: ids.s1 }, query: week }) },
      { login: 'd_dir', what: 'the director, a 1А student', call: () => ({ params: { studentId: ids.s4 }, query: week }) },
    ],
  },
  getStudentMarks: {
    foreign: [
      { what: 'Анна’s marks', call: () => ({ params: { studentId: ids.s1 }, query: period }), refused: ['s_petr', 't_math1', 't_sub', 't_inf'] },
      { what: 'altered id: Пётр’s marks', call: () => ({ params: { studentId: ids.s2 }, query: period }), refused: ['p_father', 's_anna', 't_inf'] },
      { what: 'altered id: a 1А student’s marks', call: () => ({ params: { studentId: ids.s4 }, query: period }), refused: ['t_math5', 'p_father', 's_anna'] },
    ],
    allowed: [
      { login: 'p_father', what: 'her father', call: () => ({ params: { studentId: ids.s1 }, query: period }), check: (b) => expect(b.studentId).toBe(ids.s1) },
      { login: 's_anna', what: 'Анна herself', call: () => ({ params: { studentId: ids.s1 }, query: period }) },
      { login: 't_math5', what: 'her class teacher', call: () => ({ params: { studentId: ids.s1 }, query: period }) },
      { login: 'd_dir', what: 'the director, a 1А student', call: () => ({ params: { studentId: ids.s4 }, query: period }) },
    ],
  },
  listMyChildren: {
    foreign: [
      { what: 'children (not a parent)', call: () => ({}), refused: ['s_anna', 's_petr', 't_math5', 't_math1', 't_sub', 't_inf', 'd_dir', 'o_oper'] },
      { what: 'altered id in the query: another parent’s children', call: () => ({ query: { parentId: ids.parent2 } }), refused: ['s_petr', 't_math5'] },
    ],
    allowed: [
      {
        login: 'p_father',
        what: 'a parent',
        call: () => ({ query: { parentId: ids.parent2 } }),
        check: (b) => expect(b.children).toEqual([{ studentId: ids.s1, name: 'Морозова Анна Дмитриевна', classId: ids.class5, className: '5А' }]),
      },
    ],
  },

  // ── notifications (issue 10): no ids in the routes; the caller's person keys everything ──
  listNotifications: {
    foreign: [],
    allowed: [],
    own: [{ what: 'a mark for Анна reaches her and her father, and nobody else sees it', run: () => notificationsAreOnlyMine() }],
  },
  markNotificationsRead: {
    foreign: [],
    allowed: [],
    own: [{ what: 'another person’s notification id reads nothing of theirs', run: () => readingOthersChangesNothing() }],
  },
  // ── reports and control (п. 2.3, 5.10, 5.11, 7.1–7.4) ─────────────────────────────────────
  getPerformanceReport: {
    foreign: [
      { what: 'the school’s performance', call: () => ({ query: period }), refused: ['t_math5', 't_math1', 't_sub', 'o_oper', 'p_father', 's_anna'] },
      { what: '5А’s performance', call: () => ({ query: { ...period, classId: ids.class5 } }), refused: ['t_math1', 't_sub', 't_inf', 'o_oper', 'p_father', 's_anna'] },
      { what: 'another teacher’s journals', call: () => ({ query: { ...period, teacherId: ids.teacher } }), refused: ['t_math1', 't_sub', 'p_father', 's_anna'] },
    ],
    allowed: [
      { login: 'c_coord', what: 'the coordinator, the whole school', call: () => ({ query: period }), check: (b) => expect(b.period.id).toBe('2026-2027-q2') },
      { login: 't_math5', what: 'the class teacher, 5А', call: () => ({ query: { ...period, classId: ids.class5 } }) },
      { login: 't_math1', what: 'a teacher, their own journals', call: () => ({ query: { ...period, teacherId: ids.teacher1, groupBy: 'subject' } }) },
    ],
  },
  getSummarySheet: {
    foreign: [{ what: '5А’s summary sheet', call: () => ({ query: { classId: ids.class5 } }), refused: ['t_math1', 't_sub', 't_inf', 'o_oper', 'p_father', 's_anna'] }],
    allowed: [
      // She leads 5А since November: the first quarter (led by her predecessor) is her class's past, hers to read.
      { login: 't_math5', what: 'the class teacher, an earlier quarter', call: () => ({ query: { classId: ids.class5 } }), check: (b) => expect(b.className).toBe('5А') },
      { login: 'd_dir', what: 'the director', call: () => ({ query: { classId: ids.class5 } }) },
    ],
  },
  getAttendanceReport: {
    foreign: [{ what: '5А’s attendance', call: () => ({ query: { ...period, classId: ids.class5 } }), refused: ['t_math1', 't_sub', 't_inf', 'p_father', 's_anna'] }],
    allowed: [
      { login: 't_math5', what: 'the class teacher', call: () => ({ query: { ...period, classId: ids.class5 } }) },
      { login: 'o_oper', what: 'the operator, the whole school', call: () => ({ query: period }) },
    ],
  },
  getMarkAccumulationReport: {
    foreign: [{ what: '5А’s accumulation', call: () => ({ query: { ...period, classId: ids.class5 } }), refused: ['t_math1', 't_sub', 'p_father', 's_anna'] }],
    allowed: [{ login: 't_math5', what: 'the class teacher', call: () => ({ query: { ...period, classId: ids.class5 } }) }],
  },
  getJournalKeepingReport: {
    foreign: [
      { what: 'the school’s journal keeping', call: () => ({ query: period }), refused: ['t_math5', 't_math1', 't_sub', 'p_father', 's_anna'] },
      { what: 'another teacher’s journal keeping', call: () => ({ query: { ...period, teacherId: ids.teacher } }), refused: ['t_math1', 't_sub', 'p_father', 's_anna'] },
    ],
    allowed: [
      { login: 'o_oper', what: 'the operator', call: () => ({ query: period }) },
      { login: 't_math5', what: 'a teacher, their own', call: () => ({ query: { ...period, teacherId: ids.teacher } }), check: (b) => expect(b.rows.every((r: { teacherId: string }) => r.teacherId === ids.teacher)).toBe(true) },
    ],
  },
  getProgrammeCompletionReport: {
    foreign: [{ what: 'the school’s programme completion', call: () => ({ query: period }), refused: ['t_math5', 't_sub', 'p_father', 's_anna'] }],
    allowed: [{ login: 'c_coord', what: 'the coordinator', call: () => ({ query: period }) }],
  },
  getSubstitutionReport: {
    foreign: [{ what: 'the school’s substitutions', call: () => ({ query: { from: '2026-11-01', to: '2026-11-30' } }), refused: ['t_math5', 't_sub', 'p_father', 's_anna'] }],
    allowed: [
      { login: 'o_oper', what: 'the operator', call: () => ({ query: { from: '2026-11-01', to: '2026-11-30' } }) },
      { login: 't_sub', what: 'the substitute, their own', call: () => ({ query: { from: '2026-11-01', to: '2026-11-30', teacherId: ids.substitute } }) },
    ],
  },
  getUsageReport: {
    foreign: [
      { what: 'the school’s usage', call: () => ({}), refused: ['t_math5', 't_math1', 'p_father', 's_anna'] },
      { what: '5А’s usage', call: () => ({ query: { classId: ids.class5 } }), refused: ['t_math1', 't_sub', 'p_father', 's_anna'] },
    ],
    allowed: [
      { login: 'o_oper', what: 'the operator', call: () => ({}) },
      { login: 't_math5', what: 'the class teacher, 5А', call: () => ({ query: { classId: ids.class5 } }), check: (b) => expect(b.classes[0].people.length).toBeGreaterThan(0) },
    ],
  },
  exportReport: {
    foreign: [
      { what: 'the school’s performance as PDF', call: () => ({ body: { report: 'performance', format: 'pdf', query: period } }), refused: ['t_math5', 't_sub', 'p_father', 's_anna'] },
      { what: '5А’s summary sheet as XLSX', call: () => ({ body: { report: 'summary-sheet', format: 'xlsx', query: { classId: ids.class5 } } }), refused: ['t_math1', 'o_oper', 'p_father', 's_anna'] },
    ],
    allowed: [{ login: 't_math5', what: 'the class teacher exports 5А’s summary sheet', call: () => ({ body: { report: 'summary-sheet', format: 'csv', query: { classId: ids.class5 } } }), check: (b) => expect(b.fileName).toMatch(/\.csv$/) }],
  },
  listControlReports: {
    foreign: [{ what: 'the control reports', call: () => ({}), refused: ['t_math5', 't_sub', 'p_father', 's_anna'] }],
    allowed: [{ login: 'd_dir', what: 'the director', call: () => ({}) }],
  },
  runControlCheck: {
    foreign: [{ what: 'a control check', call: () => ({ params: { check: 'daily-fill-check' }, body: {} }), refused: ['t_math5', 't_sub', 'p_father', 's_anna'] }],
    allowed: [{ login: 'o_oper', what: 'the operator', call: () => ({ params: { check: 'daily-fill-check' }, body: {} }), check: (b) => expect(b.report.check).toBe('daily-fill-check') }],
  },
  listBackups: {
    foreign: [{ what: 'the backups', call: () => ({}), refused: ['c_coord', 't_math5', 'p_father', 's_anna'] }],
    allowed: [{ login: 'd_dir', what: 'the director', call: () => ({}), check: (b) => expect(Array.isArray(b.items)).toBe(true) }],
  },
  getNotificationSettings: {
    foreign: [],
    allowed: [],
    own: [{ what: 'every login gets its own settings and address', run: () => settingsAreOnlyMine() }],
  },
  updateNotificationSettings: {
    foreign: [],
    allowed: [],
    own: [{ what: 'a parent’s change leaves everyone else’s settings as they were; ids in the body are ignored', run: () => settingsChangeOnlyMine() }],
  },
};

// ── the stack, the tokens and the records the table points at ────────────────────────────────

let stack: LocalStack;
const tokens = new Map<FixtureLogin, string>();
const userIds = new Map<FixtureLogin, string>();
/** Records created or looked up in beforeAll; a failed step is kept as its error so only the rows needing it fail. */
const setup: {
  markId?: string;
  classCodeId?: string;
  staffCodeId?: string;
  fatherConsentId?: string;
  annaConsentId?: string;
  petrConsentId?: string;
  versions?: Record<string, number>;
  uploadToAttach?: string;
  foreignUpload?: string;
  math5Version?: number;
  keptFile?: string;
  removableFile?: string;
  cancelledVersion?: number;
  foreignFile?: string;
} = {};
const setupErrors = new Map<string, string>();
function need<K extends keyof typeof setup>(key: K): NonNullable<(typeof setup)[K]> {
  const value = setup[key];
  if (value === undefined) throw new Error(`setup of ${key} failed: ${setupErrors.get(key) ?? 'not set'}`);
  return value as NonNullable<(typeof setup)[K]>;
}
const userIdOf = (login: FixtureLogin) => {
  const id = userIds.get(login);
  if (!id) throw new Error(`no userId for ${login}`);
  return id;
};

/** The functions' log lines (JSON, one a line), written in this process by functions/lib/logger.ts. */
const logged: string[] = [];
let stderrSpy: ReturnType<typeof vi.spyOn> | undefined;

beforeAll(async () => {
  const realWrite = process.stderr.write.bind(process.stderr) as (...args: unknown[]) => boolean;
  stderrSpy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    logged.push(...text.split('\n').filter((l) => l.trim() !== ''));
    // The expected denials are many; keep the test output readable.
    if (text.includes('"msg":"access denied"')) return true;
    return realWrite(chunk, ...rest);
  }) as typeof process.stderr.write);

  stack = await startTestStack({
    prepare: async () => {
      await writeFixtureSchool();
      await createFixtureAccounts();
    },
  });
  // Each login signs in once; the tokens are reused by every row.
  await Promise.all(LOGINS.map(async (login) => tokens.set(login, await signIn(stack, login))));
  for (const login of LOGINS) {
    const me = await json(await request(tokens.get(login)!, 'GET', '/api/me'));
    userIds.set(login, me.userId);
  }

  const step = async (key: keyof typeof setup, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      setupErrors.set(key, error instanceof Error ? error.message : String(error));
    }
  };
  await step('markId', async () => {
    const res = await send('t_math5', op('saveLessonMarks'), { params: { lessonId: lessons.math5 }, body: markBody(ids.s1, ['5']) });
    if (res.status !== 200) throw new Error(`PUT marks as t_math5: ${res.status} ${res.text}`);
    setup.markId = res.body.marks.find((m: any) => m.studentId === ids.s1).id;
  });
  await step('classCodeId', async () => {
    const res = await send('t_math5', op('issueInviteCodes'), { body: issueBody({ kind: 'class', classId: ids.class5 }, { personId: ids.s3, roles: ['student'] }) });
    if (res.status !== 201) throw new Error(`issue a 5А code as t_math5: ${res.status} ${res.text}`);
    setup.classCodeId = res.body.codes[0].id;
  });
  await step('staffCodeId', async () => {
    const res = await send('o_oper', op('issueInviteCodes'), { body: issueBody({ kind: 'staff' }, { personId: ids.substitute, roles: ['teacher'] }) });
    if (res.status !== 201) throw new Error(`issue a staff code as o_oper: ${res.status} ${res.text}`);
    setup.staffCodeId = res.body.codes[0].id;
  });
  await step('fatherConsentId', async () => {
    const me = await json(await request(tokens.get('p_father')!, 'GET', '/api/me'));
    setup.fatherConsentId = me.consents.find((c: any) => c.relation === 'self').id;
    setup.annaConsentId = me.consents.find((c: any) => c.relation === 'child').id;
  });
  await step('petrConsentId', async () => {
    const me = await json(await request(tokens.get('s_petr')!, 'GET', '/api/me'));
    setup.petrConsentId = me.consents.find((c: any) => c.relation === 'self').id;
  });
  // Homework files: uploads put into storage as a browser would, some attached.
  const upload = async (login: FixtureLogin, lessonId: string) => {
    const res = await send(login, op('createHomeworkUpload'), { params: { lessonId }, body: uploadBody() });
    if (res.status !== 201) throw new Error(`upload as ${login}: ${res.status} ${res.text}`);
    const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: PDF });
    if (put.status !== 200) throw new Error(`PUT to storage: ${put.status} ${await put.text()}`);
    return res.body.uploadId as string;
  };
  const attach = async (login: FixtureLogin, lessonId: string) => {
    const uploadId = await upload(login, lessonId);
    const lesson = (await send(login, op('getLesson'), { params: { lessonId } })).body.lesson;
    const res = await send(login, op('attachHomeworkFile'), { params: { lessonId }, body: attachBody(uploadId, lesson.version) });
    if (res.status !== 200) throw new Error(`attach as ${login}: ${res.status} ${res.text}`);
    return { fileId: uploadId, version: res.body.lesson.version as number };
  };
  await step('keptFile', async () => {
    setup.keptFile = (await attach('t_math5', lessons.math5cancelled)).fileId;
    const removable = await attach('t_math5', lessons.math5cancelled);
    setup.removableFile = removable.fileId;
    setup.cancelledVersion = removable.version;
  });
  await step('uploadToAttach', async () => {
    setup.uploadToAttach = await upload('t_math5', lessons.math5);
    setup.math5Version = (await send('t_math5', op('getLesson'), { params: { lessonId: lessons.math5 } })).body.lesson.version;
  });
  await step('foreignUpload', async () => {
    setup.foreignUpload = await upload('t_math1', lessons.math1);
    setup.foreignFile = (await attach('t_math1', lessons.math1)).fileId;
  });
  await step('versions', async () => {
    const res = await send('o_oper', op('listUsers'), {});
    if (res.status !== 200) throw new Error(`list users as o_oper: ${res.status} ${res.text}`);
    setup.versions = Object.fromEntries(res.body.users.map((u: any) => [u.userId, u.version]));
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  stderrSpy?.mockRestore();
});

// ── requests ─────────────────────────────────────────────────────────────────────────────────

function op(operationId: string): OperationContract {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

/** The operation's own route with the row's ids put in: a row can only ever hit its operation. */
function urlOf(contract: OperationContract, call: Call): string {
  const path = contract.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = call.params?.[name];
    if (value === undefined) throw new Error(`${contract.operationId}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
  return path + query;
}

function request(token: string, method: string, url: string, body?: unknown) {
  return api(stack, url, {
    method,
    token,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
}
async function json(res: Response) {
  return (await res.json()) as any;
}

type Answer = { url: string; status: number; text: string; body: any; requestId: string | null };
/** Every error code answered, by operation: each must be one its contract declares (and the OpenAPI document lists). */
const errorsSeen = new Map<string, Set<string>>();
/** The table actions each area's requests performed (requests here run one at a time). */
const tableActions = recordTableActions();
async function send(login: FixtureLogin, contract: OperationContract, call: Call, token = tokens.get(login)!): Promise<Answer> {
  const url = urlOf(contract, call);
  tableActions.attributeTo(contract.area);
  const res = await request(token, contract.method, url, contract.body ? call.body : undefined);
  tableActions.attributeTo(undefined);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (body?.error?.code) {
    const seen = errorsSeen.get(contract.operationId) ?? new Set<string>();
    errorsSeen.set(contract.operationId, seen.add(body.error.code));
  }
  return { url, status: res.status, text, body, requestId: res.headers.get('apigw-requestid') };
}

const describeAnswer = (login: FixtureLogin, contract: OperationContract, a: Answer) => `${contract.method} ${a.url} as ${login} → ${a.status} ${a.text}`;

/** Person ids and account ids in `text` that the URL did not already name. */
function foreignIds(text: string, url: string): string[] {
  const inUrl = decodeURIComponent(url);
  const persons = (text.match(PERSON_ID) ?? []).filter((id) => !inUrl.includes(id));
  const accountsSeen = [...userIds.values()].filter((id) => text.includes(id) && !inUrl.includes(id));
  return [...new Set([...persons, ...accountsSeen])];
}

function expectRefused(login: FixtureLogin, contract: OperationContract, a: Answer, status?: 403 | 404) {
  const where = describeAnswer(login, contract, a);
  expect(status ? [status] : [403, 404], where).toContain(a.status);
  const parsed = apiErrorSchema.safeParse(a.body);
  expect(parsed.success, `not the API error shape: ${where}`).toBe(true);
  expect(['FORBIDDEN', 'NOT_FOUND'], where).toContain(a.body.error.code);
  expect(NAME_WORDS.filter((w) => mentions(a.text, w)), `names in a refusal: ${where}`).toEqual([]);
  expect(foreignIds(a.text, a.url), `ids in a refusal: ${where}`).toEqual([]);
}

/** The refusal's log lines: a 403 has exactly one `access denied` line, pseudonymous and free of personal data. */
function expectDenialLogged(login: FixtureLogin, contract: OperationContract, a: Answer) {
  const where = describeAnswer(login, contract, a);
  expect(a.requestId, where).toBeTruthy();
  const lines = logged.filter((l) => l.includes(a.requestId!));
  for (const line of lines) {
    expect(NAME_WORDS.filter((w) => mentions(line, w)), `names in a log line: ${line}`).toEqual([]);
    expect(line.match(PERSON_ID) ?? [], `person ids in a log line: ${line}`).toEqual([]);
    expect([...userIds.values()].filter((id) => line.includes(id)), `account ids in a log line: ${line}`).toEqual([]);
    expect(LOGINS.filter((l) => line.includes(l)), `logins in a log line: ${line}`).toEqual([]);
  }
  if (a.status !== 403) return; // a 404 is "no such record here", not a policy decision
  const denials = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'access denied');
  expect(denials, `no 'access denied' line for ${where}`).toHaveLength(1);
  expect(denials[0]).toMatchObject({
    level: 'warn',
    operationId: contract.operationId,
    actor: actorRef(userIdOf(login)),
    roles: [...accounts[login].roles],
    reason: expect.stringMatching(/\S/),
  });
  expect(denials[0]!.actor).toMatch(/^[0-9a-f]{12}$/);
}

async function expectAllowed(control: Control, contract: OperationContract) {
  const a = await send(control.login, contract, control.call());
  const where = describeAnswer(control.login, contract, a);
  expect(a.status, where).toBe(contract.successStatus ?? 200);
  const parsed = contract.response.safeParse(a.body);
  expect(parsed.success, `answer does not match the contract: ${where}`).toBe(true);
  control.check?.(a.body);
}

// ── own-data-only operations ─────────────────────────────────────────────────────────────────

/** Who else a login's own page may name: the parent who signed a minor's consent, and a parent's child. */
const relatedTo: Partial<Record<FixtureLogin, string[]>> = { p_father: [ids.s1], s_anna: [ids.parent], s_petr: [ids.parent2] };

function expectOnlyAbout(login: FixtureLogin, text: string, where: string) {
  const own = [accounts[login].personId, ...(relatedTo[login] ?? [])];
  const others = people.filter((p) => !own.includes(p.id));
  const named = others.flatMap((p) => [p.last, p.first].filter((w) => mentions(text, w)));
  expect(named, `names of others in ${where}`).toEqual([]);
  expect((text.match(PERSON_ID) ?? []).filter((id) => !own.includes(id)), `ids of others in ${where}`).toEqual([]);
  const otherAccounts = LOGINS.filter((l) => l !== login).map(userIdOf);
  expect(otherAccounts.filter((id) => text.includes(id)), `accounts of others in ${where}`).toEqual([]);
}

async function everyoneGetsOnlyThemselves() {
  for (const login of LOGINS) {
    const a = await send(login, op('getMe'), {});
    const where = describeAnswer(login, op('getMe'), a);
    expect(a.status, where).toBe(200);
    expect(a.body, where).toMatchObject({ login, displayName: accounts[login].name, personId: accounts[login].personId, userId: userIdOf(login) });
    expect(a.body.roles, where).toEqual([...accounts[login].roles]);
    expectOnlyAbout(login, a.text, where);
  }
  const father = await send('p_father', op('getMe'), {});
  expect(father.body.children).toEqual([{ studentId: ids.s1, name: 'Морозова Анна Дмитриевна', className: '5А' }]);
}

async function queryIdsIgnoredByGetMe() {
  const call = { query: { personId: ids.s1, userId: userIdOf('p_father'), studentId: ids.s1 } };
  for (const login of ['s_petr', 't_math1', 'p_father'] as const) {
    const a = await send(login, op('getMe'), call);
    const where = describeAnswer(login, op('getMe'), a);
    expect(a.status, where).toBe(200);
    expect(a.body, where).toMatchObject({ login, personId: accounts[login].personId, userId: userIdOf(login) });
    expectOnlyAbout(login, a.text, where);
  }
}

async function journalsAreOnlyMine() {
  const expected: [FixtureLogin, string[]][] = [
    ['t_math1', [`${ids.class1}/${ids.math}`]],
    ['t_inf', [`${ids.sgInf1}/${ids.informatics}`]],
    ['t_sub', []],
    // Replaced on 23 November: no longer her journal to keep (she still reads the quarter she taught in).
    ['t_prev', []],
  ];
  for (const [login, journals] of expected) {
    const a = await send(login, op('listMyJournals'), { query: { teacherId: ids.teacher } });
    expect(a.status, describeAnswer(login, op('listMyJournals'), a)).toBe(200);
    expect(a.body.journals.map((j: any) => `${j.groupId}/${j.subjectId}`)).toEqual(journals);
    // п. 5.3: the lessons one substitutes (of these days) are listed to their substitute only.
    const listed = a.body.substitutions.map((l: any) => l.lessonId);
    if (login === 't_sub') {
      expect(listed).toContain(lessons.math5recent);
      // Nothing but his own: the 25 November one too while it is within the last two weeks.
      for (const id of listed) expect([lessons.math5recent, lessons.math5substituted]).toContain(id);
    } else {
      expect(listed).toEqual([]);
    }
  }
}

/** The mark saved in beforeAll (t_math5 gave Анна a 5) is fanned out by the scheduled job. */
let fannedOut: Promise<unknown> | undefined;
const fanOut = () => (fannedOut ??= stack.runJob('deliver-mail'));

async function notificationsAreOnlyMine() {
  await fanOut();
  for (const login of LOGINS) {
    const a = await send(login, op('listNotifications'), { query: { studentId: ids.s1, recipientId: ids.parent } });
    const where = describeAnswer(login, op('listNotifications'), a);
    expect(a.status, where).toBe(200);
    expectOnlyAbout(login, a.text, where);
    const aboutAnna = a.body.items.filter((n: any) => n.studentId === ids.s1);
    if (login === 'p_father' || login === 's_anna') expect(aboutAnna.length, where).toBeGreaterThan(0);
    else expect(aboutAnna, where).toEqual([]);
  }
}

async function readingOthersChangesNothing() {
  await fanOut();
  const father = await send('p_father', op('listNotifications'), {});
  const unreadBefore = father.body.unreadCount as number;
  expect(unreadBefore).toBeGreaterThan(0);
  const theirIds = father.body.items.map((n: any) => n.id);
  const a = await send('s_petr', op('markNotificationsRead'), { body: { ids: theirIds } });
  expect(a.status, describeAnswer('s_petr', op('markNotificationsRead'), a)).toBe(200);
  expect((await send('p_father', op('listNotifications'), {})).body.unreadCount).toBe(unreadBefore);
  // Read by their owner, they count no more; reading again changes nothing.
  const own = await send('s_anna', op('markNotificationsRead'), { body: { all: true } });
  expect(own.body).toEqual({ unreadCount: 0 });
  expect((await send('s_anna', op('markNotificationsRead'), { body: { all: true } })).body).toEqual({ unreadCount: 0 });
  expect((await send('p_father', op('listNotifications'), {})).body.unreadCount).toBe(unreadBefore);
}

async function settingsAreOnlyMine() {
  for (const login of LOGINS) {
    const a = await send(login, op('getNotificationSettings'), { query: { personId: ids.parent } });
    const where = describeAnswer(login, op('getNotificationSettings'), a);
    expect(a.status, where).toBe(200);
    expectOnlyAbout(login, a.text, where);
  }
}

async function settingsChangeOnlyMine() {
  const before = await send('s_anna', op('getNotificationSettings'), {});
  const mine = await send('p_father', op('getNotificationSettings'), {});
  const settings = { ...mine.body.settings, topics: { ...mine.body.settings.topics, mark: { inApp: true, email: 'off' } } };
  const a = await send('p_father', op('updateNotificationSettings'), {
    body: { clientRequestId: randomUUID(), expectedVersion: mine.body.version, settings, personId: ids.s1 },
  });
  const where = describeAnswer('p_father', op('updateNotificationSettings'), a);
  expect(a.status, where).toBe(200);
  expect(a.body.settings.topics.mark.email, where).toBe('off');
  expectOnlyAbout('p_father', a.text, where);
  expect((await send('s_anna', op('getNotificationSettings'), {})).body).toEqual(before.body);
}

/** A dedicated sign-in (the shared tokens must keep working): it ends s_petr's sessions and nobody else's. */
async function signOutEverywhereEndsOnlyMine() {
  const dedicated = await signIn(stack, 's_petr');
  const a = await send('s_petr', op('signOutEverywhere'), {}, dedicated);
  const where = describeAnswer('s_petr', op('signOutEverywhere'), a);
  expect(a.status, where).toBe(200);
  expect(a.body, where).toEqual({ signedOutAt: expect.any(String) });
  expectOnlyAbout('s_petr', a.text, where);
  // The design's one 401: the caller's own ended session.
  const after = await send('s_petr', op('getMe'), {}, dedicated);
  expect(after.status, describeAnswer('s_petr', op('getMe'), after)).toBe(401);
  expect(after.body.error.code).toBe('SESSION_ENDED');
  for (const login of ['s_anna', 'p_father', 't_math5', 'o_oper'] as const) {
    const other = await send(login, op('getMe'), {});
    expect(other.status, `another user's session after s_petr signed out everywhere: ${describeAnswer(login, op('getMe'), other)}`).toBe(200);
    expect(other.body.login).toBe(login);
  }
}

// ── the suite ────────────────────────────────────────────────────────────────────────────────

const PUBLIC = ['getConsentDocument', 'getHealth', 'getOpenApiDocument', 'previewInviteCode', 'previewUnsubscribe', 'redeemInviteCode', 'unsubscribe'];

describe('the sweep covers the whole API', () => {
  it('the table has a row for every authenticated operation, and nothing else', () => {
    const authenticated = operations.filter((o) => o.access === 'authenticated').map((o) => o.operationId).sort();
    expect(Object.keys(table).sort()).toEqual(authenticated);
  });

  it('exactly these operations are public', () => {
    expect(operations.filter((o) => o.access === 'public').map((o) => o.operationId).sort()).toEqual(PUBLIC);
    expect(operations.every((o) => o.access === 'public' || o.access === 'authenticated')).toBe(true);
  });

  it('every row proves something is allowed, so a handler refusing everyone cannot pass', () => {
    for (const [operationId, row] of Object.entries(table)) {
      expect(row.allowed.length + (row.own?.length ?? 0), operationId).toBeGreaterThan(0);
      expect(row.foreign.length + (row.own?.length ?? 0), operationId).toBeGreaterThan(0);
      for (const f of row.foreign) expect(f.refused.length, `${operationId}: ${f.what}`).toBeGreaterThan(0);
    }
  });
});

describe('foreign requests are refused, without data, and logged without personal data', () => {
  for (const [operationId, row] of Object.entries(table)) {
    for (const foreign of row.foreign) {
      for (const login of foreign.refused) {
        it(`${operationId} · ${foreign.what} · as ${login}`, async () => {
          const contract = op(operationId);
          const answer = await send(login, contract, foreign.call());
          expectRefused(login, contract, answer, foreign.status);
          expectDenialLogged(login, contract, answer);
        });
      }
    }
  }
});

describe('own data only: the answer describes the caller', () => {
  for (const [operationId, row] of Object.entries(table)) {
    for (const own of (row.own ?? []).filter((o) => o.last === undefined)) {
      it(`${operationId} · ${own.what}`, () => own.run());
    }
  }
});

describe('the same operations by an allowed caller succeed', () => {
  for (const [operationId, row] of Object.entries(table)) {
    for (const control of row.allowed.filter((c) => c.last === undefined)) {
      it(`${operationId} · ${control.what} · as ${control.login}`, () => expectAllowed(control, op(operationId)));
    }
  }
});

describe('last, because they change accounts', () => {
  const steps = Object.entries(table)
    .flatMap(([operationId, row]) => [
      ...row.allowed.filter((c) => c.last !== undefined).map((c) => ({ last: c.last!, name: `${operationId} · ${c.what} · as ${c.login}`, run: () => expectAllowed(c, op(operationId)) })),
      ...(row.own ?? []).filter((o) => o.last !== undefined).map((o) => ({ last: o.last!, name: `${operationId} · ${o.what}`, run: o.run })),
    ])
    .sort((x, y) => x.last - y.last);
  for (const step of steps) it(step.name, () => step.run());
});

describe('after the sweep: what the API answered and did is what it declares', () => {
  it('every error answered is one its operation declares (the OpenAPI document lists them)', () => {
    expect(errorsSeen.size).toBeGreaterThan(5);
    for (const [operationId, codes] of errorsSeen) {
      const declared = declaredErrors(op(operationId));
      expect([...codes].filter((c) => !declared.has(c as never)), operationId).toEqual([]);
    }
  });

  it('each area did to the table only what its functions are granted in AWS (infra/lib/table-access.ts)', () => {
    const done = tableActions.byArea();
    expect(Object.keys(done).sort()).toEqual(expect.arrayContaining(['diary', 'identity', 'journal']));
    for (const [area, actions] of Object.entries(done)) {
      expect([...actions].filter((a) => !AREA_TABLE_ACTIONS[area]!.includes(a)), area).toEqual([]);
    }
  });
});
