import { Cron } from 'croner';
import type { ScheduleDefinition } from '#functions/scheduled/schedules.ts';
import { createLogger, errorFields } from '#functions/lib/logger.ts';

const log = createLogger({ service: 'klassny-local', component: 'scheduler' });

/**
 * EventBridge cron(min hour day-of-month month day-of-week year) → croner's
 * "sec min hour dom month dow". The year field must be `*` (EventBridge allows more; the
 * product never needs it). `?` means "any" in both; day-of-week is written with names only
 * (see schedules.ts), so the 1–7 vs 0–6 numbering never matters.
 */
export function toCronerPattern(expression: string): string {
  const m = /^cron\((.+)\)$/.exec(expression.trim());
  if (!m) throw new Error(`not an EventBridge cron expression: ${expression}`);
  const fields = m[1]!.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`EventBridge cron needs 6 fields: ${expression}`);
  const [minute, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`only * is supported for the year: ${expression}`);
  if (/\d/.test(dow) && dow !== '?') throw new Error(`write day-of-week with names (MON-FRI), not numbers: ${expression}`);
  if (dom !== '?' && dow !== '?') throw new Error(`EventBridge requires ? in day-of-month or day-of-week: ${expression}`);
  const any = (f: string) => (f === '?' ? '*' : f);
  return ['0', fromStep(minute, 59), fromStep(hour, 23), fromStep(any(dom), 31), fromStep(month, 12), any(dow)].join(' ');
}

/** EventBridge's `5/15` (from 5, every 15) is croner's `5-59/15`. */
function fromStep(field: string, max: number): string {
  return field.replace(/^(\d+)\/(\d+)$/, (_, start: string, step: string) => `${start}-${max}/${step}`);
}

export type JobRunner = (name: string) => Promise<unknown>;

/** Runs every schedule on its expression in the school's time zone, one run of a job at a time. */
export function startScheduler(schedules: ScheduleDefinition[], timeZone: string, run: JobRunner) {
  const running = new Set<string>();
  const jobs = schedules.map(
    (s) =>
      new Cron(toCronerPattern(s.expression), { timezone: timeZone, protect: true, name: s.name }, async () => {
        running.add(s.name);
        try {
          await run(s.name);
        } catch (error) {
          log.error('scheduled job failed', { job: s.name, ...errorFields(error) });
        } finally {
          running.delete(s.name);
        }
      }),
  );
  return {
    nextRuns: () => Object.fromEntries(jobs.map((j) => [j.name ?? '', j.nextRun()?.toISOString() ?? null])),
    /** Stop triggering and wait for runs in progress, so no job is cut off mid-write. */
    async stop() {
      for (const j of jobs) j.stop();
      while (running.size) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
