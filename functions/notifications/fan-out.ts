import { createHash } from 'node:crypto';
import { newId } from '#shared/domain/ids.ts';
import { mailTime } from '#shared/domain/rules/mail-timing.ts';
import { deleteChange, listPendingChanges, sameValue, type ChangeEvent, type EntityChange } from '#functions/data/change-outbox.ts';
import {
  createNotification,
  deleteNotification,
  getOpenNotifications,
  replaceNotification,
  type StoredNotification,
} from '#functions/data/notification-repository.ts';
import { getRoster } from '#functions/data/people-repository.ts';
import { errorFields, type Logger } from '#functions/lib/logger.ts';
import { schoolTimeZone } from '#functions/lib/school-clock.ts';
import { RecipientBook, type Recipient } from './recipients.ts';

export type FanOutResult = { events: number; failed: number; created: number; merged: number; withdrawn: number; skipped: number };

/**
 * Turns the journal's change events into each recipient's notifications (п. 2.4, 2.5), oldest
 * event first. A change of something the recipient has not yet been told about (unread, not
 * e-mailed) merges into that notification; a change back to what they knew removes it, so
 * nothing is said about a mark that was changed back before sending. Applying an event twice
 * (a run that died before removing it) changes nothing: a notification remembers the version it
 * shows, and a new one's id is made from the recipient, the thing and the version.
 */
export async function fanOutChanges(log: Logger, now = new Date(), budget = { until: Date.now() + 60_000 }): Promise<FanOutResult> {
  const result: FanOutResult = { events: 0, failed: 0, created: 0, merged: 0, withdrawn: 0, skipped: 0 };
  const book = new RecipientBook(now);
  const timeZone = schoolTimeZone();
  while (Date.now() < budget.until) {
    const events = await listPendingChanges(now, 25);
    if (events.length === 0) break;
    for (const event of events) {
      try {
        await fanOutEvent(event, book, timeZone, result);
        await deleteChange(event.id);
        result.events++;
      } catch (error) {
        // The event stays in the outbox and the next run applies it again (which is harmless).
        result.failed++;
        log.error('change not fanned out', { eventId: event.id, ...errorFields(error) });
      }
    }
    if (result.failed) break;
  }
  if (result.events) log.info('changes fanned out', result);
  return result;
}

async function fanOutEvent(event: ChangeEvent, book: RecipientBook, timeZone: string, result: FanOutResult): Promise<void> {
  // Homework concerns every student of the group on that day; the rest name their student.
  const students = event.topic === 'homework' ? await studentsOf(event) : [];
  for (const change of event.changes) {
    const ids = change.studentId ? [change.studentId] : students;
    const circles = (await Promise.all(ids.map((id) => book.circle(id)))).filter((c) => c !== null);
    const targets = circles.flatMap((c) => c.recipients.map((r) => ({ recipient: r, studentId: c.studentId, studentName: c.studentName })));
    if (targets.length === 0) continue;
    // A parent of two children in the class is told about each child: the key is (recipient, thing, child).
    for (let attempt = 0; attempt < 3; attempt++) {
      const open = await getOpenNotifications(change.entityKey);
      const outcomes = await Promise.all(
        targets.map((t) =>
          applyChange(event, change, t.recipient, t.studentId, t.studentName, open.find((n) => n.recipientId === t.recipient.personId && n.studentId === t.studentId), timeZone),
        ),
      );
      for (const o of outcomes) if (o !== 'retry') result[o]++;
      // A notification read or e-mailed between the read and the write: read again and apply to what is open now.
      const retry = outcomes.map((o, i) => (o === 'retry' ? targets[i]! : null)).filter((t) => t !== null);
      if (retry.length === 0) break;
      targets.splice(0, targets.length, ...retry);
    }
  }
}

type Outcome = 'created' | 'merged' | 'withdrawn' | 'skipped' | 'retry';

async function applyChange(
  event: ChangeEvent,
  change: EntityChange,
  recipient: Recipient,
  studentId: string,
  studentName: string,
  open: StoredNotification | undefined,
  timeZone: string,
): Promise<Outcome> {
  const setting = recipient.settings.topics[event.topic];
  if (open) {
    if (open.entityVersion >= change.version) return 'skipped';
    if (sameValue(open.before, change.after)) return (await deleteNotification(open)) ? 'withdrawn' : 'retry';
    const mailAt = open.mail === 'pending' && setting.email === 'instant' ? mailTime('instant', event.at, recipient.settings, timeZone) : open.mailAt;
    const merged: StoredNotification = {
      ...open,
      after: change.after,
      entityVersion: change.version,
      updatedAt: event.at,
      ...(mailAt ? { mailAt } : {}),
    };
    return (await replaceNotification(merged, open.version)) ? 'merged' : 'retry';
  }
  const mailAt = recipient.email ? mailTime(setting.email, event.at, recipient.settings, timeZone) : null;
  if (!setting.inApp && !mailAt) return 'skipped';
  const seed = createHash('sha256').update(`${recipient.personId}|${change.entityKey}|${studentId}|${change.version}`).digest();
  const note: StoredNotification = {
    id: newId('notification', Date.parse(event.at), seed.subarray(0, 10)),
    recipientId: recipient.personId,
    topic: event.topic,
    studentId,
    studentName,
    classId: event.classId,
    subjectId: event.subjectId,
    date: event.date,
    ...(event.lessonId ? { lessonId: event.lessonId } : {}),
    ...(event.periodId ? { periodId: event.periodId } : {}),
    entityKey: change.entityKey,
    entityVersion: change.version,
    before: change.before,
    after: change.after,
    inApp: setting.inApp,
    mail: mailAt ? 'pending' : 'none',
    ...(mailAt ? { mailAt } : {}),
    createdAt: event.at,
    updatedAt: event.at,
    version: 1,
  };
  return (await createNotification(note)) ? 'created' : 'skipped';
}

/** The students of the event's class (or subgroup) on its day. */
async function studentsOf(event: ChangeEvent): Promise<string[]> {
  const roster = await getRoster(event.classId);
  return roster
    .filter((r) => r.from <= event.date && (!r.to || event.date <= r.to))
    .filter((r) => !event.subgroupId || r.subgroupIds.includes(event.subgroupId))
    .map((r) => r.studentId);
}
