/**
 * The per-request figures the cost model multiplies: what `npm run bench` measured on the demo
 * school (bench/results/latest.json: read capacity, items, answer sizes, latencies, import times,
 * the digest and the control checks, the seeded item counts), plus the few figures that were
 * measured once and written down in the docs rather than in that file (DOCUMENTED, each with its
 * page). Reading and checking the file is here; the model itself gets plain numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { buildCalendar } from '../local/seed/demo-school/calendar.ts';
import { addDays, type IsoDate } from '../../shared/domain/dates.ts';
import { repoRoot } from '../lib/paths.ts';

export const DEFAULT_BENCH_FILE = path.join(repoRoot, 'bench', 'results', 'latest.json');

/** One API request as measured: read units, answer bytes, latency at p50 (concurrency 1), used as the Lambda's billed duration. */
export type RequestFigure = { rcu: number; bytes: number; ms: number };
export type SaveFigure = RequestFigure & { transactionItems: number };
export type CheckFigure = { ms: number; rcu: number; mails: number; files: number };

export type Measured = {
  /** Where the figures come from, for the report's footer. */
  source: string;
  pages: { journal: RequestFigure; diary: RequestFigure; marks: RequestFigure };
  saves: { marks: SaveFigure; attendance: SaveFigure; lesson: SaveFigure };
  /** Import time of each Lambda bundle in a fresh process, ms, keyed `area:<name>` / `job:<name>`. */
  importMs: Record<string, number>;
  /** The demo school as seeded: its size and what its journal holds after `schoolDays` school days. */
  demo: { students: number; schoolDays: number; lessons: number; marks: number; attendance: number; journalItems: number; staticItems: number };
  /** The notifications' fan-out and the evening digest on the demo school. */
  digest: { notificationsPerMark: number; fanOutMsPerNotification: number; fanOutRruPerNotification: number; digestMsPerMail: number };
  /** Each control check's full run on the demo school. */
  checks: Record<string, CheckFigure>;
};

/**
 * Figures measured once and recorded in the docs (not in latest.json). Each is used as stated
 * there; change them with the page.
 */
export const DOCUMENTED = {
  /** Average stored size of a journal item, keys included (docs/benchmarks.md, "Capacity": ~570 bytes). */
  itemBytes: 570,
  /** The nightly export of the demo school: 147,115 items → 8.0 MB gzip in 14.7 s (docs/backups.md, "What it costs"). */
  exportItems: 147_115,
  exportGzipBytes: 8.0e6,
  exportMs: 14_700,
  /** `npm run restore` of that export into a fresh table: 1 min 35 s in all (docs/backups.md); the monthly drill does the same. */
  drillMs: 95_000,
  /** The digest: ≈ 1,500 read and ≈ 41,500 write units for 1,094 e-mails (docs/notifications.md, "What one digest run costs"). */
  digestMails: 1_094,
  digestRru: 1_500,
  digestWru: 41_500,
  /** A notification created by the fan-out: the item and up to three index entries, ≈ 4 write units (docs/notifications.md). */
  fanOutWruPerNotification: 4,
  /** The year-end archive of the demo school: ~15,000 read units, ~18 s (docs/reports.md). */
  archive: { rcu: 15_000, ms: 18_000 },
} as const;

const figure = z.object({ readCapacity: z.number(), responseBytes: z.number(), runs: z.array(z.object({ concurrency: z.number(), api: z.object({ p50: z.number() }) })) });
const benchSchema = z.object({
  machine: z.object({ date: z.string(), commit: z.string().optional() }),
  school: z.object({ kind: z.string(), seededOn: z.string(), items: z.record(z.string(), z.number()) }),
  scenarios: z.array(figure.extend({ id: z.string(), transactionItems: z.number().optional() })),
  bundles: z.array(z.object({ entry: z.string(), importMs: z.number() })).default([]),
  digest: z.object({
    marks: z.number(),
    notifications: z.number(),
    mails: z.number(),
    fanOut: z.object({ ms: z.number(), calls: z.record(z.string(), z.number()) }),
    digest: z.object({ ms: z.number() }),
  }),
  control: z.object({ runs: z.array(z.object({ check: z.string(), ms: z.number(), rcu: z.number(), mails: z.number(), files: z.number().default(0) })) }),
});

export class MeasuredError extends Error {
  override readonly name = 'MeasuredError';
}

/** The journal's items: they grow with every school day; the rest (people, timetable, plans) is there from the start. */
const JOURNAL_TYPES = ['Mark', 'Attendance', 'Lesson', 'FinalMark', 'JournalPeriodState', 'TimetableChange'];

/** The school days the demo seed filled: 1 September up to the day before it was seeded (infra/local/seed). */
function seededSchoolDays(seededOn: IsoDate): number {
  const calendar = buildCalendar(seededOn);
  return calendar.schoolDays(calendar.year.startDate, addDays(seededOn, -1), 5).length;
}

export function measuredFrom(json: unknown, file = 'bench/results/latest.json'): Measured {
  const parsed = benchSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MeasuredError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message} — run \`npm run bench\` (a full run writes this file)`);
  }
  const b = parsed.data;
  if (b.school.kind !== 'demo') throw new MeasuredError(`${file} was measured on the "${b.school.kind}" school; the cost model scales the demo school's figures: run \`npm run bench\``);
  const scenario = (id: string) => {
    const s = b.scenarios.find((x) => x.id === id);
    const c1 = s?.runs.find((r) => r.concurrency === 1);
    if (!s || !c1) throw new MeasuredError(`${file}: no scenario "${id}" at concurrency 1 — run the full \`npm run bench\``);
    return { rcu: s.readCapacity, bytes: s.responseBytes, ms: c1.api.p50, transactionItems: s.transactionItems ?? 0 };
  };
  const read = (id: string): RequestFigure => {
    const { rcu, bytes, ms } = scenario(id);
    return { rcu, bytes, ms };
  };

  const importMs: Record<string, number> = {};
  for (const bundle of b.bundles) {
    const m = /functions\/(http\/areas|scheduled)\/([\w-]+)\.ts$/.exec(bundle.entry);
    if (m) importMs[`${m[1] === 'scheduled' ? 'job' : 'area'}:${m[2]}`] = bundle.importMs;
  }

  const items = b.school.items;
  const total = Object.values(items).reduce((sum, n) => sum + n, 0);
  const journalItems = JOURNAL_TYPES.reduce((sum, type) => sum + (items[type] ?? 0), 0);
  const students = items.RosterEntry ?? 0;
  if (!students || !items.Lesson) throw new MeasuredError(`${file}: school.items has no RosterEntry or Lesson count`);

  const fanOutCalls = b.digest.fanOut.calls;
  const checks: Record<string, CheckFigure> = {};
  for (const run of b.control.runs) checks[run.check] = { ms: run.ms, rcu: run.rcu, mails: run.mails, files: run.files };

  return {
    source: `${path.basename(file)} (bench run of ${b.machine.date.slice(0, 16).replace('T', ' ')} UTC${b.machine.commit ? `, commit ${b.machine.commit}` : ''})`,
    pages: { journal: read('journal'), diary: read('diary'), marks: read('marks') },
    saves: { marks: scenario('save'), attendance: scenario('attendance'), lesson: scenario('lesson') },
    importMs,
    demo: {
      students,
      schoolDays: seededSchoolDays(b.school.seededOn as IsoDate),
      lessons: items.Lesson,
      marks: items.Mark ?? 0,
      attendance: items.Attendance ?? 0,
      journalItems,
      staticItems: total - journalItems,
    },
    digest: {
      notificationsPerMark: b.digest.notifications / b.digest.marks,
      fanOutMsPerNotification: b.digest.fanOut.ms / b.digest.notifications,
      // The fan-out's reads: the account GetItem strongly consistent (1 unit), its Queries small and eventually consistent (½ unit).
      fanOutRruPerNotification: ((fanOutCalls.GetItem ?? 0) + 0.5 * (fanOutCalls.Query ?? 0)) / b.digest.notifications,
      digestMsPerMail: b.digest.digest.ms / b.digest.mails,
    },
    checks,
  };
}

export function readMeasured(file = DEFAULT_BENCH_FILE): Measured {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MeasuredError(`cannot read the bench results ${path.relative(repoRoot, file)}: ${(error as Error).message} — run \`npm run bench\``);
  }
  return measuredFrom(json, path.relative(repoRoot, file));
}
