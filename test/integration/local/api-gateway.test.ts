/**
 * The local API Gateway's own answers (infra/local/api-gateway): a path it cannot decode is a
 * 400 before any function runs, and a function running past the HTTP functions' timeout
 * (shared/config/limits.ts, the Lambda timeout in AWS) is a failed invocation, 500.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE_AREA, operations } from '#shared/api/operations.ts';
import { HTTP_FUNCTION_TIMEOUT_SECONDS } from '#shared/config/limits.ts';
import type { LambdaHandler } from '#functions/http/lib/types.ts';
import { createApiGateway, FUNCTION_TIMEOUT_MS } from '#infra/local/api-gateway/api-gateway.ts';
import { loadSchoolConfig } from '#infra/local/school-config.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { root } from '../../support/local-stack.ts';

/** The gateway in front of stand-in handlers this test controls. */
let server: Server;
let base: string;
let invocations: Array<{ routeKey: string; remainingMs: number }> = [];
let behaviour: 'answer' | 'hang' = 'answer';

const fakeArea: LambdaHandler = async (event, context) => {
  invocations.push({ routeKey: event.routeKey, remainingMs: context.getRemainingTimeInMillis() });
  if (behaviour === 'hang') await new Promise(() => undefined);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };
};

let stack: LocalStack;

beforeAll(async () => {
  const gateway = createApiGateway({
    operations,
    defaultArea: DEFAULT_ROUTE_AREA,
    loadArea: async () => fakeArea,
    authorizer: { issuer: 'http://127.0.0.1:1/none', audience: ['none'], jwksUrl: 'http://127.0.0.1:1/jwks.json' },
    functionTimeoutMs: 200,
  });
  server = createServer((req, res) => void gateway(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stack = await startLocalStack({ root, port: 0, host: '127.0.0.1', school: loadSchoolConfig(root), scheduler: false });
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await stack?.close();
});

describe('a malformed % escape in the path', () => {
  it('is answered 400 {"message":"Bad Request"} by the gateway, before any function runs', async () => {
    invocations = [];
    for (const path of ['/api/users/%zz/disable', '/api/users/%E0%A4%A/disable', '/api/%']) {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('apigw-requestid')).toBeTruthy();
      expect(await response.json()).toEqual({ message: 'Bad Request' });
    }
    expect(invocations).toEqual([]);
  });

  it('is answered the same by the whole local stack (it was a 500)', async () => {
    const response = await fetch(`http://127.0.0.1:${stack.port}/api/users/%zz/disable`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientRequestId: 'x', version: 1 }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'Bad Request' });
  });

  it('leaves well-formed escapes to the function, decoded in pathParameters', async () => {
    invocations = [];
    const response = await fetch(`${base}/api/health%20x`);
    expect(response.status).toBe(200);
    expect(invocations.map((i) => i.routeKey)).toEqual(['$default']);
  });
});

describe('the HTTP functions\' timeout', () => {
  it('is the one of shared/config/limits.ts (the Lambda timeout in AWS)', () => {
    expect(FUNCTION_TIMEOUT_MS).toBe(HTTP_FUNCTION_TIMEOUT_SECONDS * 1000);
  });

  it('ends a function that runs longer with 500 {"message":"Internal Server Error"}, as API Gateway answers a Lambda timeout', async () => {
    invocations = [];
    behaviour = 'hang';
    try {
      const started = Date.now();
      const response = await fetch(`${base}/api/health`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect(invocations).toHaveLength(1);
      expect(invocations[0]!.remainingMs).toBeLessThanOrEqual(200);
      expect(invocations[0]!.remainingMs).toBeGreaterThan(100);
    } finally {
      behaviour = 'answer';
    }
  });
});
