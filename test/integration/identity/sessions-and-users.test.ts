import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '#shared/config/access-settings.ts';
import { createUserAccount } from '#functions/identity/create-user-account.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, ids, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * Sessions end when they must (п. 8.3, 5.4): disabling an account, signing out everywhere and
 * withdrawing consent refuse the very next request, although the gateway still accepts the token.
 * No consent, no data (п. 3.1, 152-ФЗ). Redemption is rate-limited with answers that reveal nothing.
 */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({
    prepare: async () => {
      await writeFixtureSchool();
      await createFixtureAccounts();
      // An account linked to a person but without any consent.
      await createUserAccount({ login: 'no_consent', displayName: 'Смирнова Ольга Игоревна', roles: ['student'], password: { value: DEMO_PASSWORD, permanent: true }, personId: ids.s3 });
    },
  });
}, 120_000);
afterAll(() => stack?.close());

async function call(method: string, path: string, token?: string, body?: unknown, from = '192.0.2.1') {
  const res = await api(stack, path, {
    method,
    ...(token ? { token } : {}),
    headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `${from}:5555` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const login = (l: FixtureLogin | 'no_consent') => signIn(stack, l);

describe('consent', () => {
  it('without a consent the account sees its own «Мои данные» but no data', async () => {
    const token = await login('no_consent');
    const me = await call('GET', '/api/me', token);
    expect(me.body).toMatchObject({ hasConsent: false, consents: [] });
    const diary = await call('GET', `/api/students/${ids.s3}/diary?weekStart=2026-11-23`, token);
    expect(diary.status).toBe(403);
    expect(diary.body.error.code).toBe('CONSENT_REQUIRED');
  });

  it('the register is the operator’s (and the director’s) only', async () => {
    const operator = await call('GET', '/api/consents', await login('o_oper'));
    expect(operator.status).toBe(200);
    expect(operator.body.entries.length).toBeGreaterThanOrEqual(9);
    expect(operator.body.entries.find((e: any) => e.personName === 'Морозова Анна Дмитриевна')).toMatchObject({
      signedByName: 'Морозов Дмитрий Игоревич',
      channel: 'paper',
      from: expect.stringContaining('бумажная форма'),
    });
    expect((await call('GET', '/api/consents', await login('d_dir'))).status).toBe(200);
    expect((await call('GET', '/api/consents', await login('t_math5'))).status).toBe(403);
    // Paging: one at a time, the cursor continues the same list.
    const first = await call('GET', '/api/consents?limit=1', await login('o_oper'));
    const second = await call('GET', `/api/consents?limit=1&cursor=${first.body.nextCursor}`, await login('o_oper'));
    expect(second.body.entries[0].id).not.toBe(first.body.entries[0].id);
    const tampered = Buffer.from(JSON.stringify({ gsi1pk: 'ACCOUNTS', gsi1sk: 'x', pk: 'x', sk: 'x' })).toString('base64url');
    expect((await call('GET', `/api/consents?cursor=${tampered}`, await login('o_oper'))).status).toBe(400);
  });

  it('a parent withdraws the consent for his child: the child’s account is disabled at once, the data kept', async () => {
    const parent = await login('p_father');
    const anna = await login('s_anna');
    expect((await call('GET', `/api/students/${ids.s1}/diary?weekStart=2026-11-23`, anna)).status).toBe(200);
    const me = await call('GET', '/api/me', parent);
    const forAnna = me.body.consents.find((c: any) => c.forName === 'Морозова Анна Дмитриевна');
    expect(forAnna).toMatchObject({ relation: 'child', canWithdraw: true });
    // Someone else cannot withdraw it.
    expect((await call('POST', `/api/consents/${forAnna.id}/withdraw`, await login('s_petr'), { clientRequestId: randomUUID() })).status).toBe(403);
    const res = await call('POST', `/api/consents/${forAnna.id}/withdraw`, parent, { clientRequestId: randomUUID() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ withdrawnAt: expect.any(String), withdrawnByName: 'Морозов Дмитрий Игоревич' });
    const refused = await call('GET', `/api/students/${ids.s1}/diary?weekStart=2026-11-23`, anna);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('SESSION_ENDED');
    await expect(login('s_anna')).rejects.toThrow(/disabled/);
    // The parent still reads his daughter's diary: the school's records are kept.
    expect((await call('GET', `/api/students/${ids.s1}/diary?weekStart=2026-11-23`, parent)).status).toBe(200);
    // The operator cannot simply switch the account back on: that needs a new consent.
    const users = await call('GET', '/api/users', await login('o_oper'));
    const annaUser = users.body.users.find((u: any) => u.login === 's_anna');
    expect(annaUser).toMatchObject({ status: 'disabled', disabledReason: 'consent-withdrawn' });
    const enable = await call('POST', `/api/users/${annaUser.userId}/enable`, await login('o_oper'), { clientRequestId: randomUUID(), version: annaUser.version });
    expect(enable.status).toBe(422);
  });
});

describe('the operator manages users', () => {
  it('lists them; a teacher may not', async () => {
    const res = await call('GET', '/api/users', await login('o_oper'));
    expect(res.body.users.map((u: any) => u.login)).toEqual(expect.arrayContaining(['t_math5', 'p_father', 'o_oper']));
    expect(res.body.users.find((u: any) => u.login === 't_math5')).toMatchObject({ roles: ['teacher'], status: 'active', personId: ids.teacher });
    expect((await call('GET', '/api/users', await login('t_math5'))).status).toBe(403);
  });

  it('disabling ends the user’s sessions on the next request; enabling lets them sign in again', async () => {
    const operator = await login('o_oper');
    const teacher = await login('t_math1');
    expect((await call('GET', '/api/me/journals', teacher)).status).toBe(200);
    const users = (await call('GET', '/api/users', operator)).body.users;
    const target = users.find((u: any) => u.login === 't_math1');
    // A stale version is a conflict, not a silent overwrite.
    const stale = await call('POST', `/api/users/${target.userId}/disable`, operator, { clientRequestId: randomUUID(), version: target.version + 5 });
    expect(stale.status).toBe(409);
    const disabled = await call('POST', `/api/users/${target.userId}/disable`, operator, { clientRequestId: randomUUID(), version: target.version });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'operator', version: target.version + 1 });
    const refused = await call('GET', '/api/me/journals', teacher);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'SESSION_ENDED', message: expect.stringContaining('отключена') });
    await expect(login('t_math1')).rejects.toThrow(/disabled/);
    const enabled = await call('POST', `/api/users/${target.userId}/enable`, operator, { clientRequestId: randomUUID(), version: disabled.body.version });
    expect(enabled.body.status).toBe('active');
    // Signed in at once after the operator's answer: a new session, not one the disabling ended.
    expect((await call('GET', '/api/me/journals', await login('t_math1'))).status).toBe(200);
    // The old session stays over.
    expect((await call('GET', '/api/me/journals', teacher)).status).toBe(401);
  });

  it('the operator cannot disable their own account, nor anyone else', async () => {
    const operator = await login('o_oper');
    const me = await call('GET', '/api/me', operator);
    expect((await call('POST', `/api/users/${me.body.userId}/disable`, operator, { clientRequestId: randomUUID(), version: 1 })).status).toBe(403);
    const teacherMe = await call('GET', '/api/me', await login('t_math5'));
    expect((await call('POST', `/api/users/${teacherMe.body.userId}/disable`, await login('d_dir'), { clientRequestId: randomUUID(), version: 1 })).status).toBe(403);
  });
});

describe('sign out everywhere', () => {
  it('ends every session of the account, not anyone else’s', async () => {
    const phone = await login('t_math5');
    const laptop = await login('t_math5');
    const other = await login('t_inf');
    expect((await call('POST', '/api/me/sign-out-everywhere', laptop)).status).toBe(200);
    expect((await call('GET', '/api/me', phone)).body.error.code).toBe('SESSION_ENDED');
    expect((await call('GET', '/api/me', laptop)).status).toBe(401);
    expect((await call('GET', '/api/me', other)).status).toBe(200);
  });

  it('a sign-in right after the answer is a new session, whatever second it falls in (3 times in a row)', async () => {
    for (let i = 0; i < 3; i++) {
      const before = await login('t_inf');
      expect((await call('POST', '/api/me/sign-out-everywhere', before)).status).toBe(200);
      const after = await login('t_inf');
      expect((await call('GET', '/api/me', after)).status).toBe(200);
      expect((await call('GET', '/api/me', before)).status).toBe(401);
    }
  });
});

describe('redemption is rate-limited per address and per code, and says nothing about codes', () => {
  it('wrong codes from one address: the same answer each time, then a pause; other addresses are unaffected', async () => {
    const { limit } = RATE_LIMITS.redeemFailuresPerAddress;
    const answers = new Set<string>();
    for (let i = 0; i < limit; i++) {
      const res = await call('POST', '/api/invite-codes/preview', undefined, { code: `ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}` }, '198.51.100.99');
      expect(res.status).toBe(422);
      answers.add(res.body.error.message);
    }
    expect(answers.size).toBe(1);
    const blocked = await call('POST', '/api/invite-codes/preview', undefined, { code: 'ZZZZ-ZZZZ-ZZZZ' }, '198.51.100.99');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Malformed input counts too, but another address is still served.
    expect((await call('POST', '/api/invite-codes/preview', undefined, { code: 'ZZZZ-ZZZZ-ZZZZ' }, '198.51.100.100')).status).toBe(422);
  });

  it('one code tried again and again (logins, passwords) is paused even from many addresses', async () => {
    const issued = await call('POST', '/api/invite-codes', await login('t_math5'), {
      clientRequestId: randomUUID(),
      scope: { kind: 'class', classId: ids.class5 },
      invitees: [{ personId: ids.s3, roles: ['student'] }],
    });
    const code = issued.body.codes[0].code;
    const { limit } = RATE_LIMITS.redeemFailuresPerCode;
    // Ольга is a minor without a parent's consent: each redemption fails and counts against the code.
    for (let i = 0; i < limit; i++) {
      const res = await call('POST', '/api/invite-codes/redeem', undefined, { code, login: `olga${i}`, password: 'Zvezda-2026!', consent: { documentVersion: '2026-09', accepted: true } }, `203.0.113.${i + 1}`);
      expect(res.status).toBe(422);
    }
    const blocked = await call('POST', '/api/invite-codes/preview', undefined, { code }, '203.0.113.200');
    expect(blocked.status).toBe(429);
  });
});

describe('contact details (п. 6/4.1)', () => {
  it('the class teacher keeps a parent’s contacts current; a stale edit is a conflict; another class’s teacher may not', async () => {
    const teacher = await login('t_math5');
    const people = await call('GET', `/api/invitees?scope=class&classId=${encodeURIComponent(ids.class5)}`, teacher);
    const mother = people.body.people.find((p: any) => p.personId === ids.parent2);
    expect(mother).toMatchObject({ contacts: {}, contactsVersion: 0 });
    const body = (version: number, phone: string) => ({ clientRequestId: randomUUID(), contacts: { email: 'ivanova@example.ru', phone }, contactsVersion: version });
    const saved = await call('PUT', `/api/people/${ids.parent2}/contacts`, teacher, body(0, '+79161234567'));
    expect(saved.body).toEqual({ personId: ids.parent2, name: 'Иванова Мария Петровна', contacts: { email: 'ivanova@example.ru', phone: '+79161234567' }, contactsVersion: 1 });
    const stale = await call('PUT', `/api/people/${ids.parent2}/contacts`, await login('o_oper'), body(0, '+79160000000'));
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ contactsVersion: 1, contacts: { phone: '+79161234567' } });
    const bad = await call('PUT', `/api/people/${ids.parent2}/contacts`, teacher, { ...body(1, '8-916-123'), contactsVersion: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].message).toContain('+7XXXXXXXXXX');
    expect((await call('PUT', `/api/people/${ids.parent2}/contacts`, await login('t_math1'), body(1, '+79160000000'))).status).toBe(403);
    expect((await call('PUT', `/api/people/${ids.parent2}/contacts`, await login('d_dir'), body(1, '+79160000000'))).status).toBe(403);
    const again = await call('GET', `/api/invitees?scope=class&classId=${encodeURIComponent(ids.class5)}`, teacher);
    expect(again.body.people.find((p: any) => p.personId === ids.parent2)).toMatchObject({ contacts: { phone: '+79161234567' }, contactsVersion: 1 });
  });

  it('everyone may edit their own', async () => {
    const token = await login('t_inf');
    const me = await call('GET', '/api/me', token);
    const res = await call('PUT', `/api/people/${me.body.personId}/contacts`, token, { clientRequestId: randomUUID(), contacts: { phone: '+79035550101' }, contactsVersion: me.body.contactsVersion });
    expect(res.status).toBe(200);
    expect((await call('GET', '/api/me', token)).body).toMatchObject({ contacts: { phone: '+79035550101' }, contactsVersion: 1 });
  });
});
