/**
 * The Lambdas as they would be deployed: each entry bundled with the stack's own options
 * (infra/lib/bundling.ts), its size, and how long a fresh Node process takes to import it —
 * the part of a cold start that is ours (Lambda's own start and the network come on top).
 *
 * Each import runs in its own process, several times, and the median is kept; nothing is
 * called, so no stand-in is needed (the module-scope clients are created, not used).
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { areasOf } from '#shared/api/operations.ts';
import { functionEnvNames } from '#shared/config/function-env.ts';
import { scheduleEntry, schedules } from '#functions/scheduled/schedules.ts';
import { LAMBDA_BUNDLING } from '#infra/lib/bundling.ts';
import { quantile } from './stats.ts';

const run = promisify(execFile);

export type BundleResult = { name: string; entry: string; bytes: number; gzipBytes: number; importMs: number; importRuns: number };

/** Every function of the stack: an HTTP area each, and each scheduled job. */
export function lambdaEntries(): { name: string; entry: string }[] {
  return [
    ...areasOf().map((area) => ({ name: `HTTP area «${area}»`, entry: `functions/http/areas/${area}.ts` })),
    ...schedules.map((s) => ({ name: `scheduled «${s.name}»`, entry: scheduleEntry(s.name) })),
  ];
}

/** A value for every variable the functions read (never used to call anything here). */
function functionEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
  for (const name of functionEnvNames) env[name] = name === 'LOG_LEVEL' ? 'warn' : name === 'SCHOOL_TIME_ZONE' ? 'Europe/Moscow' : `bench-${name.toLowerCase()}`;
  return env;
}

const IMPORT_PROBE = "const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));";

export async function measureBundles(root: string, runs = 7): Promise<BundleResult[]> {
  const dir = join(root, '.tmp', 'bench-bundles');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const env = functionEnvironment();
  const results: BundleResult[] = [];
  for (const { name, entry } of lambdaEntries()) {
    const outfile = join(dir, `${entry.replace(/[/.]/g, '-')}.mjs`);
    await build({
      ...LAMBDA_BUNDLING,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      banner: { js: LAMBDA_BUNDLING.banner },
      alias: { ...LAMBDA_BUNDLING.alias },
      entryPoints: [join(root, entry)],
      bundle: true,
      outfile,
      tsconfig: join(root, 'tsconfig.json'),
      absWorkingDir: root,
      logLevel: 'error',
    });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', IMPORT_PROBE, outfile], { env, cwd: dir });
      times.push(Number(stdout));
    }
    results.push({
      name,
      entry,
      bytes: (await stat(outfile)).size,
      gzipBytes: gzipSync(readFileSync(outfile)).byteLength,
      importMs: Math.round(quantile(times, 0.5) * 10) / 10,
      importRuns: runs,
    });
  }
  return results;
}

export function renderBundles(results: BundleResult[], target: number): string {
  const kb = (b: number) => `${Math.round(b / 1024)} kB`;
  return [
    `| function | bundle (minified) | gzip | import in a fresh Node process, median of ${results[0]?.importRuns ?? 0} |`,
    '|---|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} (\`${r.entry}\`) | ${kb(r.bytes)} | ${kb(r.gzipBytes)} | ${r.importMs} ms${r.importMs > target ? ' (**over**)' : ''} |`),
    '',
    `Target (reported, not enforced): an import within ${target} ms.`,
  ].join('\n');
}
