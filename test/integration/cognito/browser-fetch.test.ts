import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfirmedUser } from './flows.ts';
import { CLIENT_ID, PASSWORD, startEmulator, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator();
  await createConfirmedUser(h, 'browser.user', { email: 'b@school.test' });
});
afterAll(async () => {
  await h.close();
});

const ORIGIN = 'http://localhost:5173';

/** What a browser sends: no SigV4, the JSON protocol's headers. */
const call = (target: string, body: unknown) =>
  fetch(`${h.endpoint}/`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      'x-amz-user-agent': 'aws-sdk-js/3 ua/2.1 os/other lang/js md/browser',
    },
    body: JSON.stringify(body),
  });

describe('plain fetch, as the browser does', () => {
  it('answers the CORS preflight', async () => {
    const response = await fetch(`${h.endpoint}/`, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-amz-target', 'x-amz-user-agent']));
  });

  it('signs in with InitiateAuth and reads the user with GetUser', async () => {
    const response = await call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: 'browser.user', PASSWORD },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await response.json()) as { AuthenticationResult: Record<string, unknown>; ChallengeParameters: object };
    expect(body.ChallengeParameters).toEqual({});
    expect(body.AuthenticationResult).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 900 });
    const me = await call('GetUser', { AccessToken: body.AuthenticationResult.AccessToken });
    expect(((await me.json()) as { Username: string }).Username).toBe('browser.user');
  });

  it('answers errors with __type, message and x-amzn-errortype, readable cross-origin', async () => {
    const response = await call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: 'browser.user', PASSWORD: 'nope' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
    expect(await response.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('answers malformed JSON with SerializationException and missing fields with InvalidParameterException', async () => {
    const bad = await fetch(`${h.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: '{nope',
    });
    expect(((await bad.json()) as { __type: string }).__type).toBe('SerializationException');
    const missing = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'x' } });
    expect(await missing.json()).toEqual({ __type: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' });
  });

  it('serves the JWKS and a minimal openid-configuration', async () => {
    const jwks = (await (await fetch(h.emulator.jwksUrl)).json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const config = (await (await fetch(`${h.emulator.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ issuer: h.emulator.issuer, jwks_uri: h.emulator.jwksUrl });
    expect((await fetch(`${h.endpoint}/elsewhere`)).status).toBe(404);
  });
});
