/**
 * Scheduled, monthly (п. 7.1): restores the latest backup into a scratch table, compares it with
 * the backup's manifest, deletes the scratch table and e-mails the director the result
 * (functions/backup/restore-drill.ts). A drill that finds a problem fails the run after the e-mail.
 */
import { functionEnv } from '#shared/config/function-env.ts';
import { runRestoreDrill, type DrillOutcome } from '#functions/backup/restore-drill.ts';
import { backupsBucket } from '#functions/backup/list-backups.ts';
import { logger } from '#functions/lib/logger.ts';

export class RestoreDrillFailedError extends Error {
  constructor(readonly outcome: DrillOutcome) {
    super(`restore drill failed: ${outcome.problems.length} problem(s), see the director's e-mail ${outcome.mailId ?? ''}`.trim());
    this.name = 'RestoreDrillFailedError';
  }
}

export async function handler(_event?: unknown): Promise<DrillOutcome> {
  const log = logger.child({ job: 'restore-drill' });
  const env = functionEnv();
  const started = Date.now();
  const outcome = await runRestoreDrill({
    tableName: env.TABLE_NAME,
    bucket: backupsBucket(),
    schoolName: env.SCHOOL_NAME,
    timeZone: env.SCHOOL_TIME_ZONE,
    directorEmail: env.DIRECTOR_EMAIL,
    now: new Date(),
  });
  const fields = { ok: outcome.ok, backupId: outcome.backupId, itemCount: outcome.itemCount, problems: outcome.problems.length, ms: Date.now() - started };
  if (outcome.ok || outcome.skipped) log.info('restore-drill done', { ...fields, skipped: outcome.skipped ?? false });
  else {
    // After the director's e-mail: failing the run also turns the scheduled jobs' alarm red
    // (infra/lib/scheduled-jobs.ts), so whoever runs the stack learns it too.
    log.warn('restore-drill found problems', fields);
    throw new RestoreDrillFailedError(outcome);
  }
  return outcome;
}
