import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Guardianship } from '#shared/domain/guardianship.ts';
import type { NotificationSettings, NotificationTopic } from '#shared/domain/notification.ts';
import type { Person } from '#shared/domain/person.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import type { ChangeValue } from './change-outbox.ts';
import { keys, NOTEMAIL_PENDING, RANGE_END } from './keys.ts';
import type { ConsentLine } from './people-repository.ts';
import { queryAll, queryPrefix, stripKeys, type StoredItem } from './query.ts';
import { tableName } from './table.ts';

/**
 * A recipient's notification about one thing (a mark, an absence, a lesson's homework, a final
 * mark): what they knew before (`before`) and what it is now (`after`). While it is open —
 * neither read in the app nor e-mailed — further changes of the thing merge into it, and a
 * change back to `before` removes it. Its id is made from the recipient, the thing and the
 * version that opened it, so the fan-out applying one change twice writes one notification.
 */
export type StoredNotification = {
  id: string;
  recipientId: string;
  topic: NotificationTopic;
  studentId: string;
  studentName: string;
  classId: string;
  subjectId: string;
  date: string;
  lessonId?: string;
  periodId?: string;
  entityKey: string;
  /** The thing's version the notification shows (the latest change applied). */
  entityVersion: number;
  before: ChangeValue | null;
  after: ChangeValue | null;
  /** Shown in the app (the recipient's choice for the topic). */
  inApp: boolean;
  /** pending: to be e-mailed at `mailAt`; queued: in an e-mail; none: not e-mailed. */
  mail: 'pending' | 'queued' | 'none';
  mailAt?: string;
  mailId?: string;
  createdAt: string;
  updatedAt: string;
  readAt?: string;
  /** The notification's own version: every change of it is conditional on the one read. */
  version: number;
};

const isOpen = (n: StoredNotification) => n.readAt === undefined && n.mail !== 'queued';

/** Kept a school year and its summer, then removed by the table's TTL (152-ФЗ: no longer than needed). */
export const NOTIFICATION_KEPT_DAYS = 400;

/** The stored item with its index keys as its state asks: unread (gsi1), open (gsi2), mail due (due). */
export function notificationItem(n: StoredNotification): StoredItem {
  return {
    ...keys.notification(n.recipientId, n.id),
    ...(n.inApp && n.readAt === undefined ? keys.notificationUnread(n.recipientId, n.id) : {}),
    ...(isOpen(n) ? keys.notificationOpen(n.entityKey, n.recipientId) : {}),
    ...(n.mail === 'pending' && n.mailAt ? keys.notificationMailDue(`${n.mailAt}#${n.recipientId}`) : {}),
    type: 'Notification',
    ...n,
    expiresAt: Math.floor(Date.parse(n.createdAt) / 1000) + NOTIFICATION_KEPT_DAYS * 86_400,
  };
}

const fromItem = (item: Record<string, unknown>) => stripKeys<StoredNotification>(item);

/** AP26 · the open notifications about one thing, one per recipient: Query gsi2 OPEN#<entityKey>. */
export async function getOpenNotifications(entityKey: string): Promise<StoredNotification[]> {
  const items = await queryPrefix({ name: 'gsi2pk', value: `OPEN#${entityKey}` }, 'gsi2sk', '', { index: 'gsi2' });
  return items.map(fromItem);
}

/** Create; false when it exists already (the same change applied again). */
export async function createNotification(n: StoredNotification): Promise<boolean> {
  try {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: notificationItem(n), ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Replace on the version read; false when it changed meanwhile (read, e-mailed, merged). */
export async function replaceNotification(n: StoredNotification, seenVersion: number): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: notificationItem({ ...n, version: seenVersion + 1 }),
        ConditionExpression: 'version = :seen',
        ExpressionAttributeValues: { ':seen': seenVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Remove on the version read (changed back before anyone was told); false when it changed meanwhile. */
export async function deleteNotification(n: StoredNotification): Promise<boolean> {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: tableName(),
        Key: keys.notification(n.recipientId, n.id),
        ConditionExpression: 'version = :seen',
        ExpressionAttributeValues: { ':seen': n.version },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * AP27 · a recipient's notifications shown in the app, newest first, one page: Query pk =
 * NOTES#<person>, descending, from before the cursor (an id: ids are time-ordered).
 */
export async function listNotificationsPage(
  recipientId: string,
  limit: number,
  before?: string,
): Promise<{ items: StoredNotification[]; nextCursor?: string }> {
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: before ? 'pk = :pk AND sk < :before' : 'pk = :pk',
      // Only what the recipient chose to see in the app; e-mail-only ones stay out of the bell.
      FilterExpression: 'inApp = :yes',
      ExpressionAttributeValues: { ':pk': `NOTES#${recipientId}`, ':yes': true, ...(before ? { ':before': before } : {}) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  const last = out.LastEvaluatedKey?.sk;
  return { items: (out.Items ?? []).map(fromItem), ...(typeof last === 'string' ? { nextCursor: last } : {}) };
}

/** AP28 · a recipient's unread notifications (ids and versions): Query gsi1 UNREAD#<person>. */
export async function listUnread(recipientId: string): Promise<{ id: string }[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': `UNREAD#${recipientId}` },
    ProjectionExpression: 'id',
  });
  return items.map((i) => ({ id: String(i.id) }));
}

/** The bell's number: Query gsi1 UNREAD#<person> with Select COUNT (no items travel). */
export async function countUnread(recipientId: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `UNREAD#${recipientId}` },
        Select: 'COUNT',
        ExclusiveStartKey,
      }),
    );
    count += out.Count ?? 0;
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

/**
 * Read: out of the unread and open indexes (a later change starts a new notification). Only the
 * recipient's own (the key holds them); reading twice changes nothing.
 */
export async function markRead(recipientId: string, id: string, at: string): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.notification(recipientId, id),
        UpdateExpression: 'SET readAt = :at, version = version + :one REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(readAt)',
        ExpressionAttributeValues: { ':at': at, ':one': 1 },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** AP29 · notifications due to be e-mailed, oldest first: Query due NOTEMAIL#PENDING, dueAt ≤ now. */
export async function listMailDue(now: Date, limit: number, after?: Record<string, unknown>): Promise<{ items: StoredNotification[]; next?: Record<string, unknown> }> {
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'due',
      KeyConditionExpression: 'duePk = :pk AND dueAt <= :now',
      ExpressionAttributeValues: { ':pk': NOTEMAIL_PENDING, ':now': `${now.toISOString()}${RANGE_END}` },
      Limit: limit,
      ExclusiveStartKey: after,
    }),
  );
  return { items: (out.Items ?? []).map(fromItem), ...(out.LastEvaluatedKey ? { next: out.LastEvaluatedKey } : {}) };
}

/** What the fan-out and the mail need to know of a recipient: one Query of their partition. */
export type RecipientFacts = {
  person?: Person;
  consents: ConsentLine[];
  /** A student's parents (guardianships seen from the child). */
  parents: Guardianship[];
  settings?: { settings: NotificationSettings; version: number };
};

export async function getRecipientFacts(personId: string): Promise<RecipientFacts> {
  const items = await queryPrefix({ name: 'pk', value: `PERSON#${personId}` }, 'sk', '');
  const out: RecipientFacts = { consents: [], parents: [] };
  for (const item of items) {
    if (item.type === 'Person') out.person = stripKeys<Person>(item);
    else if (item.type === 'ConsentLine') out.consents.push(stripKeys<ConsentLine>(item));
    else if (item.type === 'Guardianship') out.parents.push(stripKeys<Guardianship>(item));
    else if (item.type === 'NotificationSettings') {
      const s = stripKeys<{ settings: NotificationSettings; version: number }>(item);
      out.settings = { settings: s.settings, version: s.version };
    }
  }
  return out;
}

/** A person's own settings item (strongly consistent: read before a conditional write). */
export async function getSettingsItem(personId: string): Promise<{ settings: NotificationSettings; version: number } | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.notificationSettings(personId), ConsistentRead: true }));
  return out.Item ? { settings: out.Item.settings as NotificationSettings, version: Number(out.Item.version) } : undefined;
}

export function settingsItem(personId: string, settings: NotificationSettings, version: number, by: string, at: string): StoredItem {
  return { ...keys.notificationSettings(personId), type: 'NotificationSettings', personId, settings, version, setBy: by, setAt: at };
}

/**
 * One e-mail about some of a recipient's notifications, in one transaction: the queued mail
 * (created once: its id is made from what it holds) and each notification marked as e-mailed —
 * each on the version read, so a notification merged, read or taken by another run meanwhile
 * stops the whole mail (false), and the next run composes it again from what is there.
 */
export async function queueNotificationMail(mail: StoredItem, notes: StoredNotification[], mailId: string): Promise<boolean> {
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: mail, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...notes.map((n) => ({
            Put: {
              TableName: tableName(),
              Item: notificationItem({ ...n, mail: 'queued', mailId, version: n.version + 1 }),
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': n.version },
            },
          })),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/** Not e-mailed after all (read in the app meanwhile, the topic's e-mail turned off, no address). */
export async function dropFromMail(n: StoredNotification): Promise<boolean> {
  const { mailAt, ...rest } = n;
  void mailAt;
  return replaceNotification({ ...rest, mail: 'none' }, n.version);
}

/** E-mailed later (the settings changed to a later time). */
export async function rescheduleMail(n: StoredNotification, mailAt: string): Promise<boolean> {
  return replaceNotification({ ...n, mailAt }, n.version);
}
