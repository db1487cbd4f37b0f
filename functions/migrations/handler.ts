/**
 * The data migrations in AWS: a Lambda run by the deploy itself (a CDK trigger,
 * infra/lib/data-migrations.ts) after the table is updated and before the new functions are —
 * so the new release's functions never serve a table in the previous layout. A failure fails the
 * deploy, which rolls back to the old functions; what was migrated stays (migrations only add
 * what the old release ignores) and the next deploy resumes from the recorded cursor.
 */
import type { Context } from 'aws-lambda';
import { errorFields, logger } from '#functions/lib/logger.ts';
import { appVersion } from '#functions/lib/version.ts';
import { runMigrations, type MigrationEvent, type MigrationRun } from './run-migrations.ts';

/** Time kept in hand at the end of the function's 15 minutes: stop between pages, record progress, give the lease back. */
export const STOP_BEFORE_TIMEOUT_MS = 90_000;

export class MigrationsIncompleteError extends Error {
  override readonly name = 'MigrationsIncompleteError';
}

export async function handler(_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>): Promise<{ release: string; ran: MigrationRun[] }> {
  const log = logger.child({ job: 'data-migrations', release: appVersion });
  const remaining = () => context?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
  const report = (event: MigrationEvent) => {
    if (event.kind === 'waiting') log.info('migrations: another runner holds the lease, waiting', { heldBy: event.heldBy?.by, heldSince: event.heldBy?.since });
    else if (event.kind === 'start') log.info('migration started', { migration: event.id, resumed: event.resumedFrom !== undefined });
    else if (event.kind === 'done' || event.kind === 'stopped') log.info(`migration ${event.kind}`, { migration: event.run.id, pages: event.run.pages, scanned: event.run.scanned, changed: event.run.changed, conflicts: event.run.conflicts, ms: event.run.ms });
  };
  try {
    const result = await runMigrations({
      release: appVersion,
      runner: `lambda ${context?.awsRequestId ?? ''}`.trim(),
      shouldStop: () => remaining() < STOP_BEFORE_TIMEOUT_MS,
      waitMs: Math.max(0, Math.min(15 * 60_000, remaining() - 2 * STOP_BEFORE_TIMEOUT_MS)),
      report,
    });
    if (!result.complete) {
      // Fails the deploy (the old functions stay): the new ones must not serve a half-migrated table.
      const why = result.busy ? `another runner (${result.busy.by}, since ${result.busy.since}) holds the lease` : 'out of time';
      throw new MigrationsIncompleteError(`data migrations not finished (${why}): ${result.pending.join(', ')}; progress is recorded, deploy again to resume`);
    }
    log.info('migrations up to date', { ran: result.ran.length });
    return { release: appVersion, ran: result.ran };
  } catch (error) {
    log.error('migrations failed', errorFields(error));
    throw error;
  }
}
