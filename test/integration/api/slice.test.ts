import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { api, signIn, startTestStack } from '../../support/local-stack.ts';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);
afterAll(() => stack?.close());

describe('the vertical slice: sign in through the Cognito-compatible endpoint, then an authenticated API route', () => {
  it('GET /api/health answers without a token', async () => {
    const res = await api(stack, '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'klassny' });
  });

  it('a signed-in user gets their name and every role they hold', async () => {
    const token = await signIn(stack, 'coordinator');
    const res = await api(stack, '/api/me', { token });
    expect(res.status).toBe(200);
    const me = (await res.json()) as { roles: string[] };
    expect(me).toMatchObject({ login: 'coordinator', displayName: 'Белов Андрей Сергеевич' });
    expect(me.roles.sort()).toEqual(['coordinator', 'teacher']);
  });

  it('login is case-insensitive, as in the user pool', async () => {
    const token = await signIn(stack, 'Parent');
    const me = (await (await api(stack, '/api/me', { token })).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ login: 'parent', roles: ['parent'] });
  });

  it('without a token the gateway answers 401 with a JSON error and the function never runs', async () => {
    const res = await api(stack, '/api/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
  });

  it('a forged or tampered token is refused', async () => {
    const token = await signIn(stack, 'student');
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims['cognito:groups'] = ['director'];
    const forged = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    expect((await api(stack, '/api/me', { token: forged })).status).toBe(401);
    expect((await api(stack, '/api/me', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('an unknown route is a 404 in the API error format', async () => {
    const res = await api(stack, '/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'ROUTE_NOT_FOUND', message: 'Такого адреса в API нет.' } });
  });

  it('a body over API Gateway’s 10 MB limit is refused with 413 before any function runs', async () => {
    const res = await api(stack, '/api/health', { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });

  it('serves the site’s runtime config pointing at the local Cognito endpoint', async () => {
    const config = (await (await api(stack, '/config.json')).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ apiUrl: '', userPoolId: 'local_klassny', userPoolClientId: 'klassny-web', timeZone: 'Europe/Moscow' });
    expect(config.cognitoEndpoint).toBe(`http://127.0.0.1:${stack.port}/cognito/`);
  });
});
