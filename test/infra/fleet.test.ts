/**
 * The fleet (issue 12, part 1): every school file validated before anything happens, waves in
 * order with a pilot first, several schools at a time and the rollout stopped by the first
 * failure, and three schools synthesized offline in one app through the CDK toolkit library.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FleetConfigError, loadSchoolFiles, type FleetSchool } from '../../infra/fleet/school-files.ts';
import { deployAndCheck } from '../../infra/fleet/deploy-school.ts';
import { runWaves } from '../../infra/fleet/run-waves.ts';
import { runSmoke } from '../../infra/smoke/run-smoke.ts';
import { FAKE_VERSION, startFakeSite } from '../support/smoke-fake-site.ts';
import { FleetToolkit } from '../../infra/fleet/toolkit.ts';
import { selectSchools, wavesOf } from '../../infra/fleet/waves.ts';
import { repoRoot } from '../../infra/lib/paths.ts';
import { SYNTH_TIMEOUT } from './support.ts';

const run = promisify(execFile);
const examples = path.join(repoRoot, 'infra', 'fleet', 'examples');

const valid = (schoolId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  schoolName: `Школа ${schoolId}`,
  timeZone: 'Europe/Samara',
  directorEmail: `director@${schoolId}.example`,
  mailFrom: `journal@${schoolId}.example`,
  operationsEmail: 'ops@fleet.example',
  ...extra,
});

function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'klassny-fleet-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadSchoolFiles(dir);
  } catch (error) {
    if (error instanceof FleetConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the school files to be refused');
}

describe('school files', () => {
  it('reads the three example schools with their waves, plans and usage', () => {
    const schools = loadSchoolFiles(examples);
    expect(schools.map((s) => [s.schoolId, s.wave, s.deployment.cognitoPlan])).toEqual([
      ['balashov-7', 'pilot', 'plus'],
      ['ekb-lyceum-3', 'main', 'essentials'],
      ['vladivostok-12', 'main', 'plus'],
    ]);
    expect(schools[1]!.usage?.students).toBe(1450);
  });

  it('the repository\'s own infra/schools validate', () => {
    expect(loadSchoolFiles(path.join(repoRoot, 'infra', 'schools')).map((s) => s.schoolId)).toContain('demo');
  });

  it('a bad time zone, an e-mail that is not one, a duplicate school id and an unknown plan are all named by file and field', () => {
    const dir = folderWith({
      'north.json': valid('north', { timeZone: 'Europe/Atlantis' }),
      'south.json': valid('south', { operationsEmail: 'ops at south' }),
      'east.json': valid('east'),
      'east-copy.json': valid('east'),
      'west.json': valid('west', { deployment: { cognitoPlan: 'lite' } }),
      'typo.json': valid('typo', { wav: 'pilot' }),
      'broken.json': '{ "schoolId": ',
    });
    const problems = problemsOf(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/north\.json: timeZone: timeZone must be an IANA time zone/),
        expect.stringMatching(/south\.json: operationsEmail: operationsEmail must be an e-mail address/),
        expect.stringMatching(/east-copy\.json: schoolId: "east" differs from the file name/),
        expect.stringMatching(/east-copy\.json, .*east\.json: schoolId: "east" is in 2 files/),
        expect.stringMatching(/west\.json: deployment\.cognitoPlan: cognitoPlan must be one of plus, essentials/),
        expect.stringMatching(/typo\.json: wav: /),
        expect.stringMatching(/Cannot read school config .*broken\.json/),
      ]),
    );
  });

  it('two schools on one host name are refused', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a3c1e-1111-2222-3333-444455556666';
    const deployment = { domainName: 'journal.city.example', certificateArn };
    const problems = problemsOf(folderWith({ 'a-1.json': valid('a-1', { deployment }), 'b-1.json': valid('b-1', { deployment }) }));
    expect(problems).toEqual([expect.stringMatching(/a-1\.json, .*b-1\.json: deployment\.domainName: "journal\.city\.example" is in 2 files/)]);
  });

  it('the CLI stops the whole wave before anything is synthesized, naming the file and field', async () => {
    const dir = folderWith({ 'good-1.json': valid('good-1'), 'bad-1.json': valid('bad-1', { directorEmail: 'nobody' }) });
    const out = path.join(dir, 'cdk.out');
    const result = await run('npx', ['tsx', 'infra/fleet/main.ts', 'synth', '--dir', dir, '--out', out], { cwd: repoRoot }).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect((result as { code?: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/nothing was synthesized or deployed[\s\S]*bad-1\.json: directorEmail/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('deploy', () => {
  it('refuses a release with uncommitted changes before synthesizing anything', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'klassny-fleet-')), 'cdk.out');
    const result = await run('npx', ['tsx', 'infra/fleet/main.ts', 'deploy', '--dir', examples, '--release', '0.1.0+gabc1234.dirty', '--out', out], {
      cwd: repoRoot,
    }).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code?: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/uncommitted changes \(release 0\.1\.0\+gabc1234\.dirty\): commit them, or pass --allow-dirty/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('waves', () => {
  const schools = loadSchoolFiles(examples);

  it('deploy the pilot first, then the rest', () => {
    expect(wavesOf(schools).map((w) => [w.name, w.schools.map((s) => s.schoolId)])).toEqual([
      ['pilot', ['balashov-7']],
      ['main', ['ekb-lyceum-3', 'vladivostok-12']],
    ]);
  });

  it('select one wave or named schools, and refuse names that match nothing', () => {
    expect(selectSchools(schools, { wave: 'main' }).map((s) => s.schoolId)).toEqual(['ekb-lyceum-3', 'vladivostok-12']);
    expect(selectSchools(schools, { schools: ['vladivostok-12'] }).map((s) => s.schoolId)).toEqual(['vladivostok-12']);
    expect(() => selectSchools(schools, { wave: 'wave-9' })).toThrow(/no school is in wave "wave-9"/);
    expect(() => selectSchools(schools, { schools: ['nowhere'] })).toThrow(/no school file for "nowhere"/);
  });
});

describe('a rollout', () => {
  const school = (schoolId: string, wave: string): FleetSchool => ({ ...loadSchoolFiles(examples)[0]!, schoolId, wave, file: `${schoolId}.json` });
  const fleet = [school('p-1', 'pilot'), school('m-1', 'main'), school('m-2', 'main'), school('m-3', 'main'), school('m-4', 'main'), school('z-1', 'zeta')];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  it('runs several schools of a wave at a time, never the next wave before the pilot, and reports each', async () => {
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    const rows = await runWaves(wavesOf(fleet), {
      concurrency: 2,
      step: async (s) => {
        order.push(s.schoolId);
        most = Math.max(most, ++inFlight);
        await tick();
        inFlight--;
        return { detail: 'deployed', version: 'v1.0.0' };
      },
    });
    expect(order[0]).toBe('p-1');
    expect(most).toBe(2);
    expect(rows.map((r) => [r.school, r.stack, r.wave, r.version, r.result])).toEqual([
      ['p-1', 'Klassny-p-1', 'pilot', 'v1.0.0', 'ok'],
      ['m-1', 'Klassny-m-1', 'main', 'v1.0.0', 'ok'],
      ['m-2', 'Klassny-m-2', 'main', 'v1.0.0', 'ok'],
      ['m-3', 'Klassny-m-3', 'main', 'v1.0.0', 'ok'],
      ['m-4', 'Klassny-m-4', 'main', 'v1.0.0', 'ok'],
      ['z-1', 'Klassny-z-1', 'zeta', 'v1.0.0', 'ok'],
    ]);
  });

  it('stops on the first failure: running schools finish, nothing else starts, the rest is skipped', async () => {
    const started: string[] = [];
    const rows = await runWaves(wavesOf(fleet), {
      concurrency: 2,
      step: async (s) => {
        started.push(s.schoolId);
        await tick();
        if (s.schoolId === 'm-1') throw new Error('smoke test failed: health (500)');
        await tick();
        return { detail: 'deployed', version: 'v1.0.0' };
      },
    });
    expect(started).toEqual(['p-1', 'm-1', 'm-2']);
    expect(Object.fromEntries(rows.map((r) => [r.school, `${r.result}: ${r.detail}`]))).toEqual({
      'p-1': 'ok: deployed',
      'm-1': 'failed: smoke test failed: health (500)',
      'm-2': 'ok: deployed',
      'm-3': 'skipped: not started: m-1 failed',
      'm-4': 'skipped: not started: m-1 failed',
      'z-1': 'skipped: not started: m-1 failed',
    });
  });

  it('a diff looks at every school whatever one of them shows', async () => {
    const rows = await runWaves(wavesOf(fleet), {
      concurrency: 2,
      stopOnFailure: false,
      step: async (s) => {
        if (s.schoolId === 'p-1') throw new Error('would REPLACE Table');
        return { detail: 'no changes' };
      },
    });
    expect(rows.map((r) => r.result)).toEqual(['failed', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('a failing pilot stops the rollout before the first school of the next wave', async () => {
    const started: string[] = [];
    const rows = await runWaves(wavesOf(fleet), {
      concurrency: 4,
      step: async (s) => {
        started.push(s.schoolId);
        throw new Error('CREATE_FAILED');
      },
    });
    expect(started).toEqual(['p-1']);
    expect(rows.filter((r) => r.result === 'skipped')).toHaveLength(5);
  });
});

describe('a school\'s deploy step', () => {
  const [pilot, school] = loadSchoolFiles(examples);

  it('deploys, sees its release, smoke-tests the stack through its outputs, and keeps the outputs', async () => {
    const site = await startFakeSite();
    try {
      const outputs: Record<string, Record<string, string>> = {};
      const deployed: string[] = [];
      const rows = await runWaves(wavesOf([pilot!, school!]), {
        concurrency: 1,
        step: (s) =>
          deployAndCheck(s, {
            release: FAKE_VERSION,
            outputs,
            deploy: async (x) => {
              deployed.push(x.schoolId);
              return { WebUrl: site.url, Release: FAKE_VERSION, TableName: `t-${x.schoolId}` };
            },
            smoke: (target, expectVersion) => runSmoke(target, { expectVersion, timeoutMs: 5_000 }),
          }),
      });
      expect(deployed).toEqual(['balashov-7', 'ekb-lyceum-3']);
      expect(rows.map((r) => [r.school, r.version, r.result])).toEqual([
        ['balashov-7', FAKE_VERSION, 'ok'],
        ['ekb-lyceum-3', FAKE_VERSION, 'ok'],
      ]);
      expect(rows[0]!.detail).toMatch(/^deployed, smoke test: \d+ checks ok$/);
      expect(Object.keys(outputs)).toEqual(['Klassny-balashov-7', 'Klassny-ekb-lyceum-3']);
    } finally {
      await site.close();
    }
  });

  it('a pilot whose new functions do not answer with the new release fails, and the next wave does not start', async () => {
    const site = await startFakeSite(new Set(['other-version']));
    try {
      const deployed: string[] = [];
      const rows = await runWaves(wavesOf([pilot!, school!]), {
        concurrency: 2,
        step: (s) =>
          deployAndCheck(s, {
            release: FAKE_VERSION,
            outputs: {},
            deploy: async (x) => {
              deployed.push(x.schoolId);
              return { WebUrl: site.url, Release: FAKE_VERSION };
            },
            smoke: (target, expectVersion) => runSmoke(target, { expectVersion, timeoutMs: 5_000 }),
          }),
      });
      expect(deployed).toEqual(['balashov-7']);
      expect(rows[0]).toMatchObject({ result: 'failed', detail: expect.stringMatching(/^smoke test failed: health \(/) });
      expect(rows[1]).toMatchObject({ result: 'skipped' });
    } finally {
      await site.close();
    }
  });

  it('a stack that reports another release fails before the smoke test', async () => {
    await expect(
      deployAndCheck(pilot!, { release: 'v2.0.0', outputs: {}, deploy: async () => ({ WebUrl: 'https://x.example', Release: 'v1.9.0' }) }),
    ).rejects.toThrow('the stack reports release "v1.9.0", not "v2.0.0"');
  });
});

describe('offline, through the CDK toolkit library', () => {
  it(
    'lists the three example schools from the CLI without synthesizing',
    async () => {
      const { stdout } = await run('npx', ['tsx', 'infra/fleet/main.ts', 'list', '--dir', examples], { cwd: repoRoot });
      expect(stdout).toMatch(/pilot\s+balashov-7\s+Klassny-balashov-7/);
      expect(stdout).toMatch(/main\s+ekb-lyceum-3\s+Klassny-ekb-lyceum-3 .*essentials/);
      expect(stdout).toMatch(/3 school\(s\) in 2 wave\(s\): pilot \(1\), then main \(2\)/);
      const wrong = await run('npx', ['tsx', 'infra/fleet/main.ts', 'list', '--dir', examples, '--wave', 'wave-9'], { cwd: repoRoot }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(wrong).toMatchObject({ code: 2, stderr: expect.stringMatching(/no school is in wave "wave-9" \(waves: main, pilot\)/) });
    },
    SYNTH_TIMEOUT,
  );

  it(
    'synthesizes the three schools in one app, each stack with its own school, alarms and release, cdk-nag passing',
    async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'klassny-fleet-out-'));
      const schools = loadSchoolFiles(examples);
      // Bundling is the CLI's business (it bundles each function once for all stacks); here the templates are what is checked.
      const toolkit = new FleetToolkit(schools, { release: 'v9.9.9', outdir: out, online: false, context: { 'aws:cdk:bundling-stacks': [] }, print: () => {} });
      const assembly = await toolkit.synth();
      try {
        for (const s of schools) {
          const stack = assembly.cloudAssembly.getStackByName(`Klassny-${s.schoolId}`);
          const template = stack.template as { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>; Outputs: Record<string, { Value: unknown }> };
          expect(stack.tags).toMatchObject({ 'klassny:release': 'v9.9.9' });
          expect(template.Outputs.Release!.Value).toBe('v9.9.9');
          const resources = Object.values(template.Resources);
          expect(resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length).toBeGreaterThanOrEqual(10);
          expect(resources.find((r) => r.Type === 'AWS::SNS::Subscription')?.Properties?.Endpoint).toBe(s.operationsEmail);
          expect(resources.find((r) => r.Type === 'AWS::Cognito::UserPool')?.Properties?.UserPoolName).toBe(`klassny-${s.schoolId}`);
        }
        expect(existsSync(path.join(out, 'Klassny-ekb-lyceum-3.template.json'))).toBe(true);
      } finally {
        await assembly.dispose();
      }
    },
    SYNTH_TIMEOUT,
  );
});
