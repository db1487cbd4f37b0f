/**
 * The administration's view of control (п. 5.11, 7.2–7.4, 7.1): the stored reports with
 * short-lived links to their files, a check run on demand, and the backups.
 */
import type { ControlCheck, ControlReport } from '#shared/api/control.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { listControlReportItems, type StoredControlReport } from '#functions/data/control-report-repository.ts';
import { presignReportFile } from '#functions/data/report-file-store.ts';
import { listBackups as readBackups } from '#functions/backup/list-backups.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { runCheck } from './control-checks.ts';

async function present(r: StoredControlReport, now: Date): Promise<ControlReport> {
  const files = await Promise.all(
    r.files.map(async (f) => ({ format: f.format, fileName: f.fileName, size: f.size, ...(f.label ? { label: f.label } : {}), url: (await presignReportFile(f.key, f.fileName, f.contentType, now)).url })),
  );
  return { id: r.id, check: r.check, periodKey: r.periodKey, title: r.title, createdAt: r.createdAt, summary: r.summary, actions: r.actions, mailed: r.mailed, files };
}

export async function listControlReports(ctx: AccessContext, q: { check?: ControlCheck | undefined; limit: number }, log: Logger, now = new Date()) {
  enforce(policy.listControlReports(ctx), ctx, log);
  const items = await listControlReportItems(q.check, q.limit);
  return { reports: await Promise.all(items.map((r) => present(r, now))) };
}

export async function runControlCheck(ctx: AccessContext, check: ControlCheck, log: Logger, now = new Date()) {
  enforce(policy.runControlCheck(ctx, { check }), ctx, log);
  const run = await runCheck(check, now, log, { kind: 'demand', by: ctx.personId });
  if (!run.report) throw new NotFoundError(run.message);
  return { report: await present(run.report, now), created: run.created };
}

export async function listBackups(ctx: AccessContext, log: Logger) {
  enforce(policy.listBackups(ctx), ctx, log);
  return readBackups();
}
