/**
 * The control checks on the whole demo school (issue 11): each check run once for its period —
 * the quarter's справка first — timed, with its DynamoDB calls, the items and read capacity they
 * consumed (ReturnConsumedCapacity, which the local engine reports as DynamoDB would) and the
 * process's memory growth, from which docs/reports.md derives the cost of a run in AWS. A second
 * run of each is measured too: it must send nothing and cost one read.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { controlReportKey } from '#functions/data/control-report-repository.ts';
import { tableName } from '#functions/data/table.ts';
import type { ControlCheck } from '#shared/api/control.ts';
import { logger } from '#functions/lib/logger.ts';
import { runCheck } from '#functions/reports/control-checks.ts';
import type { CallCounter, CallCounts } from './calls.ts';

export type ControlRun = { check: ControlCheck; periodKey: string; ms: number; calls: CallCounts; items: number; rcu: number; heapMb: number; rssMb: number; mails: number; files: number; againMs: number; againCalls: number };
/** The quarter's справка as `npm run job` runs it: its own process beside the stack's, as a Lambda beside DynamoDB. */
export type JobRun = { check: ControlCheck; seconds: number; checkSeconds: number; maxRssMb: number; output: string };
export type ControlResult = { at: string; runs: ControlRun[]; job?: JobRun };

type Meter = { reset(): void; items: number; rcu: number };

/** Asks every read for its consumed capacity and sums it (and the items returned). */
function meterCapacity(client: DynamoDBDocumentClient): Meter {
  const meter: Meter = { items: 0, rcu: 0, reset: () => { meter.items = 0; meter.rcu = 0; } };
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const out = await next(args);
      const o = out.output as { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]>; ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
      meter.items += o.Items?.length ?? (o.Item ? 1 : 0) + Object.values(o.Responses ?? {}).reduce((n, r) => n + r.length, 0);
      for (const c of ([] as { CapacityUnits?: number }[]).concat(o.ConsumedCapacity ?? [])) meter.rcu += c.CapacityUnits ?? 0;
      return out;
    },
    { step: 'initialize', name: 'klassnyBenchCapacityMeter' },
  );
  return meter;
}

/** `now` is chosen after the first quarter's final-marks deadline, so the справка covers a whole quarter. */
export async function measureControl(client: DynamoDBDocumentClient, counter: CallCounter, at: Date, port: number, root: string, say: (line: string) => void): Promise<ControlResult> {
  const meter = meterCapacity(client);
  // Leftovers of an earlier run on the same data: each check reports afresh.
  const forget = (check: string, key: string) => client.send(new DeleteCommand({ TableName: tableName(), Key: controlReportKey(check, key) }));
  for (const [check, key] of [['period-control', '2026-2027-q1'], ['final-marks-check', '2026-2027-q1'], ['monthly-operator-control', '2026-10'], ['daily-fill-check', '2026-11-30'], ['class-data-review', '2026-11']] as const) await forget(check, key);
  const log = logger.child({ bench: 'control' });
  const runs: ControlRun[] = [];
  for (const check of ['period-control', 'final-marks-check', 'monthly-operator-control', 'daily-fill-check', 'class-data-review'] as const) {
    counter.reset();
    meter.reset();
    global.gc?.();
    const heap0 = process.memoryUsage();
    let peakHeap = heap0.heapUsed;
    let peakRss = heap0.rss;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    }, 20);
    const t = Date.now();
    const run = await runCheck(check, at, log);
    const ms = Date.now() - t;
    clearInterval(sampler);
    const calls = counter.snapshot();
    const { items, rcu } = meter;
    counter.reset();
    const t2 = Date.now();
    await runCheck(check, at, log);
    const againMs = Date.now() - t2;
    const againCalls = counter.total();
    if (!run.report) { say(`control: ${check} — ${run.reason}`); continue; }
    runs.push({
      check,
      periodKey: run.report.periodKey,
      ms,
      calls,
      items,
      rcu: Math.round(rcu * 10) / 10,
      heapMb: Math.round((peakHeap - heap0.heapUsed) / 1e6),
      rssMb: Math.round(peakRss / 1e6),
      mails: run.created ? run.report.mailed.reduce((n, w) => n + Number(/× (\d+)$/.exec(w)?.[1] ?? 1), 0) : 0,
      files: run.report.files.length,
      againMs,
      againCalls,
    });
    say(`control: ${check} ${run.report.periodKey} ${(ms / 1000).toFixed(1)} s, ${items} items, ${Math.round(rcu)} RCU, peak RSS ${Math.round(peakRss / 1e6)} MB; again ${againMs} ms`);
  }
  // Then the quarter's справка once more as `npm run job` runs it, in its own process: the report
  // made above is set aside first, so the job does the whole work again.
  await forget('period-control', runs.find((r) => r.check === 'period-control')?.periodKey ?? '2026-2027-q1');
  let job: JobRun | undefined;
  try {
    // Today's clock: the first quarter is the last period ended, so the job makes the same справка.
    const out = await promisify(execFile)('/usr/bin/time', ['-f', 'KLASSNY_TIME %e %M', 'npx', 'tsx', 'infra/local/run-job.ts', 'period-control'], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' } });
    const [, seconds, kb] = /KLASSNY_TIME ([\d.]+) (\d+)/.exec(out.stderr) ?? [];
    const output = out.stdout.trim().split('\n').pop() ?? '';
    job = { check: 'period-control', seconds: Number(seconds), checkSeconds: Number(/"seconds":([\d.]+)/.exec(output)?.[1] ?? Number.NaN), maxRssMb: Math.round(Number(kb) / 1024), output };
    say(`control: npm run job -- period-control ${job.seconds} s (the check ${job.checkSeconds} s), max RSS ${job.maxRssMb} MB: ${job.output}`);
  } catch (error) {
    say(`control: npm run job -- period-control could not be timed: ${String(error)}`);
  }
  return { at: at.toISOString(), runs, ...(job ? { job } : {}) };
}

export function renderControl(c: ControlResult): string {
  const calls = (x: CallCounts) => Object.entries(x).map(([k, v]) => `${v} ${k}`).join(' + ');
  return [
    ...(c.job
      ? [`The quarter's справка as \`npm run job -- period-control\` runs it (its own process beside the stack's, like a Lambda beside DynamoDB): **the check ${c.job.checkSeconds} s**, ${c.job.seconds} s with starting tsx; **${c.job.maxRssMb} MB** at most (target: 10 s, 512 MB).`, '', 'Each check in the benchmark\'s process (the local engine in the same process, so slower), with what it read:', '']
      : []),
    `Run at ${c.at} (the first quarter ended 23.10, its final marks were due 24.10).`,
    '',
    '| check | period | time | DynamoDB calls | items read | read capacity | heap growth | e-mails | a second run |',
    '|---|---|---|---|---|---|---|---|---|',
    ...c.runs.map((r) => `| ${r.check} | ${r.periodKey} | **${(r.ms / 1000).toFixed(1)} s** | ${calls(r.calls)} | ${r.items} | ${r.rcu} RCU | +${r.heapMb} MB | ${r.mails} | ${r.againMs} ms, ${r.againCalls} calls, nothing sent |`),
  ].join('\n');
}
