/**
 * Scheduled: drains the outboxes, in order.
 * 1. The journal's change events become each recipient's notifications (fan-out).
 * 2. Notifications due for e-mail (instant after their settling minutes, or the digest) become
 *    queued mail, marked as e-mailed in the same transaction.
 * 3. Queued mail is sent (functions/data/mail-queue-repository.ts). At-least-once: a mail is
 *    claimed with a lease before sending, so overlapping runs never send it twice, and a run that
 *    dies after claiming lets the lease expire and the next run retry.
 * Steps 1 and 2 change notifications in order, so one run at a time does them (a job lease).
 */
import { claimMail, listDueMail, markMailFailed, markMailSent, type QueuedMail } from '#functions/data/mail-queue-repository.ts';
import { takeLease } from '#functions/data/job-lease-repository.ts';
import { sendMail } from '#functions/mail/send-mail.ts';
import { composeNotificationMail, type ComposeResult } from '#functions/notifications/compose-mail.ts';
import { fanOutChanges, type FanOutResult } from '#functions/notifications/fan-out.ts';
import { errorFields, logger } from '#functions/lib/logger.ts';
import { countMetric, flushMetrics } from '#functions/lib/metrics.ts';
import { BUSINESS_METRICS } from '#shared/config/business-metrics.ts';

const BATCH = 25;
/** Mails sent side by side (SES allows 14 a second in a new production account). */
const PARALLEL = 8;
const LEASE_MS = 10 * 60_000;
/** A run stops taking new work after this: a minute before the Lambda's timeout (4 minutes, infra/lib/scheduled-jobs.ts). */
const RUN_BUDGET_MS = 3 * 60_000;
export const MAX_ATTEMPTS = 5;

export type DeliverMailResult = { sent: number; failed: number; skipped: number; changes?: FanOutResult; composed?: ComposeResult };

export async function handler(_event?: unknown): Promise<DeliverMailResult> {
  const log = logger.child({ job: 'deliver-mail' });
  const started = Date.now();
  const budget = { until: started + RUN_BUDGET_MS };
  const result: DeliverMailResult = { sent: 0, failed: 0, skipped: 0 };

  const lease = await takeLease('notifications', new Date(), RUN_BUDGET_MS + 60_000);
  if (lease) {
    try {
      const changes = await fanOutChanges(log, new Date(), budget);
      if (changes.events || changes.failed) result.changes = changes;
      const composed = await composeNotificationMail(log, new Date(), budget);
      if (composed.recipients) result.composed = composed;
    } finally {
      await lease.release();
    }
  }

  // Mail claimed in this run is not due again until its lease ends: the loop ends when none is due.
  const now = new Date();
  while (Date.now() < budget.until) {
    const due = await listDueMail(now, BATCH);
    if (due.length === 0) break;
    const queue = [...due];
    const worker = async () => {
      for (let mail = queue.shift(); mail; mail = queue.shift()) await deliver(mail, now, result, log);
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (due.length < BATCH) break;
  }
  log.info('deliver-mail done', { sent: result.sent, failed: result.failed, skipped: result.skipped, ms: Date.now() - started });
  flushMetrics();
  return result;
}

async function deliver(mail: QueuedMail, now: Date, result: DeliverMailResult, log: ReturnType<typeof logger.child>): Promise<void> {
  if (!(await claimMail(mail, new Date(now.getTime() + LEASE_MS)))) {
    result.skipped++;
    return;
  }
  const attempt = mail.attempts + 1;
  try {
    const messageId = await sendMail(mail);
    await markMailSent(mail.mailId, new Date(), messageId);
    result.sent++;
  } catch (error) {
    result.failed++;
    const fields = errorFields(error);
    log.warn('mail not sent', { mailId: mail.mailId, attempt, ...fields });
    // Back off 1, 4, 9, 16 minutes; after the last attempt the mail stays as failed.
    const retryAt = attempt >= MAX_ATTEMPTS ? undefined : new Date(Date.now() + attempt * attempt * 60_000);
    // Given up: the operations alarm on MailsFailed tells a person (infra/lib/operations-alarms.ts).
    if (!retryAt) countMetric(BUSINESS_METRICS.mailsFailed);
    await markMailFailed(mail.mailId, String(fields.errorName ?? 'Error'), retryAt);
  }
}
