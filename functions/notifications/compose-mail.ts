import { createHash } from 'node:crypto';
import type { Notification, NotificationTopic } from '#shared/domain/notification.ts';
import { mailTime } from '#shared/domain/rules/mail-timing.ts';
import { plural } from '#shared/domain/notification-text.ts';
import { formatDateRu, localDateOf } from '#shared/domain/date-math.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { queuedMailItem } from '#functions/data/mail-queue-repository.ts';
import {
  dropFromMail,
  listMailDue,
  queueNotificationMail,
  rescheduleMail,
  type StoredNotification,
} from '#functions/data/notification-repository.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { presenter, type Presenter } from './present.ts';
import { RecipientBook, type Recipient } from './recipients.ts';
import { unsubscribeLink } from './unsubscribe-link.ts';

export type ComposeResult = { recipients: number; mails: number; notifications: number; dropped: number; rescheduled: number; lost: number };

/** A mail holds at most this many notifications (a transaction holds 100 items: the mail and each one). */
const PER_MAIL = 90;
const PARALLEL = 8;

/**
 * Puts the notifications that are due into e-mails (п. 2.4): one e-mail per recipient and run
 * (the instant ones after their settling minutes, or the day's digest), written to the mail
 * outbox together with each notification marked as e-mailed, in one transaction — so a retried
 * or overlapping run cannot e-mail anything twice. The recipient's settings are read now: a
 * topic turned off, a notification already read in the app, or no address means no e-mail.
 */
export async function composeNotificationMail(log: Logger, now = new Date(), budget = { until: Date.now() + 60_000 }): Promise<ComposeResult> {
  const result: ComposeResult = { recipients: 0, mails: 0, notifications: 0, dropped: 0, rescheduled: 0, lost: 0 };
  const due = new Map<string, StoredNotification[]>();
  let after: Record<string, unknown> | undefined;
  do {
    const page = await listMailDue(now, 500, after);
    for (const n of page.items) due.set(n.recipientId, [...(due.get(n.recipientId) ?? []), n]);
    after = page.next;
  } while (after && Date.now() < budget.until);
  if (due.size === 0) return result;

  const book = new RecipientBook(now);
  const present = await presenter([...due.values()].flat());
  const queue = [...due.entries()];
  const timeZone = schoolTimeZone();
  const worker = async () => {
    for (let next = queue.shift(); next && Date.now() < budget.until; next = queue.shift()) {
      const [recipientId, notes] = next;
      await composeFor(await book.recipient(recipientId), notes, present, now, timeZone, result);
      result.recipients++;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  log.info('notification mail composed', result);
  return result;
}

async function composeFor(
  recipient: Recipient | null,
  notes: StoredNotification[],
  present: Presenter,
  now: Date,
  timeZone: string,
  result: ComposeResult,
): Promise<void> {
  const send: StoredNotification[] = [];
  for (const n of notes) {
    const mode = recipient?.settings.topics[n.topic].email ?? 'off';
    if (!recipient?.email || n.readAt || mode === 'off') {
      if (await dropFromMail(n)) result.dropped++;
      continue;
    }
    // The settings may have changed since it was scheduled (digest instead of instant, quiet hours).
    const when = mailTime(mode, n.updatedAt, recipient.settings, timeZone);
    if (when && when > now.toISOString()) {
      if (await rescheduleMail(n, when)) result.rescheduled++;
      continue;
    }
    send.push(n);
  }
  if (!recipient?.email) return;
  send.sort((a, b) => a.id.localeCompare(b.id));
  for (let i = 0; i < send.length; i += PER_MAIL) {
    const part = send.slice(i, i + PER_MAIL);
    const mailId = `notes-${createHash('sha256')
      .update(`${recipient.personId}|${part.map((n) => `${n.id}:${n.version}`).join(',')}`)
      .digest('hex')
      .slice(0, 40)}`;
    const content = await mailContent(recipient, part.map(present), part.some((n) => recipient.settings.topics[n.topic].email === 'digest'), now, timeZone);
    // Due at once (real time), whatever moment the run composes for.
    const item = queuedMailItem({ mailId, to: [recipient.email], ...content, purpose: 'notifications' }, new Date());
    if (await queueNotificationMail(item, part, mailId)) {
      result.mails++;
      result.notifications += part.length;
    } else {
      // Changed meanwhile (read, merged, taken by another run): composed again next run.
      result.lost += part.length;
    }
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);


/** The Russian e-mail: a greeting, the notifications by child, the links (diary, settings, unsubscribe). */
export async function mailContent(
  recipient: Recipient,
  items: Notification[],
  digest: boolean,
  now: Date,
  timeZone: string,
): Promise<{ subject: string; text: string; html: string }> {
  const env = functionEnv();
  const site = env.WEB_URL.replace(/\/$/, '');
  const topics = [...new Set(items.map((n) => n.topic))];
  const scope: NotificationTopic | 'all' = topics.length === 1 ? topics[0]! : 'all';
  const unsubscribe = await unsubscribeLink(recipient.personId, scope, now);
  const count = `${items.length} ${plural(items.length, 'уведомление', 'уведомления', 'уведомлений')}`;
  const subject =
    items.length === 1
      ? `${items[0]!.title} — ${items[0]!.studentName}`
      : digest
        ? `Сводка за ${formatDateRu(localDateOf(now, timeZone))}: ${count}`
        : `Новое в дневнике: ${count}`;
  const byStudent = new Map<string, Notification[]>();
  for (const n of items) byStudent.set(n.studentName, [...(byStudent.get(n.studentName) ?? []), n]);
  const greeting = `Здравствуйте, ${recipient.greetingName}!`;
  const intro = digest ? 'Что нового в электронном дневнике:' : 'В электронном дневнике новое:';
  const settings = `${site}/#/notifications/settings`;
  const stopText = scope === 'all' ? 'Не получать писем об уведомлениях' : 'Не получать таких писем';
  const text = [
    greeting,
    '',
    intro,
    ...[...byStudent.entries()].flatMap(([student, list]) => ['', `${student}:`, ...list.map((n) => `  • ${n.title}. ${n.text}\n    ${site}/#${n.link}`)]),
    '',
    `Настроить уведомления: ${settings}`,
    `${stopText}: ${unsubscribe}`,
    '',
    `— ${env.SCHOOL_NAME}, «Классный журнал». Это письмо отправлено автоматически, отвечать на него не нужно.`,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>',
    escapeHtml(subject),
    '</title></head><body style="font-family:Arial,sans-serif;line-height:1.5;color:#1a1a1a">',
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(intro)}</p>`,
    ...[...byStudent.entries()].map(
      ([student, list]) =>
        `<h2 style="font-size:1.1em">${escapeHtml(student)}</h2><ul>${list
          .map((n) => `<li><a href="${escapeHtml(`${site}/#${n.link}`)}">${escapeHtml(n.title)}</a><br>${escapeHtml(n.text)}</li>`)
          .join('')}</ul>`,
    ),
    `<p><a href="${escapeHtml(settings)}">Настроить уведомления</a> · <a href="${escapeHtml(unsubscribe)}">${escapeHtml(stopText)}</a></p>`,
    `<p style="color:#555;font-size:0.9em">— ${escapeHtml(env.SCHOOL_NAME)}, «Классный журнал». Это письмо отправлено автоматически, отвечать на него не нужно.</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
