/**
 * The evening digest for the whole demo school (issue 10): every parent with an account, a day's
 * marks in every class fanned out into notifications, then the digest run — composing one e-mail
 * per parent and sending it through the SES stand-in — timed, with its DynamoDB calls, items and
 * the capacity they cost, from which docs/notifications.md derives the cost of a run in AWS.
 *
 * The demo school has accounts for its demo logins only; this gives every parent one (an account
 * item, the person's link and e-mail, a consent on paper) directly in the bench's data folder, as
 * if the whole school had signed up. Idempotent: a second run reuses them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { BatchWriteCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newId } from '#shared/domain/ids.ts';
import { nextDigestAt } from '#shared/domain/rules/mail-timing.ts';
import { defaultNotificationSettings } from '#shared/domain/notification.ts';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';
import { accountItem } from '#functions/data/account-repository.ts';
import { changeEventWrite, type ChangeEvent } from '#functions/data/change-outbox.ts';
import { logger } from '#functions/lib/logger.ts';
import { paperConsentItems } from '#infra/local/seed/paper-consent.ts';
import type { CallCounter, CallCounts } from './calls.ts';

export type DigestResult = {
  parents: number;
  classes: number;
  events: number;
  marks: number;
  notifications: number;
  mails: number;
  fanOut: { ms: number; calls: CallCounts };
  digest: { ms: number; composeMs: number; sendMs: number; calls: CallCounts; items: { notificationsRead: number; itemsWritten: number } };
};

const TZ = 'Europe/Moscow';

async function scanAll(client: DynamoDBDocumentClient, types: string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: LOCAL_TABLE_NAME,
        FilterExpression: `#t IN (${types.map((_, i) => `:t${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: Object.fromEntries(types.map((t, i) => [`:t${i}`, t])),
        ExclusiveStartKey,
      }),
    );
    out.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

async function putAll(client: DynamoDBDocumentClient, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let RequestItems: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [LOCAL_TABLE_NAME]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (RequestItems && Object.keys(RequestItems).length) {
      const out = await client.send(new BatchWriteCommand({ RequestItems }));
      RequestItems = out.UnprocessedItems as typeof RequestItems;
    }
  }
}

/** Every parent gets an account, an address and a consent (once). Returns how many parents there are. */
async function signUpEveryParent(client: DynamoDBDocumentClient): Promise<number> {
  const people = await scanAll(client, ['Person']);
  const parents = people.filter((p) => p.kind === 'parent');
  const items: Record<string, unknown>[] = [];
  const at = '2026-09-01T09:00:00.000Z';
  for (const p of parents) {
    if (p.userId && (p.contacts as { email?: string } | undefined)?.email) continue;
    const id = String(p.id);
    const userId = (p.userId as string | undefined) ?? `bench-${id}`;
    const name = `${p.lastName} ${p.firstName}`;
    items.push({ ...p, userId, contacts: { ...(p.contacts as object), email: `${id.toLowerCase()}@bench.example` } });
    if (!p.userId) {
      items.push(accountItem({ userId, login: `bench-${id.toLowerCase()}`, displayName: name, personId: id, roles: ['parent'] }, at));
      items.push(
        ...paperConsentItems({
          consentId: newId('consent', Date.parse(at), randomBytes(10)),
          person: { id, name, kind: 'parent' },
          signer: { id, name },
          recordedBy: id,
          documentRef: `bench-${id}`,
          acceptedAt: at,
        }),
      );
    }
  }
  await putAll(client, items);
  return parents.length;
}

/** A day's marks in every class: its first two lessons of `day`, a mark for each student, one change event a lesson. */
async function writeDaysMarks(client: DynamoDBDocumentClient, day: string, now: Date): Promise<{ events: number; marks: number; classes: number }> {
  const rosters = await scanAll(client, ['RosterEntry']);
  const classes = [...new Set(rosters.map((r) => String(r.classId)))];
  const events: ChangeEvent[] = [];
  for (const classId of classes) {
    const lessons = await client.send(
      new QueryCommand({
        TableName: LOCAL_TABLE_NAME,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :day)',
        ExpressionAttributeValues: { ':pk': `CLASS#${classId}`, ':day': day },
      }),
    );
    const students = rosters.filter((r) => r.classId === classId && String(r.from) <= day && (!r.to || day <= String(r.to)));
    for (const lesson of (lessons.Items ?? []).filter((l) => l.type === 'Lesson' && !l.subgroupId).slice(0, 2)) {
      events.push({
        id: randomUUID(),
        topic: 'mark',
        at: now.toISOString(),
        by: String(lesson.teacherId),
        classId,
        subjectId: String(lesson.subjectId),
        date: day,
        lessonId: String(lesson.id),
        changes: students.map((s, i) => ({
          studentId: String(s.studentId),
          entityKey: newId('mark', now.getTime(), randomBytes(10)),
          version: 1,
          before: null,
          after: { kind: 'mark', values: [String(3 + (i % 3))], workTypeId: 'answer' },
        })),
      });
    }
  }
  await putAll(
    client,
    events.map((e) => (changeEventWrite(e).item.Put as { Item: Record<string, unknown> }).Item),
  );
  return { events: events.length, marks: events.reduce((n, e) => n + e.changes.length, 0), classes: classes.length };
}

/**
 * What earlier runs left in the reused data folder — the save scenarios' change events, and
 * notifications still waiting for their e-mail — is removed, so the run measures one day.
 */
async function clearLeftovers(client: DynamoDBDocumentClient): Promise<number> {
  let removed = 0;
  for (const duePk of ['CHANGE#PENDING', 'NOTEMAIL#PENDING']) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({ TableName: LOCAL_TABLE_NAME, IndexName: 'due', KeyConditionExpression: 'duePk = :pk', ExpressionAttributeValues: { ':pk': duePk }, ProjectionExpression: 'pk, sk', ExclusiveStartKey }),
      );
      const keys = (page.Items ?? []) as { pk: string; sk: string }[];
      for (let i = 0; i < keys.length; i += 25) {
        await client.send(new BatchWriteCommand({ RequestItems: { [LOCAL_TABLE_NAME]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) } }));
      }
      removed += keys.length;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return removed;
}

export async function measureDigest(
  setupClient: DynamoDBDocumentClient,
  apiCounter: CallCounter,
  day: string,
  outboxCount: () => Promise<number>,
  say: (line: string) => void,
): Promise<DigestResult> {
  const leftovers = await clearLeftovers(setupClient);
  if (leftovers) say(`digest: ${leftovers} change events and waiting notifications of earlier runs removed`);
  const parents = await signUpEveryParent(setupClient);
  const now = new Date();
  const written = await writeDaysMarks(setupClient, day, now);
  say(`digest: ${parents} parents, ${written.marks} marks in ${written.events} lessons of ${written.classes} classes on ${day}`);

  const { fanOutChanges } = await import('#functions/notifications/fan-out.ts');
  const { composeNotificationMail } = await import('#functions/notifications/compose-mail.ts');
  const { handler: deliverMail } = await import('#functions/scheduled/deliver-mail.ts');
  const log = logger.child({ job: 'bench-digest' });
  const budget = { until: Date.now() + 10 * 60_000 };

  apiCounter.reset();
  let t = Date.now();
  const fanned = await fanOutChanges(log, now, budget);
  const fanOut = { ms: Date.now() - t, calls: apiCounter.snapshot() };
  say(`digest: fan-out ${fanned.events} events → ${fanned.created} notifications in ${fanOut.ms} ms`);

  // The digest moment of the school's default settings: compose for it, then send.
  const digestAt = new Date(nextDigestAt(now.getTime(), defaultNotificationSettings(), TZ) + 1000);
  const mailsBefore = await outboxCount();
  apiCounter.reset();
  t = Date.now();
  const composed = await composeNotificationMail(log, digestAt, budget);
  const composeMs = Date.now() - t;
  t = Date.now();
  let sent = 0;
  for (;;) {
    const r = await deliverMail({ source: 'bench' });
    sent += r.sent;
    if (r.sent === 0) break;
  }
  const sendMs = Date.now() - t;
  const calls = apiCounter.snapshot();
  const mails = (await outboxCount()) - mailsBefore;
  say(`digest: ${composed.mails} e-mails (${composed.notifications} notifications) composed in ${composeMs} ms, ${sent} sent in ${sendMs} ms`);
  return {
    parents,
    classes: written.classes,
    events: written.events,
    marks: written.marks,
    notifications: fanned.created,
    mails,
    fanOut,
    digest: {
      ms: composeMs + sendMs,
      composeMs,
      sendMs,
      calls,
      // Each notification is read once from the due index and written once (in its mail's transaction).
      items: { notificationsRead: composed.notifications + composed.dropped + composed.rescheduled, itemsWritten: composed.notifications + composed.mails },
    },
  };
}

export function renderDigest(d: DigestResult): string {
  const calls = (c: CallCounts) => Object.entries(c).map(([k, v]) => `${v} ${k}`).join(' + ');
  return [
    `| step | what | time | DynamoDB calls |`,
    `|---|---|---|---|`,
    `| fan-out (during the day, every 5 minutes) | ${d.marks} marks in ${d.events} lessons of ${d.classes} classes → ${d.notifications} notifications | ${(d.fanOut.ms / 1000).toFixed(1)} s | ${calls(d.fanOut.calls)} |`,
    `| **digest run** (compose + send) | ${d.mails} e-mails to ${d.parents} parents' addresses | **${(d.digest.ms / 1000).toFixed(1)} s** (compose ${(d.digest.composeMs / 1000).toFixed(1)} s, send ${(d.digest.sendMs / 1000).toFixed(1)} s) | ${calls(d.digest.calls)} |`,
  ].join('\n');
}
