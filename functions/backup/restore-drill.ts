/**
 * The monthly restore drill (п. 7.1): a backup is only as good as its last restore. Takes the
 * latest backup, checks its parts, restores it into a scratch table `<table>-drill-<date>`,
 * compares every entity type with the manifest, deletes the scratch table, keeps the result
 * beside the backup (`drill-<date>.json`, shown by listBackups) and e-mails the director.
 *
 * - No backup younger than two days is itself a failure: the nightly export has stopped.
 * - One run at a time (a job lease); the e-mail's id is fixed per month and outcome, so a re-run
 *   with the same outcome queues nothing new, while a success after a failure is still told.
 * - The function may touch only tables named `<table>-drill-*` besides the school's own
 *   (infra/lib/table-access.ts): it cannot restore over the school's table.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { enqueueMail } from '#functions/data/mail-queue-repository.ts';
import { takeLease } from '#functions/data/job-lease-repository.ts';
import { localDateOf } from '#shared/domain/dates.ts';
import { errorFields, logger } from '#functions/lib/logger.ts';
import { s3 } from '#functions/lib/s3-client.ts';
import { latestManifest } from './backup-store.ts';
import { drillMail } from './drill-report.ts';
import { drillResultKey, type BackupManifest, type DrillResult } from './manifest.ts';
import { BackupCorruptError, restoreBackup } from './restore.ts';
import { deleteTable } from './restore-table.ts';

/** A backup older than this means the nightly export has stopped. */
export const MAX_BACKUP_AGE_MS = 2 * 86_400_000;
/** Longer than the drill function may run (15 minutes, functions/scheduled/schedules.ts). */
const LEASE_MS = 16 * 60_000;

export const drillTableName = (tableName: string, date: string) => `${tableName}-drill-${date}`;
export const drillMailId = (month: string, ok: boolean) => `backup-drill-${month}-${ok ? 'ok' : 'failed'}`;

export type DrillOptions = {
  tableName: string;
  bucket: string;
  schoolName: string;
  timeZone: string;
  directorEmail: string;
  now: Date;
};

export type DrillOutcome = {
  ok: boolean;
  /** Another run holds the lease: this one did nothing. */
  skipped?: true;
  backupId?: string;
  itemCount?: number;
  restoreMs?: number;
  problems: string[];
  mailId?: string;
};

export async function runRestoreDrill(options: DrillOptions): Promise<DrillOutcome> {
  const lease = await takeLease('restore-drill', options.now, LEASE_MS);
  if (!lease) return { ok: false, skipped: true, problems: [] };
  try {
    return await drill(options);
  } finally {
    await lease.release();
  }
}

async function drill(options: DrillOptions): Promise<DrillOutcome> {
  const started = Date.now();
  const date = localDateOf(options.now, options.timeZone);
  const problems: string[] = [];
  const manifest = await latestManifest(options.bucket);
  let result: DrillResult | undefined;

  if (!manifest) {
    problems.push('В хранилище нет ни одной завершённой резервной копии.');
  } else if (options.now.getTime() - new Date(manifest.startedAt).getTime() > MAX_BACKUP_AGE_MS) {
    problems.push(`Последняя резервная копия (${manifest.id}) старше двух суток: ночное копирование не выполняется.`);
  } else {
    result = await restoreIntoScratch(options, manifest, date, started);
    problems.push(...result.problems);
    await s3.send(
      new PutObjectCommand({
        Bucket: options.bucket,
        Key: drillResultKey(manifest.id, date),
        Body: `${JSON.stringify(result, null, 2)}\n`,
        ContentType: 'application/json',
      }),
    );
  }

  const ok = problems.length === 0;
  const mail = drillMail({
    schoolName: options.schoolName,
    timeZone: options.timeZone,
    ...(manifest ? { backup: { id: manifest.id, takenAt: manifest.startedAt, bytes: manifest.bytes } } : {}),
    ...(result ? { result } : {}),
    ok,
    problems,
  });
  const mailId = drillMailId(date.slice(0, 7), ok);
  await enqueueMail({ mailId, to: [options.directorEmail], subject: mail.subject, text: mail.text, purpose: 'report:backup-drill' });
  return {
    ok,
    ...(manifest ? { backupId: manifest.id } : {}),
    ...(result ? { itemCount: result.itemCount, restoreMs: result.restoreMs } : {}),
    problems,
    mailId,
  };
}

async function restoreIntoScratch(options: DrillOptions, manifest: BackupManifest, date: string, started: number): Promise<DrillResult> {
  const scratchTable = drillTableName(options.tableName, date);
  const problems: string[] = [];
  const base = { backupId: manifest.id, scratchTable, itemCount: 0, restoreMs: 0, entities: {} as Record<string, number> };
  try {
    // A scratch table left by a run that died is ours (by its name): start clean.
    await deleteTable(scratchTable);
    const restored = await restoreBackup({ bucket: options.bucket, backup: manifest.id, targetTable: scratchTable });
    base.itemCount = restored.written;
    base.restoreMs = restored.restoreMs;
    base.entities = Object.fromEntries(Object.entries(restored.actual).map(([type, stats]) => [type, stats.count]));
    for (const d of restored.differences) {
      problems.push(`${d.type}: в копии ${d.expected?.count ?? 0}, восстановлено ${d.actual?.count ?? 0}${d.expected?.count === d.actual?.count ? ' (контрольная сумма не совпала)' : ''}`);
    }
  } catch (error) {
    logger.warn('restore drill failed', { job: 'restore-drill', backupId: manifest.id, ...errorFields(error) });
    if (error instanceof BackupCorruptError) problems.push(`Копия повреждена: ${error.problems.join('; ')}`);
    else problems.push(`Восстановление не удалось: ${error instanceof Error ? error.name : 'ошибка'}`);
  } finally {
    try {
      await deleteTable(scratchTable);
    } catch (error) {
      problems.push(`Временная таблица ${scratchTable} не удалена (${error instanceof Error ? error.name : 'ошибка'}); удалите её вручную.`);
    }
  }
  return { ...base, at: options.now.toISOString(), ok: problems.length === 0, totalMs: Date.now() - started, problems };
}
