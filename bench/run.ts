/**
 * `npm run bench` — the journal's and the diary's pages and the journal's writes through the
 * real HTTP API of the embedded stack, against the floor of the same DynamoDB requests sent
 * directly (floor.ts); the Lambdas as deployed (bundles.ts); the journal page in Chromium
 * (browser.ts).
 *
 *   npm run bench                       the demo school (seeded once into .tmp/bench-data/)
 *   npm run bench -- --school fixture   the small fixture school of the integration tests
 *   options: --fresh (reseed), --quick (a smoke run: few iterations), --only journal,diary,save,bundles,browser,…,
 *            --max-seconds 20 (per series and side), --no-docs (leave docs/benchmarks.md alone),
 *            --out <file> (default bench/results/latest.json; .tmp/bench-partial.json for
 *            --quick or --only, which also leave docs/benchmarks.md alone)
 *
 * Everything runs in this process and talks only to 127.0.0.1.
 */
import '#infra/local/quiet-sdk.ts';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { countCalls, perOperation, type CallCounter, type CallCounts } from './calls.ts';
import { joinSeries, runSeries, type Series } from './load.ts';
import { machineInfo, OVERHEAD_TARGET, renderMarkdown, sameCalls, updateDoc, writeJson, type BenchResult, type Plan, type ScenarioResult, type SideResult } from './report.ts';
import { buildScenarios, discoverTargets, perSideBudget, type ApiCall, type Scenario, type ScenarioId, type Targets } from './scenarios.ts';
import { measureDigest, type DigestResult } from './digest.ts';
import { measureControl, type ControlResult } from './control.ts';
import { attachWeekHomeworkFiles } from './family-data.ts';
import { measureBrowser, type BrowserResult } from './browser.ts';
import { measureBundles } from './bundles.ts';
import { localDocumentClient, root, schoolToday, startBenchStack, type SchoolKind } from './stack.ts';
import { ratio, rounded, summarize } from './stats.ts';

// The functions' access log is one line per request: kept out of the measurement's output.
process.env.LOG_LEVEL ??= 'warn';

const say = (line: string) => process.stdout.write(line + '\n');

const { values: args } = parseArgs({
  options: {
    school: { type: 'string', default: 'demo' },
    fresh: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'max-seconds': { type: 'string' },
    'no-docs': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const school = args.school as SchoolKind;
if (school !== 'demo' && school !== 'fixture') throw new Error(`--school is demo or fixture, not ${args.school}`);
const CONCURRENCY = [1, 16] as const;
const BLOCKS = 'floor, API, API, floor, … — of 10 requests at concurrency 1, of half the series at 16';
const plan: Plan = args.quick
  ? { reads: { warmup: 5, iterations: { 1: 20, 16: 40 } }, save: { warmup: 2, iterations: { 1: 10, 16: 20 } }, maxSecondsPerSeries: 5, blocks: BLOCKS }
  : {
      reads: { warmup: 20, iterations: { 1: 200, 16: 400 } },
      save: { warmup: 5, iterations: { 1: 100, 16: 200 } },
      maxSecondsPerSeries: Number(args['max-seconds'] ?? 20),
      blocks: BLOCKS,
    };
const only = args.only ? new Set(args.only.split(',') as (ScenarioId | 'bundles' | 'browser' | 'digest' | 'control')[]) : undefined;
// A partial run (quick, or some scenarios) keeps the recorded results and this page as they are.
const partial = args.quick || only !== undefined;
const outPath = args.out ?? (partial ? '.tmp/bench-partial.json' : 'bench/results/latest.json');

async function main() {
  const started = Date.now();
  const loadAtStart = loadavg()[0]!;
  if (loadAtStart > cpus().length / 2) say(`Note: load average ${loadAtStart.toFixed(2)} on ${cpus().length} cores — other work will skew the figures.`);
  // The bundles first, before the stack and its seed load the machine.
  const bundles = !only || only.has('bundles') ? await measureBundles(root) : undefined;
  for (const b of bundles ?? []) say(`bundle ${b.entry}: ${Math.round(b.bytes / 1024)} kB, import ${b.importMs} ms`);
  const bench = await startBenchStack({ school, fresh: args.fresh, say });
  const apiCounter = countCalls(documentClient);
  const floorClient = localDocumentClient(bench.dynamoEndpoint);
  const setupClient = localDocumentClient(bench.dynamoEndpoint);
  const floorCounter = countCalls(floorClient);
  try {
    say(`Stack on 127.0.0.1:${bench.port}, ${school} school (seed ${bench.seed.seedVersion}, ${bench.seed.reused ? 'reused' : 'new'}).`);
    const targets = await discoverTargets(setupClient, bench.logins, { seededOn: bench.seed.seededOn, today: schoolToday() });
    say(describeTargets(targets));
    // The diary is measured with homework files in its week (issue 10).
    const attached = await attachWeekHomeworkFiles(setupClient, targets.student.classId, targets.week);
    say(`Homework files: ${attached} lessons of the diary's week carry one.`);
    const tokens = { teacher: await bench.signIn(bench.logins.teacher), parent: await bench.signIn(bench.logins.parent) };
    const scenarios = buildScenarios({ targets, tokens, floorClient, setupClient }).filter((s) => !only || only.has(s.id));

    const results: ScenarioResult[] = [];
    // Reads first, the writes last: their writes then cannot change what the reads read.
    const reads = scenarios.filter((s) => !s.prepare);
    const writes = scenarios.filter((s) => s.prepare);
    for (const s of reads) results.push(await measure(s, targets, bench.port, apiCounter, floorCounter));

    // The browser between them: it reads the journal (its routes answer the writes themselves),
    // and the engine's background work after hundreds of saves would slow the page it draws.
    let browser: BrowserResult | undefined;
    if (!only || only.has('browser')) {
      browser = await measureBrowser(root, { port: bench.port, login: bench.logins.teacher, journal: { groupId: targets.journal.groupId, subjectId: targets.journal.subjectId, periodId: targets.period.id } }, say);
      say(`browser: ${browser.large.students}×${browser.large.lessons} drawn ${browser.large.dataToFirstScreen.p50} ms (every row ${browser.large.dataToComplete.p50}), keystroke ${browser.keystroke.p50} ms at p50`);
    }

    // The digest before the writes: their saves would leave hundreds of change events of their own
    // (a lesson's marks saved 600 times), and the digest measures one school day. It gives every
    // parent an account and writes a day of notifications (the data of later runs keeps them).
    let digest: DigestResult | undefined;
    if (!only || only.has('digest')) {
      const outboxCount = async () => ((await (await fetch(`http://127.0.0.1:${bench.port}/outbox/messages.json`)).json()) as unknown[]).length;
      digest = await measureDigest(setupClient, apiCounter, targets.week.monday, outboxCount, say);
    }

    // The control checks read the whole school's quarter: after the digest, before the writes.
    let control: ControlResult | undefined;
    if (!only || only.has('control')) control = await measureControl(documentClient, apiCounter, new Date('2026-11-30T07:00:00Z'), bench.port, root, say);

    for (const s of writes) results.push(await measure(s, targets, bench.port, apiCounter, floorCounter));


    const order: ScenarioId[] = ['journal', 'diary', 'marks', 'save', 'attendance', 'lesson'];
    results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    const result: BenchResult = {
      format: 1,
      machine: machineInfo(root, loadAtStart),
      school: {
        kind: school,
        seedVersion: bench.seed.seedVersion,
        seededOn: bench.seed.seededOn,
        reused: bench.seed.reused,
        seedSeconds: bench.seed.seedSeconds,
        items: bench.seed.items,
      },
      plan,
      scenarios: results,
      ...(bundles ? { bundles } : {}),
      ...(browser ? { browser } : {}),
      ...(digest ? { digest } : {}),
      ...(control ? { control } : {}),
      durationSeconds: Math.round((Date.now() - started) / 1000),
    };
    await writeJson(join(root, outPath), result);
    const table = renderMarkdown(result);
    say('');
    say(table);
    say('');
    say(`Results: ${outPath}`);
    if (!args['no-docs'] && !partial) {
      await updateDoc(join(root, 'docs', 'benchmarks.md'), table);
      say('Table written into docs/benchmarks.md.');
    }
  } finally {
    floorClient.destroy();
    setupClient.destroy();
    await bench.close();
  }
}

function describeTargets(t: Targets): string {
  return [
    `Journal: ${t.journal.className} × ${t.journal.subjectName} (${t.journal.students} roster lines), ${t.period.name} ${t.period.startDate}…${t.period.endDate}, as ${t.teacher.login}.`,
    `Diary: the week of ${t.week.monday}; all marks: ${t.period.name}; of the child of ${t.parent.login} (${t.student.classId}).`,
  ].join('\n');
}

function subjectOf(s: Scenario, t: Targets, note?: string): string {
  switch (s.id) {
    case 'journal':
      return `${t.journal.className}, ${t.journal.subjectName}, ${t.period.name}`;
    case 'diary':
      return `week of ${t.week.monday}`;
    case 'marks':
      return `${t.period.name}`;
    case 'save':
    case 'attendance':
    case 'lesson':
      return `${t.journal.className}, ${t.journal.subjectName} and the teacher's other journals: ${note ?? 'fresh lessons'}`;
  }
}

async function callApi(port: number, call: ApiCall): Promise<ArrayBuffer> {
  const headers: Record<string, string> = { authorization: `Bearer ${call.token}` };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${port}${call.path}`, {
    method: call.method,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${call.method} ${call.path.split('?')[0]} → ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
  return body;
}

/**
 * Iterations per block. At concurrency 1, small blocks (10) interleave the two sides finely, so
 * background work of the engine (LevelDB flushes and compactions after writes) falls on both
 * alike; at 16, two blocks per side, to keep the ramp-up and the tail of each block few.
 */
function blockSize(n: number, concurrency: number): number {
  return concurrency === 1 ? 10 : Math.max(1, Math.ceil(n / 2));
}

function addCounts(into: CallCounts, more: CallCounts) {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
}

async function measure(s: Scenario, t: Targets, port: number, apiCounter: CallCounter, floorCounter: CallCounter): Promise<ScenarioResult> {
  const p = s.prepare ? plan.save : plan.reads;
  const note = s.prepare ? await s.prepare(perSideBudget({ warmup: p.warmup, iterations: Object.values(p.iterations) })) : undefined;
  if (note) say(`${s.id}: ${note}`);
  let nextApi = 0;
  let nextFloor = 0;
  const api = async () => void (await callApi(port, s.api(nextApi++)));
  const floor = async () => void (await s.floor(nextFloor++));

  // Warm-up: the first answer is checked; the caches (access context, reference data) fill.
  const first = await callApi(port, s.api(nextApi++));
  const problem = s.check(JSON.parse(Buffer.from(first).toString('utf8')));
  if (problem) throw new Error(`${s.id}: ${problem}`);
  // The first floor call also learns the page's read capacity (outside the timed series).
  const floorFirst = await s.floor(nextFloor++, { readCapacity: 0 });
  for (let i = 1; i < p.warmup; i++) {
    await api();
    await floor();
  }
  apiCounter.reset();
  await api();
  const warmCalls = apiCounter.snapshot();
  floorCounter.reset();
  await floor();
  const floorWarmCalls = floorCounter.snapshot();

  const runs: ScenarioResult['runs'] = [];
  for (const concurrency of CONCURRENCY) {
    const n = p.iterations[concurrency] ?? 0;
    const maxMs = plan.maxSecondsPerSeries * 1000;
    const size = blockSize(n, concurrency);
    const apiParts: Series[] = [];
    const floorParts: Series[] = [];
    const apiCalls: CallCounts = {};
    const floorCalls: CallCounts = {};
    const done = { api: 0, floor: 0 };
    const spent = { api: 0, floor: 0 };
    const block = async (side: 'api' | 'floor') => {
      const iterations = Math.min(size, n - done[side]);
      if (iterations <= 0 || spent[side] >= maxMs) return;
      const counter = side === 'api' ? apiCounter : floorCounter;
      counter.reset();
      const series = await runSeries({ iterations, concurrency, maxMs: maxMs - spent[side], run: side === 'api' ? api : floor });
      addCounts(side === 'api' ? apiCalls : floorCalls, counter.snapshot());
      (side === 'api' ? apiParts : floorParts).push(series);
      done[side] += series.latencies.length;
      spent[side] = series.latencies.length ? spent[side] + series.wallMs : maxMs;
    };
    // Floor, API, API, floor, … until both sides have run their iterations or their time.
    const more = (side: 'api' | 'floor') => done[side] < n && spent[side] < maxMs;
    while (more('api') || more('floor')) {
      await block('floor');
      await block('api');
      await block('api');
      await block('floor');
    }
    const a = joinSeries(apiParts);
    const f = joinSeries(floorParts);
    for (const [side, series] of [['API', a], ['floor', f]] as const) {
      if (series.errors) process.stderr.write(`${s.id} c=${concurrency} ${side}: ${series.errors} failed, first: ${series.firstError}\n`);
    }
    const apiSummary: SideResult = { ...rounded(summarize(a.latencies, a.wallMs, a.errors)), calls: perOperation(apiCalls, a.latencies.length) };
    const floorSummary: SideResult = { ...rounded(summarize(f.latencies, f.wallMs, f.errors)), calls: perOperation(floorCalls, f.latencies.length) };
    const raw = { a: summarize(a.latencies, a.wallMs), f: summarize(f.latencies, f.wallMs) };
    const run = {
      concurrency,
      api: apiSummary,
      floor: floorSummary,
      ratio: {
        p50: ratio(raw.a.p50, raw.f.p50),
        p95: ratio(raw.a.p95, raw.f.p95),
        p99: ratio(raw.a.p99, raw.f.p99),
        mean: ratio(raw.a.mean, raw.f.mean),
        throughput: ratio(raw.f.throughput, raw.a.throughput),
      },
    };
    runs.push(run);
    say(
      `${s.id.padEnd(7)} c=${String(concurrency).padEnd(2)} API n=${apiSummary.n} p50 ${apiSummary.p50} p95 ${apiSummary.p95} p99 ${apiSummary.p99} ms, ${apiSummary.throughput} req/s` +
        ` | floor p50 ${floorSummary.p50} p95 ${floorSummary.p95} ms, ${floorSummary.throughput} req/s | p50 ×${run.ratio.p50}`,
    );
  }
  const c1 = runs.find((r) => r.concurrency === 1);
  return {
    id: s.id,
    title: s.title,
    request: s.request,
    as: s.as,
    subject: subjectOf(s, t, note),
    expectedCalls: s.expectedCalls,
    warmCalls,
    floorWarmCalls,
    responseBytes: first.byteLength,
    floorItems: floorFirst.items,
    readCapacity: floorFirst.readCapacity ?? Number.NaN,
    ...(floorFirst.writeItems ? { transactionItems: floorFirst.writeItems } : {}),
    runs,
    met: { overhead: (c1?.ratio.p50 ?? Infinity) <= OVERHEAD_TARGET, calls: sameCalls(warmCalls, s.expectedCalls) },
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (school === 'demo' && error instanceof Error && /not linked|no account|teaches no/.test(error.message)) {
      process.stderr.write('The demo seed does not generate the school (yet): try `npm run bench -- --school fixture`.\n');
    }
    process.exit(1);
  },
);
