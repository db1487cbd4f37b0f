import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '#shared/api/operation.ts';
import { httpHandler } from '#functions/http/lib/http-handler.ts';
import { RuleViolationError, violation } from '#shared/domain/rules/violation.ts';
import { BusyError, ConflictError, RateLimitedError } from '#functions/lib/errors.ts';
import { scrubAddresses } from '#functions/lib/logger.ts';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { MAX_BODY_BYTES } from '#functions/http/lib/middleware/json-body.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';

// The live account check reads the table; here the caller's account simply exists and is active
// (test/unit/http/live-session.test.ts covers the check itself).
vi.mock('#functions/identity/live-session.ts', () => ({
  requireLiveAccount: async (p: { userId: string; login: string; roles: string[] }) => ({
    userId: p.userId,
    login: p.login,
    displayName: 'Тест',
    roles: p.roles,
    status: 'active',
    createdAt: '2026-09-01T00:00:00.000Z',
    version: 1,
  }),
}));
// The access context is read from the table too; here it is the caller's roles and nothing else.
vi.mock('#functions/identity/access-context.ts', () => ({
  loadAccessContext: async (p: { userId: string; roles: string[] }) => ({
    userId: p.userId,
    personId: 'p-1',
    name: 'Тест',
    roles: p.roles,
    today: '2026-12-06',
    teaches: [],
    classTeacherOf: [],
    children: [],
  }),
}));

// A contract like every real one, to exercise the shared middy stack every route uses.
const contract = defineOperation({
  operationId: 'testSaveMark',
  method: 'POST',
  path: '/api/test/{id}',
  area: 'test',
  access: 'authenticated',
  tag: 'test',
  summary: 'test',
  params: z.object({ id: z.string().regex(/^\d+$/) }),
  body: z.object({ value: z.number().int().min(1).max(5), comment: z.string().max(10).optional() }),
  response: z.object({ saved: z.number() }),
});

const teacher = { sub: 'u-1', token_use: 'access', username: 'teacher', 'cognito:groups': '[teacher coordinator]' };

function call(route: Parameters<typeof httpHandler<typeof contract>>[1], event = httpEvent()) {
  return httpHandler(contract, route).handler(event, lambdaContext);
}

afterEach(() => vi.restoreAllMocks());

describe('the shared HTTP stack: bad input gets a clear error and loses nothing', () => {
  const ok = async ({ body }: { body?: { value: number } }) => ({ saved: body?.value ?? 0 });

  it('valid input reaches the route with the caller from the token claims', async () => {
    let seen: unknown;
    const res = await call(
      async (input) => {
        seen = input.principal;
        return { saved: input.body!.value };
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '7' }, claims: teacher }),
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ saved: 5 });
    expect(seen).toEqual({ userId: 'u-1', login: 'teacher', roles: ['teacher', 'coordinator'], authTime: 0 });
  });

  it('malformed JSON → 400 MALFORMED_JSON in Russian', async () => {
    const res = await call(ok, httpEvent({ body: '{"value":', pathParameters: { id: '7' }, claims: teacher }));
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'MALFORMED_JSON', message: 'Тело запроса не является корректным JSON.', requestId: 'req-1' });
  });

  it('wrong types and out-of-range values → 400 with a Russian message per field', async () => {
    const res = await call(ok, httpEvent({ body: '{"value":7,"comment":42}', pathParameters: { id: 'x' }, claims: teacher }));
    expect(res.statusCode).toBe(400);
    const { error } = JSON.parse(res.body);
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['params.id']);
    // Params are checked first; fix them and the body's fields are reported.
    const res2 = await call(ok, httpEvent({ body: '{"value":7,"comment":42}', pathParameters: { id: '1' }, claims: teacher }));
    const fields = JSON.parse(res2.body).error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['body.comment', 'body.value']);
    for (const f of fields) expect(f.message).toMatch(/[а-яё]/i);
  });

  it('a body over the limit → 413 before parsing', async () => {
    const res = await call(ok, httpEvent({ body: JSON.stringify({ value: 1, pad: 'x'.repeat(MAX_BODY_BYTES) }), pathParameters: { id: '1' }, claims: teacher }));
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON by its content type → 415', async () => {
    const res = await call(ok, httpEvent({ body: 'value=5', headers: { 'content-type': 'application/x-www-form-urlencoded' }, pathParameters: { id: '1' }, claims: teacher }));
    expect(res.statusCode).toBe(415);
  });

  it('an event without verified claims is refused (defence in depth behind the authorizer)', async () => {
    const res = await call(ok, httpEvent({ body: '{"value":5}', pathParameters: { id: '1' } }));
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('UNAUTHENTICATED');
  });

  it('a typed error keeps its code, status and Russian message', async () => {
    const res = await call(
      async () => {
        throw new ConflictError(undefined, { current: { value: 4 } });
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'CONFLICT', details: { current: { value: 4 } } });
  });

  it('an unexpected error → 500 that shows nothing internal, and is logged without the message’s data', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const res = await call(
      async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.1:5432 at secret-host');
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/ECONNREFUSED|secret|stack|Error/);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'INTERNAL', message: 'Внутренняя ошибка сервера. Повторите попытку позже.' });
    const logged = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(logged).toContain('"operationId":"testSaveMark"');
    expect(logged).toContain('"status":500');
    expect(logged).not.toContain('secret-host');
  });

  it('the route gets the caller’s access context, built once for the request', async () => {
    let seen: unknown;
    await call(
      async ({ ctx }) => {
        seen = ctx;
        return { saved: 1 };
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    expect(seen).toMatchObject({ userId: 'u-1', personId: 'p-1', roles: ['teacher', 'coordinator'] });
  });

  it('a rule of the regulation broken anywhere (not only where it used to be caught) → 422 naming the clause', async () => {
    const res = await call(
      async () => {
        throw new RuleViolationError([violation('п. 5.6', 'MARKS_NOT_ALLOWED_GRADE_1', 'В 1 классе отметки не выставляются')]);
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    expect(res.statusCode).toBe(422);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: 'RULE_VIOLATED',
      message: 'В 1 классе отметки не выставляются (п. 5.6 Положения).',
      details: { violations: [{ rule: 'п. 5.6', code: 'MARKS_NOT_ALLOWED_GRADE_1' }] },
    });
  });

  it('busy: contended writes and AWS throttling → 503 with Retry-After, nothing internal', async () => {
    for (const thrown of [new BusyError(), Object.assign(new Error('Transaction is ongoing for the item'), { name: 'TransactionConflictException' })]) {
      const res = await call(
        async () => {
          throw thrown;
        },
        httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
      );
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(JSON.parse(res.body).error.code).toBe('BUSY');
      expect(res.body).not.toContain('Transaction is ongoing');
    }
  });

  it('too many attempts → 429 with the wait in Retry-After', async () => {
    const res = await call(
      async () => {
        throw new RateLimitedError(120, 'Слишком много неудачных попыток. Повторите через 2 мин.');
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('120');
  });

  it('an AWS error logged keeps its text but not the addresses in it', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await call(
      async () => {
        throw Object.assign(new Error('Email address is not verified. The following identities failed: anna.morozova@example.ru from 203.0.113.7'), {
          name: 'MessageRejected',
          $metadata: {},
        });
      },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    const logged = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(logged).toContain('Email address is not verified');
    expect(logged).not.toContain('anna.morozova');
    expect(logged).not.toContain('203.0.113.7');
    expect(scrubAddresses('from 2001:db8::1 and +7 (912) 345-67-89')).toBe('from <ip> and <phone>');
  });

  it('a large answer is compressed for a caller that accepts it (brotli, else gzip); a small one is not', async () => {
    const big = async () => ({ saved: 1, padding: 'Классный журнал '.repeat(500) }) as unknown as { saved: number };
    const wide = defineOperation({ ...contract, operationId: 'testWide', response: z.object({ saved: z.number(), padding: z.string() }) });
    const run = (encoding?: string) =>
      httpHandler(wide, big as never).handler(
        httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher, headers: { 'content-type': 'application/json', ...(encoding ? { 'accept-encoding': encoding } : {}) } }),
        lambdaContext,
      );
    const br = await run('gzip, deflate, br');
    expect(br).toMatchObject({ isBase64Encoded: true, headers: { 'content-encoding': 'br', vary: 'accept-encoding' } });
    expect(JSON.parse(brotliDecompressSync(Buffer.from(br.body, 'base64')).toString('utf8')).padding).toContain('Классный журнал');
    const gz = await run('gzip;q=1, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(gz.body, 'base64')).toString('utf8')).saved).toBe(1);
    const plain = await run();
    expect(plain.isBase64Encoded).toBeFalsy();
    expect(JSON.parse(plain.body).saved).toBe(1);
    const small = await call(async () => ({ saved: 2 }), httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher, headers: { 'content-type': 'application/json', 'accept-encoding': 'br' } }));
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('the response is cut to the contract: a field the contract does not promise never leaves', async () => {
    const res = await call(
      async () => ({ saved: 1, passwordHash: 'x' }) as { saved: number },
      httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher }),
    );
    expect(JSON.parse(res.body)).toEqual({ saved: 1 });
  });
});
