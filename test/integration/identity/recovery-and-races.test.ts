import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '#shared/config/access-settings.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { CURRENT_CONSENT_VERSION } from '#shared/consent/documents.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { cognito } from '#functions/lib/cognito-client.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, ids, writeFixtureSchool, type FixtureLogin } from '../../support/fixture-school.ts';

/**
 * The account-takeover hole and the races around codes, replayed from outside against a stack
 * whose database behaves like AWS's where it matters here: overlapping transactions are cancelled
 * with TransactionConflict (the local engine would otherwise serialize them) and the indexes lag
 * the table by a moment (eventual consistency).
 */
let stack: LocalStack;
const NEW_PASSWORD = 'Vostok-2026!';
beforeAll(async () => {
  stack = await startTestStack({
    dynamo: { conflicts: true, indexLagMs: 300 },
    prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()),
  });
}, 120_000);
afterAll(() => stack?.close());

let address = 10;
async function call(method: string, path: string, options: { token?: string; body?: unknown; from?: string } = {}) {
  const res = await api(stack, path, {
    method,
    ...(options.token ? { token: options.token } : {}),
    headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `${options.from ?? `198.51.100.${address++}`}:40000`, 'user-agent': 'vitest' },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const as = (login: FixtureLogin, password = DEMO_PASSWORD) => signIn(stack, login, password);
const issue = async (login: FixtureLogin, scope: object, invitees: object[]) =>
  call('POST', '/api/invite-codes', { token: await as(login), body: { clientRequestId: randomUUID(), scope, invitees } });
const redeem = (code: string, login: string, password = NEW_PASSWORD) =>
  call('POST', '/api/invite-codes/redeem', { body: { code, login, password, consent: { documentVersion: CURRENT_CONSENT_VERSION, accepted: true } } });
const class5 = { kind: 'class', classId: ids.class5 };
const poolHas = (login: string) =>
  cognito.send(new AdminGetUserCommand({ UserPoolId: functionEnv().USER_POOL_ID, Username: login })).then(
    () => true,
    (error: Error) => (error.name === 'UserNotFoundException' ? false : Promise.reject(error)),
  );

describe('a class teacher cannot take over a parent’s account', () => {
  it('the replayed takeover: a code for the father (who has an account) is refused, in Russian, and his password still works', async () => {
    const res = await issue('t_math5', class5, [{ personId: ids.parent, roles: ['parent'] }]);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('У этого человека уже есть учётная запись. Восстановить доступ к ней может только школьный оператор.');
    const me = await call('GET', '/api/me', { token: await as('p_father') });
    expect(me.status).toBe(200);
  });

  it('the operator cannot give herself a code — not even to add the director’s role', async () => {
    const res = await issue('o_oper', { kind: 'staff' }, [{ personId: ids.operator, roles: ['operator', 'director'] }]);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('Себе пригласительный код выдать нельзя');
    expect((await call('GET', '/api/me', { token: await as('o_oper') })).body.roles).toEqual(['operator']);
  });
});

describe('the school’s in-person recovery: the operator’s code, visible to the holder', () => {
  let winningPassword = '';
  let code = '';
  let codeId = '';
  it('the operator issues a recovery code for the father; the register says it is a recovery', async () => {
    const operator = await as('o_oper');
    const contacts = await call('PUT', `/api/people/${ids.parent}/contacts`, {
      token: operator,
      body: { clientRequestId: randomUUID(), contacts: { email: 'morozov@example.ru' }, contactsVersion: 0 },
    });
    expect(contacts.status).toBe(200);
    const res = await issue('o_oper', class5, [{ personId: ids.parent, roles: ['parent'] }]);
    expect(res.status).toBe(201);
    expect(res.body.codes[0]).toMatchObject({ purpose: 'recovery', personId: ids.parent });
    code = res.body.codes[0].code;
    codeId = res.body.codes[0].id;
    // The register is a list read from an index: it shows the new entry a moment later.
    await expect
      .poll(async () => (await call('GET', `/api/invite-codes?scope=class&classId=${encodeURIComponent(ids.class5)}`, { token: operator })).body.entries.find((e: any) => e.id === codeId), {
        timeout: 5000,
      })
      .toMatchObject({ purpose: 'recovery', issuedByName: 'Соколова Ирина Павловна' });
  });

  it('two redemptions at the same moment with different passwords: one succeeds, the other is told the code is used; only the winner’s password works', async () => {
    const old = await as('p_father');
    // The login typed is ignored for an existing account (it keeps its own).
    const [a, b] = await Promise.all([redeem(code, 'first.try', 'Pervyi-2026!'), redeem(code, 'second.try', 'Vtoroi-2026!')]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    const loser = a.status === 422 ? a : b;
    expect(loser.body.error.code).toBe('INVITE_CODE_INVALID');
    const [winning, losing] = a.status === 201 ? ['Pervyi-2026!', 'Vtoroi-2026!'] : ['Vtoroi-2026!', 'Pervyi-2026!'];
    winningPassword = winning;
    await expect(as('p_father', losing)).rejects.toThrow(/Incorrect username or password/);
    // The old session is over; a sign-in right after the answer is not.
    expect((await call('GET', '/api/me', { token: old })).body.error.code).toBe('SESSION_ENDED');
    const me = await call('GET', '/api/me', { token: await as('p_father', winning) });
    expect(me.status).toBe(200);
    // The holder sees that, when and by whom his password was set.
    expect(me.body.lastRecovery).toEqual({ at: expect.any(String), issuedByName: 'Соколова Ирина Павловна' });
  });

  it('a recovery with one of the account’s last passwords is refused by the pool; the code stays usable and the sessions go on', async () => {
    const current = await as('p_father', winningPassword);
    const res = await issue('o_oper', class5, [{ personId: ids.parent, roles: ['parent'] }]);
    const again = await redeem(res.body.codes[0].code, 'any.login', winningPassword);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'body.password' }] });
    expect(again.body.error.message).toContain('не из ранее использованных');
    expect((await call('POST', '/api/invite-codes/preview', { body: { code: res.body.codes[0].code } })).status).toBe(200);
    expect((await call('GET', '/api/me', { token: current })).status).toBe(200);
  });

  it('a notice went to the holder’s e-mail, in the same transaction', async () => {
    const mail = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.mail(`recovery-${codeId}`), ConsistentRead: true }));
    expect(mail.Item).toMatchObject({ to: ['morozov@example.ru'], purpose: 'account:recovered', status: 'pending' });
    expect(String(mail.Item!.text)).toContain('Соколова Ирина Павловна');
  });
});

describe('two redemptions of one code at the same moment', () => {
  it('new accounts, 5 times: one 201, one clean 422 as for a used code; no user is left behind in the pool', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await issue('t_math5', class5, [{ personId: ids.parent2, roles: ['parent'] }]);
      expect(res.status).toBe(201);
      const code = res.body.codes[0].code;
      const [a, b] = await Promise.all([redeem(code, `race${i}a`), redeem(code, `race${i}b`)]);
      expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([201, 422]);
      const [winner, loser] = a.status === 201 ? [`race${i}a`, `race${i}b`] : [`race${i}b`, `race${i}a`];
      expect((a.status === 422 ? a : b).body.error.code).toBe('INVITE_CODE_INVALID');
      expect(await poolHas(winner)).toBe(true);
      expect(await poolHas(loser)).toBe(false);
      // Next round: the account goes (the operator would disable it; here the person is unlinked again).
      await unlink(ids.parent2);
    }
  });
});

/** Makes the person account-less again (as before her first code), so the race can be run again. */
async function unlink(personId: string) {
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  await documentClient.send(new UpdateCommand({ TableName: tableName(), Key: keys.person(personId), UpdateExpression: 'REMOVE userId' }));
}

describe('one live code per person, whatever the timing', () => {
  it('two issuers at the same moment: one code is live, the other issuer is told to refresh', async () => {
    const [a, b] = await Promise.all([
      issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }]),
      issue('o_oper', class5, [{ personId: ids.s3, roles: ['student'] }]),
    ]);
    const statuses = [a.status, b.status].sort();
    expect([[201, 201], [201, 409]]).toContainEqual(statuses);
    const codes = [a, b].filter((r) => r.status === 201).map((r) => r.body.codes[0].code);
    const live = await Promise.all(codes.map((code) => call('POST', '/api/invite-codes/preview', { body: { code } })));
    expect(live.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('a code issued right after another (the register index still lagging) revokes it', async () => {
    const first = await issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }]);
    const second = await issue('t_math5', class5, [{ personId: ids.s3, roles: ['student'] }]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await call('POST', '/api/invite-codes/preview', { body: { code: first.body.codes[0].code } })).body.error.code).toBe('INVITE_CODE_INVALID');
    expect((await call('POST', '/api/invite-codes/preview', { body: { code: second.body.codes[0].code } })).status).toBe(200);
  });
});

describe('rate limits are counted atomically', () => {
  it('a burst of 30 wrong codes at once from one address: no more than the limit are tried, the rest wait', async () => {
    const { limit } = RATE_LIMITS.redeemFailuresPerAddress;
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => call('POST', '/api/invite-codes/preview', { body: { code: `ZZZZ-ZZZZ-Z${String(i).padStart(3, '0')}` }, from: '192.0.2.77' })),
    );
    const tried = burst.filter((r) => r.status === 422);
    expect(tried.length).toBeLessThanOrEqual(limit);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(30 - tried.length);
    expect(burst.every((r) => r.status === 422 || r.status === 429)).toBe(true);
  });
});

describe('two identical requests at the same moment: one success and one replay (or a retryable answer), never a 500', () => {
  it('saving marks with one client request id twice at once applies it once', async () => {
    const token = await as('t_math5');
    const lessonId = `${ids.class5}.${ids.math}.2026-11-24.3`;
    const body = { clientRequestId: randomUUID(), changes: [{ action: 'create', studentId: ids.s1, values: ['4'], workTypeId: 'answer' }] };
    const put = () => call('PUT', `/api/lessons/${encodeURIComponent(lessonId)}/marks`, { token, body });
    const [a, b] = await Promise.all([put(), put()]);
    expect([a.status, b.status].every((s) => s === 200 || s === 503), JSON.stringify([a.body, b.body])).toBe(true);
    expect([a, b].filter((r) => r.status === 200 && r.body.replayed === false)).toHaveLength(1);
    const lesson = await call('GET', `/api/lessons/${encodeURIComponent(lessonId)}`, { token });
    expect(lesson.body.marks.filter((m: any) => m.studentId === ids.s1 && m.values[0] === '4')).toHaveLength(1);
  });

  it('two teachers’ contact edits at once: one saved, the other a conflict showing it', async () => {
    const [teacher, operator] = [await as('t_math5'), await as('o_oper')];
    const me = await call('GET', `/api/invitees?scope=class&classId=${encodeURIComponent(ids.class5)}`, { token: teacher });
    const version = me.body.people.find((p: any) => p.personId === ids.s2).contactsVersion ?? 0;
    const edit = (token: string, phone: string) =>
      call('PUT', `/api/people/${ids.s2}/contacts`, { token, body: { clientRequestId: randomUUID(), contacts: { phone }, contactsVersion: version } });
    const [a, b] = await Promise.all([edit(teacher, '+79160000011'), edit(operator, '+79160000022')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body.error.details.current.contactsVersion).toBe(version + 1);
  });
});
