import { afterAll, beforeAll, expect, it } from 'vitest';
import { CURRENT_CONSENT_VERSION } from '#shared/consent/documents.ts';
import { issueFirstOperatorCode } from '#functions/identity/first-operator.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';

/** A new school's first operator starts, like everyone, from an invitation code (npm run bootstrap-operator). */
let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: false });
}, 60_000);
afterAll(() => stack?.close());

const post = async (path: string, body: unknown, token?: string) => {
  const res = await api(stack, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(token ? { token } : {}) });
  return { status: res.status, body: (await res.json()) as any };
};

it('the code makes an operator who can then issue staff codes; a second bootstrap is refused', async () => {
  const { code } = await issueFirstOperatorCode({ lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' });
  const preview = await post('/api/invite-codes/preview', { code });
  expect(preview.body).toMatchObject({ personName: 'Иванова Мария Петровна', roles: ['operator'], note: 'школьный оператор' });
  const redeemed = await post('/api/invite-codes/redeem', { code, login: 'ivanova', password: 'Operator-2026!', consent: { documentVersion: CURRENT_CONSENT_VERSION, accepted: true } });
  expect(redeemed.status).toBe(201);
  const token = await signIn(stack, 'ivanova', 'Operator-2026!');
  const register = await api(stack, '/api/invite-codes?scope=staff', { token });
  expect(((await register.json()) as any).entries).toEqual([
    expect.objectContaining({ personName: 'Иванова Мария Петровна', status: 'used', issuedByName: expect.stringContaining('bootstrap-operator') }),
  ]);
  const issued = await post(
    '/api/invite-codes',
    { clientRequestId: crypto.randomUUID(), scope: { kind: 'staff' }, invitees: [{ newStaff: { lastName: 'Петров', firstName: 'Олег' }, roles: ['director'] }] },
    token,
  );
  expect(issued.status).toBe(201);
  await expect(issueFirstOperatorCode({ lastName: 'Другой', firstName: 'Оператор' })).rejects.toThrow(/уже есть действующий оператор/);
});
