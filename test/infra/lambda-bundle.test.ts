import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_BUNDLING } from '#infra/lib/bundling.ts';
import { repoRoot } from '#infra/lib/paths.ts';
import { functionEnvNames } from '#shared/config/function-env.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { signIn, startTestStack } from '../support/local-stack.ts';
import { createFixtureAccounts, ids, writeFixtureSchool } from '../support/fixture-school.ts';

/**
 * What would be deployed runs: an area bundled with the stack's own options — the SDK's default
 * credential chain replaced by the environment's credentials (functions/lib/lambda-credentials.ts)
 * — imported by a fresh Node process with nothing but the Lambda's environment, answers a signed-in
 * request from the table (its calls signed with those credentials and checked by the stand-in).
 */
const run = promisify(execFile);
let stack: LocalStack;
let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'klassny-bundle-'));
  bundle = join(dir, 'diary.mjs');
  const [started] = await Promise.all([
    startTestStack({ prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) }),
    build({
      ...LAMBDA_BUNDLING,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      banner: { js: LAMBDA_BUNDLING.banner },
      alias: { ...LAMBDA_BUNDLING.alias },
      entryPoints: [join(repoRoot, 'functions/http/areas/diary.ts')],
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

/** Invokes the bundle's handler once in a new process, as Lambda would, and returns its result. */
async function invoke(event: unknown, env: NodeJS.ProcessEnv): Promise<{ statusCode: number; body: string; isBase64Encoded?: boolean }> {
  const script = `
    const { handler } = await import(process.argv[1]);
    const context = { awsRequestId: 'bundle-test', functionName: 'klassny-diary', getRemainingTimeInMillis: () => 10000 };
    const result = await handler(JSON.parse(process.argv[2]), context);
    process.stdout.write(JSON.stringify(result));`;
  const { stdout } = await run(process.execPath, ['--no-warnings', '--input-type=module', '-e', script, bundle, JSON.stringify(event)], { env, cwd: dir });
  return JSON.parse(stdout);
}

/** Only the variables a Lambda has: the function's own and the role's credentials (and, here, the stand-ins' endpoints). */
function lambdaEnvironment(): NodeJS.ProcessEnv {
  const names = Object.keys(process.env).filter((n) => n.startsWith('AWS_') || (functionEnvNames as string[]).includes(n));
  return { PATH: process.env.PATH, ...Object.fromEntries(names.map((n) => [n, process.env[n]])), LOG_LEVEL: 'error' };
}

describe('the deployed bundle', () => {
  it('carries the environment credentials, not the SDK’s whole default chain', async () => {
    const code = await readFile(bundle, 'utf8');
    expect(code).toContain('AWS_SECRET_ACCESS_KEY');
    // The default chain's nested clients (SSO OIDC, STS) and its profile files are not in it.
    expect(code).not.toMatch(/sso-oidc|AssumeRoleWithWebIdentity|\.aws\/credentials|AWS_CONTAINER_CREDENTIALS/);
  });

  it('answers a parent’s request from the table, in a process with only the Lambda’s environment', async () => {
    const token = await signIn(stack, 'p_father');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: 'GET /api/me/children',
      rawPath: '/api/me/children',
      rawQueryString: '',
      headers: { host: 'school.example', 'user-agent': 'bundle-test', 'x-forwarded-for': '127.0.0.1' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'bundle',
        domainName: 'school.example',
        domainPrefix: 'school',
        http: { method: 'GET', path: '/api/me/children', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bundle-test' },
        requestId: 'bundle-test',
        routeKey: 'GET /api/me/children',
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, String(v)])), scopes: [] } },
      },
      isBase64Encoded: false,
    };
    const result = await invoke(event, lambdaEnvironment());
    expect(result.statusCode).toBe(200);
    const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
    expect(JSON.parse(body).children).toEqual([expect.objectContaining({ studentId: ids.s1, className: '5А' })]);

    // Without credentials in the environment the bundle has nowhere else to look: refused, no data.
    const { AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, ...without } = lambdaEnvironment();
    const refused = await invoke(event, without);
    expect(refused.statusCode).toBe(500);
    expect(refused.body).not.toContain('Морозова');
  }, 60_000);
});
