/**
 * Scheduled: send the queued e-mail (see functions/data/mail-queue-repository.ts).
 * At-least-once: a mail is claimed with a lease before sending, so overlapping runs never send
 * it twice, and a run that dies after claiming lets the lease expire and the next run retry.
 */
import { claimMail, listDueMail, markMailFailed, markMailSent } from '#functions/data/mail-queue-repository.ts';
import { sendMail } from '#functions/mail/send-mail.ts';
import { errorFields, logger } from '#functions/lib/logger.ts';

const BATCH = 25;
const LEASE_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

export type DeliverMailResult = { sent: number; failed: number; skipped: number };

export async function handler(_event?: unknown): Promise<DeliverMailResult> {
  const log = logger.child({ job: 'deliver-mail' });
  const result: DeliverMailResult = { sent: 0, failed: 0, skipped: 0 };
  const now = new Date();
  for (const mail of await listDueMail(now, BATCH)) {
    if (!(await claimMail(mail, new Date(now.getTime() + LEASE_MS)))) {
      result.skipped++;
      continue;
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
      await markMailFailed(mail.mailId, String(fields.errorName ?? 'Error'), retryAt);
    }
  }
  log.info('deliver-mail done', result);
  return result;
}
