/** Scheduled control check `final-marks-check` (functions/reports/control-checks.ts): once per its period; a re-run sends nothing. */
import { runCheck } from '#functions/reports/control-checks.ts';
import { logger } from '#functions/lib/logger.ts';

export async function handler(_event?: unknown) {
  const started = Date.now();
  const run = await runCheck('final-marks-check', new Date(), logger.child({ job: 'final-marks-check' }));
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  return run.report ? { seconds, periodKey: run.report.periodKey, created: run.created, mailed: run.created ? run.report.mailed.length : 0 } : { seconds, skipped: run.reason };
}
