/**
 * The smoke test from the command line:
 *
 *   npm run smoke -- --outputs cdk-outputs.json        every stack in the file `cdk deploy --outputs-file` wrote
 *   npm run smoke -- --url http://127.0.0.1:3000       any running stack (the local one: TLS checks skipped)
 *
 * Options: --api-url <url> (with --url: also check the API's stage URL), --expect-version <release>
 * (/api/health must answer it; with --outputs each stack's Release output is expected unless this
 * is given), --timeout <ms> per check (default 10000), --json (the reports instead of tables).
 * Exit 0 when every check passed or was skipped, 1 when any failed, 2 for wrong arguments.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport } from './report-table.ts';
import { runSmoke, type SmokeReport } from './run-smoke.ts';
import { readOutputs, SmokeInputError, targetFromUrl, type OutputsEntry } from './targets.ts';

const USAGE = 'usage: npm run smoke -- (--outputs <cdk-outputs.json> | --url <site url> [--api-url <url>]) [--expect-version <v>] [--timeout <ms>] [--json]';
/** Schools checked at once with --outputs: enough to be quick for a fleet, few enough to stay polite. */
const PARALLEL_TARGETS = 4;

function parse(argv: string[]): { entries: OutputsEntry[]; expectVersion?: string; timeoutMs?: number; json: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        'api-url': { type: 'string' },
        outputs: { type: 'string' },
        'expect-version': { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new SmokeInputError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.url !== undefined && values.outputs !== undefined) throw new SmokeInputError('give --url or --outputs, not both');
  if (values['api-url'] !== undefined && values.url === undefined) throw new SmokeInputError('--api-url goes with --url (with --outputs, ApiUrl comes from the file)');
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new SmokeInputError(`--timeout wants milliseconds, not ${JSON.stringify(values.timeout)}`);
  }
  let entries: OutputsEntry[];
  if (values.outputs !== undefined) entries = readOutputs(readJson(values.outputs), values.outputs);
  else if (values.url !== undefined) entries = [{ target: targetFromUrl(values.url, values['api-url']) }];
  else throw new SmokeInputError('nothing to check: give --outputs <file> or --url <url>');
  return { entries, ...(values['expect-version'] ? { expectVersion: values['expect-version'] } : {}), ...(timeoutMs ? { timeoutMs } : {}), json: values.json ?? false };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SmokeInputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SmokeInputError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SmokeInputError)) throw error;
    process.stderr.write(`smoke: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const reports: SmokeReport[] = new Array(args.entries.length);
  let next = 0;
  const worker = async () => {
    while (next < args.entries.length) {
      const index = next++;
      const { target, release } = args.entries[index]!;
      const expectVersion = args.expectVersion ?? release;
      reports[index] = await runSmoke(target, { ...(args.timeoutMs ? { timeoutMs: args.timeoutMs } : {}), ...(expectVersion ? { expectVersion } : {}) });
      if (!args.json) process.stdout.write(`${formatReport(reports[index])}\n\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_TARGETS, args.entries.length) }, worker));
  const failed = reports.filter((r) => !r.ok);
  if (args.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  else if (reports.length > 1) process.stdout.write(`${reports.length - failed.length} of ${reports.length} stacks ok${failed.length ? `; failed: ${failed.map((r) => r.target.name).join(', ')}` : ''}\n`);
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
