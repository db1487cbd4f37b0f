/**
 * The smoke test after deploy (infra/smoke), tested here on what this machine can serve: the
 * local stack passes it (TLS skipped: it is http://), a fake school that gets one thing wrong
 * fails exactly the check that names it, and over HTTPS with a throwaway self-signed certificate
 * (openssl, when present) the TLS checks pass and fail as they should. The command runs once as
 * `npm run smoke` would.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke, smokeChecks, type SmokeReport } from '#infra/smoke/run-smoke.ts';
import { loadSchoolConfig } from '#infra/local/school-config.ts';
import { startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { root } from '../../support/local-stack.ts';
import { FAKE_VERSION, startFakeHttpsSite, startFakeSite, startRedirector, type Fault, type FakeSite } from '../../support/smoke-fake-site.ts';

const temp = mkdtempSync(join(tmpdir(), 'klassny-smoke-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const byName = (report: SmokeReport) => Object.fromEntries(report.checks.map((c) => [c.name, c]));
const failedNames = (report: SmokeReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);
const TLS_CHECKS = ['tls', 'tls-api-url', 'tls-legacy', 'http-redirect'];

/**
 * The real build when there is one; otherwise (a fresh checkout, before `npm run build:web`) a
 * one-page site in its place, so the test needs no build and still sees the stack's own headers.
 */
function siteRoot(): string {
  if (existsSync(join(root, 'web', 'dist', 'index.html'))) return root;
  const fake = join(temp, 'root');
  mkdirSync(join(fake, 'web', 'dist', 'assets'), { recursive: true });
  writeFileSync(join(fake, 'web', 'dist', 'index.html'), '<!doctype html><title>Классный журнал</title><script type="module" src="/assets/index-Zz99.js"></script>');
  writeFileSync(join(fake, 'web', 'dist', 'assets', 'index-Zz99.js'), 'console.log(1)');
  return fake;
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'infra/smoke/main.ts', ...args], { cwd: root, timeout: 15_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('against the local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ root: siteRoot(), port: 0, host: '127.0.0.1', school: loadSchoolConfig(root), scheduler: false });
  });
  afterAll(() => stack?.close());

  it('passes every check, the TLS ones skipped as not applicable over http://', async () => {
    const url = `http://127.0.0.1:${stack.port}`;
    const version = ((await (await fetch(`${url}/api/health`)).json()) as { version: string }).version;
    const report = await runSmoke({ name: 'local', webUrl: url, apiUrl: `${url}/` }, { expectVersion: version, timeoutMs: 10_000 });
    expect(failedNames(report), JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(smokeChecks.map((c) => c.name));
    const checks = byName(report);
    for (const name of ['tls', 'tls-legacy', 'http-redirect']) expect(checks[name]).toMatchObject({ ok: true, skipped: true, detail: expect.stringContaining('http://') });
    expect(report.checks.filter((c) => c.skipped).map((c) => c.name)).toEqual(TLS_CHECKS);
    expect(checks.health!.detail).toContain(`version ${version} (as released)`);
    expect(checks['health-api-url']!.ok).toBe(true);
    expect(checks.unauthorized!.detail).toContain('401 {"message":"Unauthorized"}');
    expect(checks['security-headers']!.detail).toContain('x-frame-options DENY');
    for (const c of report.checks) expect(c.ms).toBeGreaterThanOrEqual(0);
  });

  it('as a command: a table and exit 0; exit 1 when a check fails; exit 2 for wrong arguments', async () => {
    const url = `http://127.0.0.1:${stack.port}`;
    const outputs = join(temp, 'outputs.json');
    writeFileSync(outputs, JSON.stringify({ 'Klassny-local': { WebUrl: url, Release: 'not-this-release' }, 'Klassny-other': { ApiUrl: url } }));
    const [ok, wrongRelease, noArgs, badFile] = await Promise.all([
      cli(['--url', url]),
      cli(['--url', url, '--expect-version', 'not-this-release', '--json']),
      cli([]),
      cli(['--outputs', outputs]),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/check\s+result\s+detail\s+ms/);
    expect(ok.stdout).toMatch(/\n\s+page\s+ok\s+200 text\/html/);
    expect(ok.stdout).toMatch(/\n\s+tls\s+skipped\s+http:\/\//);
    expect(ok.stdout).toMatch(/— ok, 5 skipped/);

    expect(wrongRelease.code).toBe(1);
    const reports = JSON.parse(wrongRelease.stdout) as SmokeReport[];
    expect(failedNames(reports[0]!)).toEqual(['health', 'openapi']);

    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toContain('give --outputs <file> or --url <url>');
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain(`${outputs}: stack Klassny-other has no WebUrl output`);
  });
});

describe('against a school that gets one thing wrong', () => {
  let site: FakeSite;
  beforeAll(async () => {
    site = await startFakeSite();
  });
  afterAll(() => site?.close());

  const run = async (...faults: Fault[]) => {
    site.faults.clear();
    for (const f of faults) site.faults.add(f);
    return runSmoke({ name: 'fake', webUrl: site.url }, { expectVersion: FAKE_VERSION, timeoutMs: 2_000 });
  };

  it('passes when nothing is wrong (the fake answers as the stack does)', async () => {
    const report = await run();
    expect(failedNames(report), JSON.stringify(report.checks, null, 1)).toEqual([]);
  });

  it.each<[Fault, string[], RegExp]>([
    ['no-security-headers', ['security-headers'], /no content-security-policy; x-content-type-options is missing; x-frame-options is missing; referrer-policy is missing/],
    ['long-cache', ['page'], /cache-control: public, max-age=86400: cached long/],
    ['no-asset', ['asset'], /\/assets\/index-Ab12Cd34\.js 404/],
    ['config-incomplete', ['config'], /missing or empty: userPoolId/],
    ['other-version', ['health', 'openapi'], /version 2026\.4\.9: want version 2026\.5\.1/],
    ['no-401', ['unauthorized'], /without a token: 200 .* \(want 401 \{"message":"Unauthorized"\}\)/],
  ])('%s fails %j', async (fault, failing, detail) => {
    const report = await run(fault);
    expect(report.ok).toBe(false);
    expect(failedNames(report)).toEqual(failing);
    expect(byName(report)[failing[0]!]!.detail).toMatch(detail);
  });

  it('a check that gets no answer fails at its timeout, the others are not held up', async () => {
    site.faults.clear();
    site.faults.add('slow-openapi');
    const report = await runSmoke({ name: 'fake', webUrl: site.url }, { timeoutMs: 300 });
    expect(failedNames(report)).toEqual(['openapi']);
    const openapi = byName(report).openapi!;
    expect(openapi.detail).toBe('timed out after 300 ms');
    expect(openapi.ms).toBeGreaterThanOrEqual(290);
    expect(openapi.ms).toBeLessThan(2_000);
  });

  it('a stack that is not there fails every check that needs it, with the error', async () => {
    const report = await runSmoke({ name: 'gone', webUrl: 'http://127.0.0.1:9' }, { timeoutMs: 2_000 });
    expect(report.ok).toBe(false);
    expect(byName(report).page!.detail).toMatch(/ECONNREFUSED/);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.runIf(hasOpenssl)('over HTTPS, with a throwaway certificate', () => {
  /** A self-signed certificate for 127.0.0.1, valid for `days`, made now (EC keys: milliseconds). */
  function certificate(days: number) {
    const dir = mkdtempSync(join(temp, 'cert-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', String(days),
      '-subj', '/CN=klassny-smoke-test', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  }

  const servers: FakeSite[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  async function school(tls: ReturnType<typeof certificate> & Record<string, unknown>, faults: Fault[] = []) {
    const set = new Set(faults);
    const site = await startFakeHttpsSite(tls, set);
    const plain = await startRedirector(site.port, set);
    servers.push(site, plain);
    return { webUrl: site.url, plainHttpPort: plain.port, ca: tls.cert };
  }
  let good: ReturnType<typeof certificate>;
  beforeAll(() => {
    good = certificate(30);
  });

  it('passes with the certificate trusted: TLS 1.2+, not expiring, old clients refused, http redirected, HSTS sent', async () => {
    const { webUrl, plainHttpPort, ca } = await school(good);
    const report = await runSmoke({ name: 'https', webUrl }, { ca, plainHttpPort, expectVersion: FAKE_VERSION, timeoutMs: 5_000 });
    expect(failedNames(report), JSON.stringify(report.checks, null, 1)).toEqual([]);
    const checks = byName(report);
    expect(checks.tls).toMatchObject({ ok: true, detail: expect.stringMatching(/^TLSv1\.3, CN=klassny-smoke-test, issued by CN=klassny-smoke-test, valid until \d{4}-\d\d-\d\d \(\d+ days\)$/) });
    expect(checks['tls-legacy']).toMatchObject({ ok: true, detail: expect.stringContaining('TLS 1.0/1.1-only client refused') });
    expect(checks['http-redirect']).toMatchObject({ ok: true, detail: `http://127.0.0.1:${plainHttpPort}/ → 301 ${webUrl}/` });
    expect(checks['security-headers']!.detail).toContain('HSTS max-age=63072000');
    expect(report.checks.filter((c) => c.skipped).map((c) => c.name)).toEqual(['health-api-url', 'tls-api-url']);
  });

  it('fails an untrusted certificate, one about to expire, an old protocol accepted, no redirect, no HSTS', async () => {
    const untrusted = await school(good);
    const noTrust = await runSmoke({ name: 'untrusted', webUrl: untrusted.webUrl }, { plainHttpPort: untrusted.plainHttpPort, timeoutMs: 5_000 });
    expect(byName(noTrust).tls).toMatchObject({ ok: false, detail: expect.stringContaining('certificate not trusted for the host: DEPTH_ZERO_SELF_SIGNED_CERT') });

    const expiring = await school(certificate(5));
    const soon = await runSmoke({ name: 'expiring', webUrl: expiring.webUrl }, { ...expiring, timeoutMs: 5_000 });
    expect(failedNames(soon)).toEqual(['tls']);
    expect(byName(soon).tls!.detail).toMatch(/certificate expires in [45] days \(under 14\)/);

    const legacy = await school({ ...good, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    const old = await runSmoke({ name: 'legacy', webUrl: legacy.webUrl }, { ...legacy, timeoutMs: 5_000 });
    expect(failedNames(old)).toEqual(['tls-legacy']);
    expect(byName(old)['tls-legacy']!.detail).toMatch(/^TLSv1\.1 accepted from a TLS 1\.0\/1\.1-only client/);

    const careless = await school(good, ['no-redirect', 'no-hsts']);
    const plain = await runSmoke({ name: 'careless', webUrl: careless.webUrl }, { ...careless, timeoutMs: 5_000 });
    expect(failedNames(plain)).toEqual(['security-headers', 'api-headers', 'http-redirect']);
    expect(byName(plain)['http-redirect']!.detail).toMatch(/→ 200 \(no location\) \(want a redirect to https\)/);
    expect(byName(plain)['security-headers']!.detail).toBe('no strict-transport-security');
  });
});
