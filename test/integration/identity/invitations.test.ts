import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '#shared/consent/documents.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, ids, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * п. 3.1: accounts start from invitation codes — staff from the operator, parents and students
 * from their class teacher — recorded in a register; redemption is public: code → consent →
 * login and password → an account in the right groups, linked to the person.
 */
let stack: LocalStack;
const tokens = new Map<string, string>();
const PASSWORD = 'Zvezda-2026!';
beforeAll(async () => {
  stack = await startTestStack({ prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) });
}, 120_000);
afterAll(() => stack?.close());

async function as(login: FixtureLogin) {
  if (!tokens.has(login)) tokens.set(login, await signIn(stack, login));
  return tokens.get(login)!;
}
/** Each call from its own (pretend) address, so the redemption limits of one test do not leak into another. */
let address = 10;
async function call(method: string, path: string, options: { login?: FixtureLogin; token?: string; body?: unknown; from?: string } = {}) {
  const token = options.token ?? (options.login ? await as(options.login) : undefined);
  const res = await api(stack, path, {
    method,
    ...(token ? { token } : {}),
    headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `${options.from ?? `198.51.100.${address++}`}:40000`, 'user-agent': 'vitest' },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const issue = (login: FixtureLogin, scope: object, invitees: object[], validDays?: number) =>
  call('POST', '/api/invite-codes', { login, body: { clientRequestId: randomUUID(), scope, invitees, ...(validDays ? { validDays } : {}) } });
const class5 = { kind: 'class', classId: ids.class5 };
const redeem = (code: string, login: string, from?: string) =>
  call('POST', '/api/invite-codes/redeem', { body: { code, login, password: PASSWORD, consent: { documentVersion: CURRENT_CONSENT_VERSION, accepted: true } }, ...(from ? { from } : {}) });

describe('a class teacher invites a parent; the parent redeems the code', () => {
  let code = '';
  it('the class teacher sees who in 5А may get a code and who already has an account', async () => {
    const res = await call('GET', `/api/invitees?scope=class&classId=${encodeURIComponent(ids.class5)}`, { login: 't_math5' });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.people.map((p: any) => [p.name, p]));
    expect(byName['Морозова Анна Дмитриевна']).toMatchObject({ kind: 'student', state: 'account', roles: ['student'] });
    expect(byName['Иванова Мария Петровна']).toMatchObject({ kind: 'parent', state: 'none', note: 'ребёнок: Иванов Пётр' });
    // Глеб left 5А in September: no code for him here.
    expect(res.body.people.map((p: any) => p.name)).not.toContain('Ушедший Глеб Юрьевич');
  });

  it('issues a code once; the register shows the entry, never the code', async () => {
    const res = await issue('t_math5', class5, [{ personId: ids.parent2, roles: ['parent'] }]);
    expect(res.status).toBe(201);
    expect(res.body.codes).toHaveLength(1);
    code = res.body.codes[0].code;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(res.body.codes[0]).toMatchObject({ personName: 'Иванова Мария Петровна', issuedByName: 'Кузнецова Марина Алексеевна', status: 'active', roles: ['parent'] });
    const days = (Date.parse(res.body.codes[0].expiresAt) - Date.parse(res.body.codes[0].issuedAt)) / 86_400_000;
    expect(days).toBe(14);
    const register = await call('GET', `/api/invite-codes?scope=class&classId=${encodeURIComponent(ids.class5)}`, { login: 't_math5' });
    expect(register.body.title).toBe('5А класс');
    expect(register.body.entries).toEqual([expect.objectContaining({ personName: 'Иванова Мария Петровна', status: 'active' })]);
    expect(JSON.stringify(register.body)).not.toContain(code);
  });

  it('the code, typed in lower case with spaces, shows for whom it is and whose consent is asked', async () => {
    const res = await call('POST', '/api/invite-codes/preview', { body: { code: code.toLowerCase().replaceAll('-', ' ') } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      personName: 'Иванова Мария Петровна',
      roles: ['parent'],
      canRedeem: true,
      consentFor: [
        { name: 'Иванова Мария Петровна', relation: 'self', alreadyGiven: false },
        { name: 'Иванов Пётр Сергеевич', relation: 'child', alreadyGiven: true },
      ],
      document: { version: CURRENT_CONSENT_VERSION },
    });
    expect(res.body.document.paragraphs.join(' ')).toContain('152-ФЗ');
    expect(res.body.existingLogin).toBeUndefined();
  });

  it('redeeming without accepting the consent is refused and uses nothing', async () => {
    const res = await call('POST', '/api/invite-codes/redeem', {
      body: { code, login: 'ivanova.m', password: PASSWORD, consent: { documentVersion: CURRENT_CONSENT_VERSION, accepted: false } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'body.consent.accepted' })]);
    expect((await call('POST', '/api/invite-codes/preview', { body: { code } })).status).toBe(200);
  });

  it('a login someone has is refused without using the code', async () => {
    const res = await redeem(code, 'T_MATH5');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('LOGIN_TAKEN');
    expect((await call('POST', '/api/invite-codes/preview', { body: { code } })).status).toBe(200);
  });

  it('redeems: the account signs in as a parent and sees her own child only', async () => {
    const res = await redeem(code, 'Ivanova.M', '203.0.113.7');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ login: 'ivanova.m', displayName: 'Иванова Мария Петровна', roles: ['parent'], created: true });
    const token = await signIn(stack, 'ivanova.m', PASSWORD);
    const me = await call('GET', '/api/me', { token });
    expect(me.body).toMatchObject({ displayName: 'Иванова Мария Петровна', roles: ['parent'], personId: ids.parent2, hasConsent: true });
    expect(me.body.children).toEqual([{ studentId: ids.s2, name: 'Иванов Пётр Сергеевич', className: '5А' }]);
    // Her own consent, given now, and her son's, which she signed on paper earlier (the fixture).
    expect(me.body.consents).toEqual([
      expect.objectContaining({ forName: 'Иванов Пётр Сергеевич', relation: 'child', canWithdraw: true }),
      expect.objectContaining({ forName: 'Иванова Мария Петровна', relation: 'self', canWithdraw: true, documentVersion: CURRENT_CONSENT_VERSION }),
    ]);
    expect((await call('GET', `/api/students/${ids.s2}/diary?weekStart=2026-11-23`, { token })).status).toBe(200);
    expect((await call('GET', `/api/students/${ids.s1}/diary?weekStart=2026-11-23`, { token })).status).toBe(403);
    // The consent register records who, for whom, which version, when and from where.
    const consents = await call('GET', '/api/consents', { login: 'o_oper' });
    expect(consents.body.entries[0]).toMatchObject({
      personName: 'Иванова Мария Петровна',
      signedByName: 'Иванова Мария Петровна',
      documentVersion: CURRENT_CONSENT_VERSION,
      channel: 'online',
      from: '203.0.113.7, vitest',
    });
  });

  it('the code is used: the register says so, and it cannot be redeemed again', async () => {
    const register = await call('GET', `/api/invite-codes?scope=class&classId=${encodeURIComponent(ids.class5)}`, { login: 't_math5' });
    expect(register.body.entries[0]).toMatchObject({ status: 'used', usedAt: expect.any(String) });
    const again = await redeem(code, 'someone.else');
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('INVITE_CODE_INVALID');
    // A retry of the same redemption (its answer lost) is answered as done, not as a wrong code.
    const retry = await redeem(code, 'ivanova.m');
    expect(retry.status).toBe(201);
    expect(retry.body.login).toBe('ivanova.m');
  });
});

describe('what a code may grant, and to whom', () => {
  it('a class teacher cannot issue for another class’s student, nor grant another role', async () => {
    expect((await issue('t_math5', class5, [{ personId: ids.s4, roles: ['student'] }])).status).toBe(403);
    expect((await issue('t_math5', class5, [{ personId: ids.s3, roles: ['operator'] }])).status).toBe(403);
    expect((await issue('t_math5', { kind: 'staff' }, [{ personId: ids.teacher1, roles: ['teacher'] }])).status).toBe(403);
    expect((await issue('t_math1', class5, [{ personId: ids.s3, roles: ['student'] }])).status).toBe(403);
    expect((await issue('p_father', class5, [{ personId: ids.s3, roles: ['student'] }])).status).toBe(403);
  });

  it('a new code for a person revokes the earlier one', async () => {
    const first = await issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }]);
    const second = await issue('o_oper', class5, [{ personId: ids.s3, roles: ['student'] }]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await call('POST', '/api/invite-codes/preview', { body: { code: first.body.codes[0].code } })).body.error.code).toBe('INVITE_CODE_INVALID');
    const register = await call('GET', `/api/invite-codes?scope=class&classId=${encodeURIComponent(ids.class5)}`, { login: 't_math5' });
    const olga = register.body.entries.filter((e: any) => e.personName === 'Смирнова Ольга Игоревна');
    expect(olga.map((e: any) => [e.status, e.issuedByName])).toEqual([
      ['revoked', 'Кузнецова Марина Алексеевна'],
      ['active', 'Соколова Ирина Павловна'],
    ]);
  });

  it('a minor student’s code waits for a parent’s consent', async () => {
    const res = await issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }]);
    const preview = await call('POST', '/api/invite-codes/preview', { body: { code: res.body.codes[0].code } });
    expect(preview.body).toMatchObject({ personName: 'Смирнова Ольга Игоревна', canRedeem: false, consentFor: [] });
    const attempt = await redeem(res.body.codes[0].code, 'olga.s');
    expect(attempt.status).toBe(422);
    expect(attempt.body.error.message).toContain('даёт его законный представитель');
  });

  it('a student whose parent consented redeems without consenting themselves', async () => {
    // Пётр's consent is on paper, signed by his mother (the fixture). He has an account (s_petr):
    // only the operator may give him a code, and it sets a new password for it.
    expect((await issue('t_math5', class5, [{ personId: ids.s2, roles: ['student'] }])).status).toBe(403);
    const res = await issue('o_oper', class5, [{ personId: ids.s2, roles: ['student'] }]);
    const preview = await call('POST', '/api/invite-codes/preview', { body: { code: res.body.codes[0].code } });
    // Пётр already has an account (s_petr): the code sets a new password for it.
    expect(preview.body).toMatchObject({ canRedeem: true, consentFor: [], existingLogin: 's_petr', consentGivenBy: 'Иванова Мария Петровна' });
  });

  it('revoking: the keeper of the register may, others may not; a revoked code is invalid', async () => {
    const res = await issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }]);
    const entry = res.body.codes[0];
    const body = { clientRequestId: randomUUID() };
    expect((await call('POST', `/api/invite-codes/${entry.id}/revoke`, { login: 't_math1', body })).status).toBe(403);
    const revoked = await call('POST', `/api/invite-codes/${entry.id}/revoke`, { login: 't_math5', body });
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await call('POST', '/api/invite-codes/preview', { body: { code: entry.code } })).status).toBe(422);
  });

  it('an expired code is invalid', async () => {
    const res = await issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }], 1);
    await documentClient.send(
      new UpdateCommand({ TableName: tableName(), Key: keys.inviteCode(res.body.codes[0].id), UpdateExpression: 'SET validUntil = :past', ExpressionAttributeValues: { ':past': '2026-01-01T00:00:00.000Z' } }),
    );
    expect((await call('POST', '/api/invite-codes/preview', { body: { code: res.body.codes[0].code } })).body.error.code).toBe('INVITE_CODE_INVALID');
  });
});

describe('staff codes come from the operator', () => {
  it('the operator registers a new teacher with a code; she redeems it and signs in as a teacher', async () => {
    const res = await issue('o_oper', { kind: 'staff' }, [{ newStaff: { lastName: 'Павлова', firstName: 'Вера', middleName: 'Андреевна', position: 'учитель химии' }, roles: ['teacher'] }]);
    expect(res.status).toBe(201);
    const preview = await call('POST', '/api/invite-codes/preview', { body: { code: res.body.codes[0].code } });
    expect(preview.body).toMatchObject({ personName: 'Павлова Вера Андреевна', roles: ['teacher'], note: 'учитель химии', consentFor: [{ relation: 'self' }] });
    expect((await redeem(res.body.codes[0].code, 'pavlova')).status).toBe(201);
    const me = await call('GET', '/api/me', { token: await signIn(stack, 'pavlova', PASSWORD) });
    expect(me.body).toMatchObject({ displayName: 'Павлова Вера Андреевна', roles: ['teacher'], hasConsent: true });
    const staff = await call('GET', '/api/invitees?scope=staff', { login: 'o_oper' });
    expect(staff.body.people.find((p: any) => p.name === 'Павлова Вера Андреевна')).toMatchObject({ state: 'account', note: 'учитель химии' });
    const register = await call('GET', '/api/invite-codes?scope=staff', { login: 'd_dir' });
    expect(register.body.entries).toEqual([expect.objectContaining({ personName: 'Павлова Вера Андреевна', status: 'used', issuedByName: 'Соколова Ирина Павловна' })]);
  });

  it('a new staff member with a name that is not a name is refused with a clear error, nothing written', async () => {
    const res = await issue('o_oper', { kind: 'staff' }, [{ newStaff: { lastName: 'Павлова-', firstName: '7' }, roles: ['teacher'] }]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const staff = await call('GET', '/api/invitees?scope=staff', { login: 'o_oper' });
    expect(staff.body.people.map((p: any) => p.name).join()).not.toContain('Павлова-');
  });

  it('a re-issued code sets a new password for an existing account and ends its sessions', async () => {
    const old = await as('t_sub');
    // The code also makes him a coordinator: the roles join the account's.
    const res = await issue('o_oper', { kind: 'staff' }, [{ personId: ids.substitute, roles: ['teacher', 'coordinator'] }]);
    const preview = await call('POST', '/api/invite-codes/preview', { body: { code: res.body.codes[0].code } });
    expect(preview.body.existingLogin).toBe('t_sub');
    const redeemed = await redeem(res.body.codes[0].code, 'ignored');
    expect(redeemed.body).toMatchObject({ login: 't_sub', created: false, roles: ['teacher', 'coordinator'] });
    expect((await call('GET', '/api/me', { token: old })).body.error.code).toBe('SESSION_ENDED');
    await expect(signIn(stack, 't_sub')).rejects.toThrow(/Incorrect username or password/);
    // Signed in right after the answer, with the new password: not ended with the old sessions.
    const me = await call('GET', '/api/me', { token: await signIn(stack, 't_sub', PASSWORD) });
    expect(me.status).toBe(200);
    expect(me.body.roles.sort()).toEqual(['coordinator', 'teacher']);
    tokens.delete('t_sub');
  });
});
