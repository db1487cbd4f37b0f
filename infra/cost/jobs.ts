/**
 * A year of the scheduled functions: for each schedule of the template, how many runs do the
 * job's real work (a справка after each period, the nightly export, the monthly drill…) and how
 * many find nothing to do, and what each costs — the full runs from the demo school's measured
 * figures scaled to the school's size, the idle ones from a small assumed run.
 */
import { GB, INDEX_ENTRIES_PER_ITEM, type Activity } from './activity.ts';
import type { Inventory, ScheduleInfo } from './inventory.ts';
import { DOCUMENTED, type Measured } from './measured.ts';
import type { ResolvedUsage } from './usage.ts';

/** A run that finds nothing to do reads the year's structure (~800 small items) and one item (docs/reports.md). Assumed. */
export const IDLE_RUN = { ms: 300, rru: 20 };
/** Log bytes of one scheduled run: the platform's start and report lines and a few of the job's own. Assumed. */
export const JOB_LOG_BYTES = 2_000;
/** Size of one attached file (a справка's PDF or Excel). Assumed; an upper bound is that every mail of the run carries the files. */
export const ATTACHMENT_KB = 100;
/** Import time of a bundle the bench does not measure, ms. Assumed (the measured ones are 110–280 ms). */
export const DEFAULT_IMPORT_MS = 150;
/** A function invoked less often than this keeps no warm instance: each run starts cold. */
const WARM_MINUTES = 15;
/** PUT requests of one nightly export: ~4 parts, the manifest and its marker (docs/backups.md). */
const EXPORT_PUTS = 6;

export type JobYear = {
  name: string;
  runs: number;
  fullRuns: number;
  memoryGb: number;
  gbSeconds: number;
  rru: number;
  wru: number;
  mails: number;
  attachmentGb: number;
  s3Puts: number;
  logBytes: number;
};

type Work = { ms: number; rru: number; wru?: number; mails?: number; files?: number; s3Puts?: number };

export function jobsOf(inventory: Inventory, u: ResolvedUsage, m: Measured, a: Activity): JobYear[] {
  const scale = u.students / m.demo.students;
  const items = a.table.items;
  const baseBytes = a.table.baseGb * GB;
  const check = (name: string): Work | undefined => {
    const c = m.checks[name];
    return c ? { ms: c.ms * scale, rru: c.rcu * scale, mails: c.mails * scale, files: c.files } : undefined;
  };

  /** How many runs a year do real work, and what one costs. */
  const fullWork = (s: ScheduleInfo): { runs: number; work?: Work } => {
    switch (s.name) {
      case 'backup-table': // a Scan of the whole table, strongly consistent: 1 unit per 4 KB
        return { runs: s.runsPerYear, work: { ms: (items * DOCUMENTED.exportMs) / DOCUMENTED.exportItems, rru: baseBytes / 4096, s3Puts: EXPORT_PUTS } };
      case 'restore-drill': // every item written to a scratch table with the same indexes, then read back
        return { runs: s.runsPerYear, work: { ms: (items * DOCUMENTED.drillMs) / DOCUMENTED.exportItems, rru: baseBytes / 4096, wru: items * (1 + INDEX_ENTRIES_PER_ITEM) } };
      case 'period-control':
      case 'final-marks-check':
        return { runs: Math.min(s.runsPerYear, u.periodsPerYear), work: check(s.name) };
      case 'daily-fill-check':
        return { runs: Math.min(s.runsPerYear, u.schoolDaysPerYear), work: check(s.name) };
      case 'monthly-operator-control':
      case 'class-data-review':
        return { runs: s.runsPerYear, work: check(s.name) };
      case 'year-end-archive':
        return { runs: Math.min(s.runsPerYear, 1), work: { ms: DOCUMENTED.archive.ms * scale, rru: DOCUMENTED.archive.rcu * scale, mails: 1 } };
      default: // deliver-mail's work is the notifications' and e-mails' (model.ts); unknown jobs: idle runs only
        return { runs: 0 };
    }
  };

  return inventory.schedules.map((s) => {
    const fn = inventory.functions.find((f) => f.id === s.functionId);
    const memoryGb = (fn?.memoryMb ?? 512) / 1024;
    const minutesApart = s.runsPerYear > 0 ? (365 * 24 * 60) / s.runsPerYear : Infinity;
    const init = (m.importMs[`job:${s.name}`] ?? DEFAULT_IMPORT_MS) * (minutesApart >= WARM_MINUTES ? 1 : u.coldStartShare);
    const full = fullWork(s);
    const fullRuns = full.work ? full.runs : 0;
    const idleRuns = s.runsPerYear - fullRuns;
    const w = full.work ?? { ms: 0, rru: 0 };
    return {
      name: s.name,
      runs: s.runsPerYear,
      fullRuns,
      memoryGb,
      gbSeconds: ((fullRuns * w.ms + idleRuns * IDLE_RUN.ms + s.runsPerYear * init) / 1000) * memoryGb,
      rru: fullRuns * w.rru + idleRuns * IDLE_RUN.rru,
      wru: fullRuns * (w.wru ?? 0),
      mails: fullRuns * (w.mails ?? 0),
      attachmentGb: (fullRuns * (w.mails ?? 0) * (w.files ?? 0) * ATTACHMENT_KB * 1024) / GB,
      s3Puts: fullRuns * (w.s3Puts ?? 0),
      logBytes: s.runsPerYear * JOB_LOG_BYTES,
    };
  });
}
