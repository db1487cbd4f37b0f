/** Scheduled control check `final-marks-check` (functions/reports/control-checks.ts): once per its period; a re-run sends nothing. */
import { runCheck } from '#functions/reports/control-checks.ts';
import { logger } from '#functions/lib/logger.ts';

export async function handler(_event?: unknown) {
  const run = await runCheck('final-marks-check', new Date(), logger.child({ job: 'final-marks-check' }));
  return run.report ? { periodKey: run.report.periodKey, created: run.created, mailed: run.created ? run.report.mailed.length : 0 } : { skipped: run.reason };
}
