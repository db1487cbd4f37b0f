import { describe, expect, it } from 'vitest';
import { areasOf, operations } from '#shared/api/operations.ts';
import { buildOpenApiDocument } from '#functions/http/openapi/build-document.ts';

describe('the API description is generated from the contracts', () => {
  const doc = buildOpenApiDocument(operations, { version: 'test' });

  it('every operation has a unique camelCase operationId', () => {
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]+$/);
  });

  it('is OpenAPI 3.1 with one operation per contract, under its path and method', () => {
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${(op as { operationId: string }).operationId}`),
    );
    expect(listed.sort()).toEqual(operations.map((o) => `${o.method} ${o.path} ${o.operationId}`).sort());
  });

  it('the plain route table the web calls by operationId equals the contracts', async () => {
    const { routes } = await import('#shared/api/routes.ts');
    expect(Object.fromEntries(operations.map((o) => [o.operationId, { method: o.method, path: o.path }]))).toEqual(routes);
  });

  it('names the operations later issues rely on', () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'getHealth',
        'getOpenApiDocument',
        'getMe',
        'getClassJournal',
        'saveLessonMarks',
        'saveLesson',
        'saveAttendance',
        'getMarkHistory',
        'getFinalMarks',
        'setFinalMarks',
        'reopenPeriod',
        'declareDistanceDays',
      ]),
    );
  });

  it('every $ref points at a component that exists', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.replace(/^"\$ref":"#\/components\/schemas\//, '').replace(/"$/, '');
      expect(doc.components.schemas, ref).toHaveProperty(name);
    }
  });

  it('authenticated operations declare the bearer token and the gateway’s 401', () => {
    const me = doc.paths['/api/me']!.get as { security: unknown[]; responses: Record<string, unknown> };
    expect(me.security).toEqual([{ cognitoJwt: [] }]);
    expect(me.responses).toHaveProperty('401');
    const health = doc.paths['/api/health']!.get as { security: unknown[] };
    expect(health.security).toEqual([]);
  });

  it('lists every error an operation can answer: conflicts, rule refusals, limits, busy', () => {
    const responses = (path: string, method: string) => (doc.paths[path] as Record<string, { responses: Record<string, { description: string }> }>)[method]!.responses;
    const save = responses('/api/lessons/{lessonId}/marks', 'put');
    expect(Object.keys(save)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '413', '415', '422', '500', '503']));
    expect(save['409']!.description).toContain('CONFLICT');
    expect(save['422']!.description).toContain('RULE_VIOLATED');
    expect(save['422']!.description).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(save['403']!.description).toContain('CONSENT_REQUIRED');
    const redeem = responses('/api/invite-codes/redeem', 'post');
    expect(Object.keys(redeem)).toEqual(expect.arrayContaining(['201', '409', '422', '429']));
    expect(redeem['429']!.description).toContain('RATE_LIMITED');
    // A read that cannot conflict declares no 409.
    expect(responses('/api/me/journals', 'get')).not.toHaveProperty('409');
  });

  it('the Me schema carries the roles enum from the zod schema', () => {
    const me = doc.components.schemas.Me as { properties: Record<string, unknown>; required: string[] };
    expect(me.required).toEqual(expect.arrayContaining(['userId', 'login', 'displayName', 'roles']));
    expect(JSON.stringify(me.properties.roles)).toContain('Role');
  });
});

describe('every contract is served by the Lambda of its area', () => {
  for (const area of areasOf()) {
    it(`area ${area}`, async () => {
      const module = (await import(`../../../functions/http/areas/${area}.ts`)) as { handler: { operationIds: string[] } };
      const expected = operations.filter((o) => o.area === area).map((o) => o.operationId).sort();
      expect([...module.handler.operationIds].sort()).toEqual(expected);
    });
  }
});
