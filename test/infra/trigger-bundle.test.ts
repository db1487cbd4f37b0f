import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLING } from '#infra/lib/bundling.ts';
import { repoRoot } from '#infra/lib/paths.ts';
import { triggerEnvNames } from '#shared/config/function-env.ts';
import { getClassUsage } from '#functions/data/usage-repository.ts';
import { getPerson } from '#functions/data/people-repository.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { createFixtureAccounts, ids, writeFixtureSchool } from '../support/fixture-school.ts';

/**
 * The sign-in trigger as it would be deployed: bundled with the stack's options and run by a fresh
 * Node process with only the trigger's environment (the table's name, no pool: see
 * triggerEnvSchema), it records a sign-in from Cognito's event and hands the event back.
 */
const run = promisify(execFile);
let stack: LocalStack;
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'klassny-trigger-'));
  bundle = join(dir, 'record-sign-in.mjs');
  const [started] = await Promise.all([
    startTestStack({ prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) }),
    build({
      ...LAMBDA_BUNDLING,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      banner: { js: LAMBDA_BUNDLING.banner },
      alias: { ...LAMBDA_BUNDLING.alias },
      entryPoints: [join(repoRoot, 'functions/identity/record-sign-in.ts')],
      bundle: true,
      outfile: bundle,
      absWorkingDir: repoRoot,
      tsconfig: join(repoRoot, 'tsconfig.json'),
      logLevel: 'error',
    }),
  ]);
  stack = started;
}, 120_000);
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the deployed sign-in trigger', () => {
  it('records a sign-in in a process with only the trigger\'s environment, and returns the event', async () => {
    const sub = (await getPerson(ids.s2))!.userId!;
    const event = {
      version: '1',
      region: 'eu-central-1',
      userPoolId: 'eu-central-1_bundle',
      userName: 's_petr',
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'bundle' },
      triggerSource: 'PostAuthentication_Authentication',
      request: { userAttributes: { sub, 'cognito:user_status': 'CONFIRMED' }, newDeviceUsed: false },
      response: {},
    };
    const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_') || (triggerEnvNames as string[]).includes(n));
    const env = { PATH: process.env.PATH, ...Object.fromEntries(names.map((n) => [n, process.env[n]])), LOG_LEVEL: 'warn' };
    expect(env).not.toHaveProperty('USER_POOL_ID');
    const script = `
      const { handler } = await import(process.argv[1]);
      process.stdout.write(JSON.stringify(await handler(JSON.parse(process.argv[2]))));`;
    const { stdout, stderr } = await run(process.execPath, ['--no-warnings', '--input-type=module', '-e', script, bundle, JSON.stringify(event)], { env, cwd: dir });
    expect(JSON.parse(stdout)).toEqual(event);
    expect(stderr).toBe('');
    const petr = (await getClassUsage(ids.class5, '2026-11-30')).students.find((s) => s.personId === ids.s2)!;
    expect(petr.account).toMatchObject({ signInCount: 1, lastSignInAt: expect.any(String) });
  }, 60_000);
});
