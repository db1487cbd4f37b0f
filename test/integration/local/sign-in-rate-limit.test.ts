/**
 * The local stand-in for the web ACL's sign-in rule (infra/local/sign-in-rate-limit.ts, in front
 * of the Cognito emulator in infra/local/stack.ts): sign-in calls per address, fixed windows,
 * 429 with Cognito's throttling body past the limit; nothing else is limited.
 */
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITED_RESPONSE } from '#shared/config/access-settings.ts';
import { createSignInRateLimiter } from '#infra/local/sign-in-rate-limit.ts';
import { loadSchoolConfig } from '#infra/local/school-config.ts';
import { LOCAL_CLIENT_ID, LOCAL_USER_POOL_ID, startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { root } from '../../support/local-stack.ts';

const LIMIT = 3;
const TARGET = 'AWSCognitoIdentityProviderService.';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    root,
    port: 0,
    host: '127.0.0.1',
    school: loadSchoolConfig(root),
    scheduler: false,
    signInRateLimit: { limit: LIMIT, windowSeconds: 300 },
  });
});

afterAll(async () => {
  await stack?.close();
});

type Answer = { status: number; contentType: string | undefined; body: Record<string, unknown> };

/** A Cognito call as the web makes it, optionally from another loopback address (Linux routes all of 127/8 to lo). */
function cognitoCall(operation: string, input: unknown, from?: string): Promise<Answer> {
  const payload = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: stack.port,
        path: '/cognito/',
        method: 'POST',
        ...(from ? { localAddress: from } : {}),
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `${TARGET}${operation}`,
          'content-length': Buffer.byteLength(payload),
        },
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const wrongPassword = (login: string, from?: string) =>
  cognitoCall('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: LOCAL_CLIENT_ID, AuthParameters: { USERNAME: login, PASSWORD: 'Wrong-Pass-2026!' } }, from);

describe('sign-in limit per address (local stand-in for the web ACL on the pool)', () => {
  it(`lets ${LIMIT} sign-in calls of one address through, then answers 429 TooManyRequestsException`, async () => {
    for (let i = 1; i <= LIMIT; i++) {
      // Different logins, so the pool's own per-login lockout plays no part.
      const answer = await wrongPassword(`nobody${i}`);
      expect(answer.status, `call ${i}`).toBe(400);
      expect(answer.body.__type, `call ${i}`).toBe('NotAuthorizedException');
    }
    const limited = await wrongPassword('nobody4');
    expect(limited).toEqual({
      status: 429,
      contentType: 'application/x-amz-json-1.1',
      body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' },
    });
    expect(limited.body).toEqual(SIGN_IN_LIMITED_RESPONSE.body);
  });

  it('counts RespondToAuthChallenge on the same address', async () => {
    const challenge = await cognitoCall('RespondToAuthChallenge', {
      ClientId: LOCAL_CLIENT_ID,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: 'x',
      ChallengeResponses: { USERNAME: 'nobody', NEW_PASSWORD: 'New-Pass-2026!' },
    });
    expect(challenge.status).toBe(429);
    expect(challenge.body.__type).toBe('TooManyRequestsException');
  });

  it('is what the AWS SDK reads as TooManyRequestsException', async () => {
    const client = new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${stack.port}/cognito`, region: 'eu-central-1', maxAttempts: 1 });
    try {
      const call = client.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: LOCAL_CLIENT_ID, AuthParameters: { USERNAME: 'nobody', PASSWORD: 'Wrong-Pass-2026!' } }),
      );
      await expect(call).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    } finally {
      client.destroy();
    }
  });

  it('counts per address: another address still signs in', async () => {
    const answer = await wrongPassword('nobody', '127.0.0.2');
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('NotAuthorizedException');
  });

  it('does not limit other Cognito calls of the limited address: JWKS, preflight, GetUser', async () => {
    const base = `http://127.0.0.1:${stack.port}/cognito`;
    const jwks = await fetch(`${base}/${LOCAL_USER_POOL_ID}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);

    const preflight = await fetch(`${base}/`, {
      method: 'OPTIONS',
      headers: { origin: 'http://example.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target' },
    });
    expect(preflight.status).toBe(204);

    const getUser = await cognitoCall('GetUser', { AccessToken: 'not-a-token' });
    expect(getUser.status).toBe(400);
    expect(getUser.body.__type).toBe('NotAuthorizedException');
  });
});

describe('fixed windows', () => {
  type FakeRes = { status?: number; headers?: Record<string, unknown>; body?: string };
  const fakeReq = (address: string, target = `${TARGET}InitiateAuth`, method = 'POST') =>
    ({ method, headers: { 'x-amz-target': target }, socket: { remoteAddress: address } }) as unknown as IncomingMessage;
  const fakeRes = () => {
    const out: FakeRes = {};
    const res = {
      writeHead(status: number, headers: Record<string, unknown>) {
        out.status = status;
        out.headers = headers;
        return res;
      },
      end(body: string) {
        out.body = body;
      },
    };
    return { res: res as unknown as ServerResponse, out };
  };

  it('starts every address afresh in the next window', () => {
    let clock = 1_000_000 * 60_000; // on a window boundary
    const limiter = createSignInRateLimiter({ limit: 2, windowSeconds: 60 }, () => clock);
    const attempt = (address: string) => limiter.reject(fakeReq(address), fakeRes().res);

    expect([attempt('203.0.113.5'), attempt('203.0.113.5'), attempt('203.0.113.5')]).toEqual([false, false, true]);
    // IPv4-mapped IPv6 is the same address.
    expect(attempt('::ffff:203.0.113.5')).toBe(true);
    expect(attempt('198.51.100.7')).toBe(false);
    clock += 59_999;
    expect(attempt('203.0.113.5')).toBe(true);
    clock += 1;
    expect([attempt('203.0.113.5'), attempt('203.0.113.5'), attempt('203.0.113.5')]).toEqual([false, false, true]);
  });

  it('ignores everything but POSTed sign-in calls, and answers like the web ACL', () => {
    const limiter = createSignInRateLimiter({ limit: 1, windowSeconds: 60 }, () => 0);
    for (let i = 0; i < 5; i++) {
      expect(limiter.reject(fakeReq('203.0.113.5', `${TARGET}AdminGetUser`), fakeRes().res)).toBe(false);
      expect(limiter.reject(fakeReq('203.0.113.5', `${TARGET}InitiateAuth`, 'OPTIONS'), fakeRes().res)).toBe(false);
    }
    expect(limiter.reject(fakeReq('203.0.113.5'), fakeRes().res)).toBe(false);
    // However the target is cased (as the web ACL compares it).
    expect(limiter.reject(fakeReq('203.0.113.5', `${TARGET}InitiateAuth`.toLowerCase()), fakeRes().res)).toBe(true);
    const { res, out } = fakeRes();
    expect(limiter.reject(fakeReq('203.0.113.5', `${TARGET}RespondToAuthChallenge`), res)).toBe(true);
    expect(out.status).toBe(SIGN_IN_LIMITED_RESPONSE.status);
    expect(out.headers).toMatchObject({ 'content-type': 'application/x-amz-json-1.1' });
    expect(JSON.parse(out.body!)).toEqual(SIGN_IN_LIMITED_RESPONSE.body);
  });
});
