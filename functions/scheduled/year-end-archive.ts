/** Scheduled `year-end-archive` (functions/reports/control-check-plans.ts): after the year's end, each class's journal as PDF and JSON, once. */
import { runCheck } from '#functions/reports/control-checks.ts';
import { logger } from '#functions/lib/logger.ts';

export async function handler(_event?: unknown) {
  const started = Date.now();
  const run = await runCheck('year-end-archive', new Date(), logger.child({ job: 'year-end-archive' }));
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  return run.report ? { seconds, periodKey: run.report.periodKey, created: run.created, files: run.report.files.length } : { seconds, skipped: run.reason };
}
