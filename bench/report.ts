/**
 * The run's results: the JSON file (bench/results/latest.json) and the Markdown table written
 * into docs/benchmarks.md between `<!-- bench:start -->` and `<!-- bench:end -->` (the prose
 * around the markers is left as it is).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { describeCalls, type CallCounts } from './calls.ts';
import type { LatencySummary } from './stats.ts';
import type { ScenarioId } from './scenarios.ts';
import { renderBrowser, type BrowserResult } from './browser.ts';
import { renderBundles, type BundleResult } from './bundles.ts';
import { renderDigest, type DigestResult } from './digest.ts';
import { renderControl, type ControlResult } from './control.ts';

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';
/** The target of the API's overhead over the floor, at p50. */
export const OVERHEAD_TARGET = 1.5;
/** The target of a Lambda bundle's import in a fresh process, in ms. */
export const IMPORT_TARGET = 100;

/** Per kind of scenario: warm-up requests, and iterations by concurrency. */
export type Plan = {
  reads: { warmup: number; iterations: Record<string, number> };
  save: { warmup: number; iterations: Record<string, number> };
  maxSecondsPerSeries: number;
  blocks: string;
};

export type Machine = {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  commit?: string;
  date: string;
  /** 1-minute load average when the run began and when it ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
};

export type SideResult = LatencySummary & { calls: CallCounts };

export type RunResult = {
  concurrency: number;
  api: SideResult;
  floor: SideResult;
  /** API ÷ floor for latencies; floor ÷ API for throughput (how many times the floor's rate is the API's). */
  ratio: { p50: number; p95: number; p99: number; mean: number; throughput: number };
};

export type ScenarioResult = {
  id: ScenarioId;
  title: string;
  request: string;
  as: string;
  /** What was read or written, in words (class, subject, period, week, fresh lessons). */
  subject: string;
  expectedCalls: CallCounts;
  /** Calls of one request after warm-up (caches warm). */
  warmCalls: CallCounts;
  floorWarmCalls: CallCounts;
  responseBytes: number;
  /** Items the page's queries return, and their read capacity units (as DynamoDB would charge them). */
  floorItems: number;
  readCapacity: number;
  /** Items of the save's TransactWriteItems. */
  transactionItems?: number;
  runs: RunResult[];
  met: { overhead: boolean; calls: boolean };
};

export type BenchResult = {
  format: 1;
  machine: Machine;
  school: { kind: string; seedVersion: string; seededOn: string; reused: boolean; seedSeconds: number; items: Record<string, number> };
  plan: Plan;
  scenarios: ScenarioResult[];
  /** The Lambdas as deployed: size and import time (bundles.ts). */
  bundles?: BundleResult[];
  /** The journal page in Chromium (browser.ts). */
  browser?: BrowserResult;
  /** The evening digest for the whole school (digest.ts). */
  digest?: DigestResult;
  /** The control checks on the whole school (control.ts). */
  control?: ControlResult;
  durationSeconds: number;
};

export function machineInfo(root: string, loadAtStart: number): Machine {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined;
  }
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    commit,
    date: new Date().toISOString(),
    loadAverage: { start: Math.round(loadAtStart * 100) / 100, end: Math.round(loadavg()[0]! * 100) / 100 },
  };
}

export async function writeJson(path: string, result: BenchResult): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(result, null, 2) + '\n');
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '—');
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
const rate = (v: number) => (Number.isFinite(v) ? v.toFixed(v >= 100 ? 0 : 1) : '—');
const kb = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);

function sameCalls(a: CallCounts, b: CallCounts): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}
export { sameCalls };

function planText(p: Plan['reads']): string {
  return `${p.warmup} warm-up requests, then ${Object.entries(p.iterations)
    .map(([c, n]) => `${n} at concurrency ${c}`)
    .join(' and ')}`;
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const items = r.school.items;
  const size = [
    items.SchoolClass !== undefined ? `${items.SchoolClass} classes` : undefined,
    items.RosterEntry !== undefined ? `${items.RosterEntry} roster lines` : undefined,
    items.Person !== undefined ? `${items.Person} persons` : undefined,
    items.Lesson !== undefined ? `${items.Lesson} lessons` : undefined,
    items.Mark !== undefined ? `${items.Mark} marks` : undefined,
    items.Attendance !== undefined ? `${items.Attendance} attendance records` : undefined,
  ].filter(Boolean);
  const lines: string[] = [];
  lines.push(
    `Run of ${m.date.slice(0, 16).replace('T', ' ')} UTC on ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}` +
      `${m.commit ? `, commit \`${m.commit}\`` : ''}; ${r.durationSeconds.toFixed(0)} s in all; ` +
      `load average ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end${m.loadAverage.start > m.cores / 2 ? ' (**the machine was busy with other work**)' : ''}.`,
    '',
    `Data: the **${r.school.kind} school** seeded on ${r.school.seededOn}, the school's date (seed version \`${r.school.seedVersion}\`)${size.length ? `: ${size.join(', ')}` : ''}.`,
    `Plan, per scenario and side: reads ${planText(r.plan.reads)}; saves ${planText(r.plan.save)}; ` +
      `each series also bounded to ${r.plan.maxSecondsPerSeries} s; blocks ${r.plan.blocks}.`,
    '',
    '| operation | c | n | API p50 / p95 / p99, ms | floor p50 / p95 / p99, ms | API ÷ floor p50 / p95 / p99 | req/s API / floor | DB calls per request: warm (mean over the run) | floor calls |',
    '|---|---:|---:|---|---|---|---|---|---|',
  );
  for (const s of r.scenarios) {
    s.runs.forEach((run, k) => {
      const read = `${s.floorItems} items read (${Number.isFinite(s.readCapacity) ? `${s.readCapacity} RCU` : 'RCU unknown'})`;
      const written = s.transactionItems ? `, ${s.transactionItems} items written` : '';
      const label = k === 0 ? `**${s.title}** — ${s.subject}; ${read}${written}; answer ${kb(s.responseBytes)}` : '';
      const calls = k === 0 ? describeCalls(s.warmCalls) : '';
      const mean = describeCalls(run.api.calls);
      lines.push(
        `| ${label} | ${run.concurrency} | ${run.api.n} | ${ms(run.api.p50)} / ${ms(run.api.p95)} / ${ms(run.api.p99)} | ` +
          `${ms(run.floor.p50)} / ${ms(run.floor.p95)} / ${ms(run.floor.p99)} | ${x(run.ratio.p50)} / ${x(run.ratio.p95)} / ${x(run.ratio.p99)} | ` +
          `${rate(run.api.throughput)} / ${rate(run.floor.throughput)} | ${calls}${calls ? ' ' : ''}(${mean}) | ${k === 0 ? describeCalls(s.floorWarmCalls) : ''} |`,
      );
    });
  }
  const errors = r.scenarios.flatMap((s) => s.runs.flatMap((run) => (run.api.errors || run.floor.errors ? [`${s.id} c=${run.concurrency}: ${run.api.errors} API / ${run.floor.errors} floor`] : [])));
  lines.push('', `Targets (reported, not enforced):`, '');
  for (const s of r.scenarios) {
    const c1 = s.runs.find((run) => run.concurrency === 1) ?? s.runs[0];
    lines.push(
      `- ${s.title}: overhead at p50 (c = 1) ${x(c1?.ratio.p50 ?? Number.NaN)} — ${s.met.overhead ? 'within' : '**over**'} ${OVERHEAD_TARGET}×; ` +
        `calls ${describeCalls(s.warmCalls)} — ${s.met.calls ? 'as' : '**not as**'} in the access-pattern table (${describeCalls(s.expectedCalls)}).`,
    );
  }
  if (errors.length) lines.push('', `Failed requests: ${errors.join('; ')}.`);
  if (r.browser) lines.push('', '#### The journal page in Chromium', '', renderBrowser(r.browser));
  if (r.digest) lines.push('', '#### The evening digest for the whole school', '', renderDigest(r.digest));
  if (r.control) lines.push('', '#### The control checks for the whole school', '', renderControl(r.control));
  if (r.bundles?.length) lines.push('', '#### The Lambdas as deployed', '', renderBundles(r.bundles, IMPORT_TARGET));
  return lines.join('\n');
}

const DEFAULT_DOC = `# Benchmarks

Written by \`npm run bench\`.

${START_MARKER}
${END_MARKER}
`;

/** Replaces what is between the markers (creating the file with them if need be). */
export async function updateDoc(path: string, table: string): Promise<void> {
  const doc = await readFile(path, 'utf8').catch(() => DEFAULT_DOC);
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error(`${path} lacks the markers ${START_MARKER} … ${END_MARKER}`);
  const next = `${doc.slice(0, start + START_MARKER.length)}\n${table}\n${doc.slice(end)}`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, next);
}
