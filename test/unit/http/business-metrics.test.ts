/**
 * The business metrics (shared/config/business-metrics.ts) as CloudWatch would receive them: the
 * EMF lines the shared HTTP stack writes for a write's outcome (saved, replayed, conflict, rule
 * refusal; reads not counted), parsed back from stdout.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '#shared/api/operation.ts';
import { RuleViolationError, violation } from '#shared/domain/rules/violation.ts';
import { ConflictError } from '#functions/lib/errors.ts';
import { httpEvent, lambdaContext } from '../../support/events.ts';

vi.mock('#functions/identity/live-session.ts', () => ({
  requireLiveAccount: async (p: { userId: string; login: string; roles: string[] }) => ({ ...p, displayName: 'Тест', status: 'active', version: 1 }),
}));
vi.mock('#functions/identity/access-context.ts', () => ({
  loadAccessContext: async (p: { userId: string; roles: string[] }) => ({ userId: p.userId, personId: 'p-1', roles: p.roles, teaches: [], classTeacherOf: [], children: [] }),
}));

type Emf = { _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] } } & Record<string, unknown>;

let httpHandler: typeof import('#functions/http/lib/http-handler.ts').httpHandler;
beforeAll(async () => {
  // The metrics module reads these once, when first imported (vitest.config turns metrics off for other files).
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  process.env.SCHOOL_ID = 'north-3';
  ({ httpHandler } = await import('#functions/http/lib/http-handler.ts'));
});
afterEach(() => vi.restoreAllMocks());

const teacher = { sub: 'u-1', token_use: 'access', username: 'teacher', 'cognito:groups': '[teacher]' };
const write = defineOperation({
  operationId: 'testSave',
  method: 'PUT',
  path: '/api/test/{id}',
  area: 'test',
  access: 'authenticated',
  tag: 'test',
  summary: 'test',
  params: z.object({ id: z.string() }),
  body: z.object({ value: z.number() }),
  response: z.object({ saved: z.number(), replayed: z.boolean() }),
});
const read = defineOperation({ ...write, operationId: 'testRead', method: 'GET', body: undefined });

/** Runs one request and returns the EMF lines it printed. */
async function emfOf(run: () => Promise<unknown>): Promise<Emf[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf);
}

const event = () => httpEvent({ body: '{"value":5}', pathParameters: { id: '1' }, claims: teacher });
const counted = (lines: Emf[]) =>
  Object.fromEntries(lines.flatMap((l) => l._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => [x.Name, l[x.Name]]))));

describe('business metrics of the HTTP stack', () => {
  it('a saved write counts one Saves, in the Klassny namespace, by service and school', async () => {
    const lines = await emfOf(() => httpHandler(write, async () => ({ saved: 5, replayed: false })).handler(event(), lambdaContext));
    expect(lines).toHaveLength(1);
    expect(counted(lines)).toEqual({ Saves: 1 });
    const [directive] = lines[0]!._aws.CloudWatchMetrics;
    expect(directive!.Namespace).toBe('Klassny');
    expect(directive!.Dimensions[0]!.sort()).toEqual(['school', 'service']);
    expect(lines[0]).toMatchObject({ school: 'north-3', service: 'klassny' });
  });

  it('a replayed write counts Saves and Replays', async () => {
    const lines = await emfOf(() => httpHandler(write, async () => ({ saved: 5, replayed: true })).handler(event(), lambdaContext));
    expect(counted(lines)).toEqual({ Saves: 1, Replays: 1 });
  });

  it('a conflict counts Conflicts, a rule\'s refusal RuleRefusals, and neither is a save', async () => {
    const conflict = await emfOf(() =>
      httpHandler(write, async () => {
        throw new ConflictError();
      }).handler(event(), lambdaContext),
    );
    expect(counted(conflict)).toEqual({ Conflicts: 1 });
    const refusal = await emfOf(() =>
      httpHandler(write, async () => {
        throw new RuleViolationError([violation('п. 5.6', 'MARK_VALUE_INVALID', 'Отметки «7» нет.')]);
      }).handler(event(), lambdaContext),
    );
    expect(counted(refusal)).toEqual({ RuleRefusals: 1 });
  });

  it('reads and bad input count nothing', async () => {
    const reads = await emfOf(() =>
      httpHandler(read, async () => ({ saved: 1, replayed: false })).handler(httpEvent({ pathParameters: { id: '1' }, claims: teacher }), lambdaContext),
    );
    expect(reads).toEqual([]);
    const bad = await emfOf(() =>
      httpHandler(write, async () => ({ saved: 1, replayed: false })).handler(httpEvent({ body: '{"value":', pathParameters: { id: '1' }, claims: teacher }), lambdaContext),
    );
    expect(bad).toEqual([]);
  });
});
