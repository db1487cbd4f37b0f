#!/usr/bin/env node
/**
 * `npm run fleet -- <list|synth|diff|deploy> [options]`: every school's stack from
 * `infra/schools/*.json` (docs/deploy.md, "A fleet of schools").
 *
 *   --dir <folder>         school files (default infra/schools)
 *   --wave <name>          one wave only (pilot, main, …)
 *   --school <id>[,<id>]   named schools only
 *   --concurrency <n>      schools of a wave deployed side by side (default 2)
 *   --release <name>       the release to stamp (default: from git, release.ts)
 *   --out <folder>         the cloud assembly (default cdk.out)
 *   --outputs-file <file>  deploy: the stacks' outputs, as `cdk deploy --outputs-file` (default cdk-outputs.json)
 *   --no-smoke             deploy: skip the smoke test after each school
 *   --allow-dirty          deploy: allow a release with uncommitted changes
 *   --verbose              the toolkit's progress lines
 *
 * Every school file is validated first; any problem stops the command before anything is
 * synthesized or deployed. list and synth work offline; diff and deploy need AWS credentials.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../lib/paths.ts';
import { isDirtyRelease, resolveRelease } from '../lib/release.ts';
import { stackNameOf } from '../lib/stack-name.ts';
import { deployAndCheck } from './deploy-school.ts';
import { runWaves, type SchoolRow } from './run-waves.ts';
import { FleetConfigError, loadSchoolFiles } from './school-files.ts';
import { formatTable } from './table.ts';
import type { FleetToolkit } from './toolkit.ts';
import { selectSchools, wavesOf } from './waves.ts';

const COMMANDS = ['list', 'synth', 'diff', 'deploy'] as const;
type Command = (typeof COMMANDS)[number];

const say = (line = '') => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string', default: path.join(repoRoot, 'infra', 'schools') },
      wave: { type: 'string' },
      school: { type: 'string', multiple: true },
      concurrency: { type: 'string', default: '2' },
      release: { type: 'string' },
      out: { type: 'string', default: path.join(repoRoot, 'cdk.out') },
      'outputs-file': { type: 'string', default: 'cdk-outputs.json' },
      'no-smoke': { type: 'boolean', default: false },
      'allow-dirty': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0] as Command | undefined;
  if (!command || !COMMANDS.includes(command) || positionals.length > 1) {
    note(`usage: npm run fleet -- <${COMMANDS.join('|')}> [--wave <name>] [--school <id>] [--concurrency <n>] … (see infra/fleet/main.ts)`);
    return 2;
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10) {
    note(`--concurrency must be a whole number from 1 to 10, not "${values.concurrency}"`);
    return 2;
  }

  const all = loadSchoolFiles(path.resolve(values.dir));
  let selected: ReturnType<typeof selectSchools>;
  try {
    selected = selectSchools(all, {
      ...(values.wave ? { wave: values.wave } : {}),
      ...(values.school ? { schools: values.school.flatMap((s) => s.split(',')).filter(Boolean) } : {}),
    });
  } catch (error) {
    note(`fleet: ${(error as Error).message}`);
    return 2;
  }
  const waves = wavesOf(selected);

  if (command === 'list') {
    say(
      formatTable(
        ['wave', 'school', 'stack', 'name', 'time zone', 'cognito plan', 'operations e-mail', 'site'],
        waves.flatMap((w) =>
          w.schools.map((s) => [w.name, s.schoolId, stackNameOf(s.schoolId), s.schoolName, s.timeZone, s.deployment.cognitoPlan, s.operationsEmail, s.deployment.domainName ?? '(CloudFront address)']),
        ),
      ),
    );
    say(`\n${selected.length} school(s) in ${waves.length} wave(s): ${waves.map((w) => `${w.name} (${w.schools.length})`).join(', then ')}`);
    return 0;
  }

  const release = resolveRelease(values.release);
  if (command === 'deploy' && isDirtyRelease(release) && !values['allow-dirty']) {
    note(`The working tree has uncommitted changes (release ${release}): commit them, or pass --allow-dirty to deploy them anyway.`);
    return 2;
  }
  const ordered = waves.flatMap((w) => w.schools);
  // The toolkit (and aws-cdk-lib) load only for commands that synthesize: `list` answers at once.
  const { FleetToolkit } = await import('./toolkit.ts');
  const toolkit = new FleetToolkit(ordered, { release, outdir: path.resolve(values.out), online: command !== 'synth', verbose: values.verbose });

  // Every stack is synthesized (and checked by cdk-nag) before anything reaches AWS.
  const started = Date.now();
  note(`Synthesizing ${ordered.length} stack(s) of release ${release} into ${path.relative(repoRoot, path.resolve(values.out)) || values.out} …`);
  const assembly = await toolkit.synth();
  const synthSeconds = (Date.now() - started) / 1000;

  if (command === 'synth') {
    say(
      formatTable(
        ['wave', 'school', 'stack', 'release', 'resources', 'alarms', 'template'],
        ordered.map((s) => {
          const artifact = assembly.cloudAssembly.getStackByName(stackNameOf(s.schoolId));
          const resources = Object.values((artifact.template as { Resources: Record<string, { Type: string }> }).Resources);
          const bytes = JSON.stringify(artifact.template).length;
          return [s.wave, s.schoolId, artifact.stackName, release, String(resources.length), String(resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm').length), `${Math.round(bytes / 1024)} kB`];
        }),
      ),
    );
    say(`\nSynthesized ${ordered.length} stack(s) in ${synthSeconds.toFixed(1)} s: ${assembly.cloudAssembly.directory}`);
    await toolkit.dispose();
    return 0;
  }

  if (command === 'diff') {
    const rows = await runWaves(waves, {
      concurrency,
      stopOnFailure: false,
      step: async (school) => {
        const { changes, replacements } = await withCredentialsHint(() => toolkit.diff(school));
        if (replacements.length > 0) throw new Error(`would REPLACE ${replacements.join(', ')}: stop, see docs/deploy.md "Updates"`);
        return { detail: changes === 0 ? 'no changes' : `${changes} change(s)`, version: release };
      },
    });
    await toolkit.dispose();
    printSummary(rows, 'diff');
    return rows.every((r) => r.result === 'ok') ? 0 : 1;
  }

  const outputs: Record<string, Record<string, string>> = {};
  const rows = await runWaves(waves, {
    concurrency,
    step: async (school) =>
      deployAndCheck(school, {
        release,
        outputs,
        deploy: (s) => withCredentialsHint(() => toolkit.deploy(s)),
        ...(values['no-smoke'] ? {} : { smoke: async (target, expectVersion) => (await import('../smoke/run-smoke.ts')).runSmoke(target, { expectVersion }) }),
      }),
  });
  await toolkit.dispose();
  const outputsFile = path.resolve(values['outputs-file']);
  writeFileSync(outputsFile, `${JSON.stringify(outputs, null, 2)}\n`);
  printSummary(rows, 'deploy');
  say(`Outputs of the deployed stacks: ${path.relative(process.cwd(), outputsFile)}`);
  return rows.every((r) => r.result === 'ok') ? 0 : 1;
}

/** diff and deploy talk to AWS: without credentials the toolkit's own words are made plain. */
async function withCredentialsHint<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (/Unable to resolve AWS account|credentials|ExpiredToken|security token/i.test(message)) {
      throw new Error(`needs AWS credentials for the school's account (AWS_PROFILE, SSO or AWS_* variables): ${message}`);
    }
    throw error;
  }
}

function printSummary(rows: readonly SchoolRow[], what: string): void {
  say();
  say(
    formatTable(
      ['school', 'stack', 'wave', 'version deployed', 'result', 'time', 'detail'],
      rows.map((r) => [r.school, r.stack, r.wave, r.version || '—', r.result, r.result === 'skipped' ? '—' : `${r.seconds.toFixed(0)} s`, r.detail]),
    ),
  );
  const counts = (['ok', 'failed', 'skipped'] as const).map((k) => `${rows.filter((r) => r.result === k).length} ${k}`);
  say(`\n${what}: ${counts.join(', ')}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof FleetConfigError) note(error.message);
    else note(`fleet: ${(error as Error).message ?? String(error)}`);
    process.exit(error instanceof FleetConfigError ? 2 : 1);
  },
);
