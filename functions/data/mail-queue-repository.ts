import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys, MAIL_PENDING } from './keys.ts';
import { tableName } from './table.ts';

/**
 * The mail outbox pattern: a service that must send e-mail writes a queued mail item in the same
 * transaction as its change, and the scheduled `deliver-mail` function sends it. So a change and
 * its e-mail are never half done, and nothing depends on DynamoDB Streams (absent locally).
 */
export type MailAttachment = { fileName: string; contentType: string; contentBase64: string };
/** An attachment kept in the files bucket (a report's PDF or XLSX), read when the mail is sent: the item stays small. */
export type StoredAttachment = { fileName: string; contentType: string; key: string };

export type QueuedMail = {
  mailId: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  storedAttachments?: StoredAttachment[];
  /** Why it is sent (e.g. `report:quarter-control`), for the audit trail; never personal data. */
  purpose: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  dueAt?: string;
  sentAt?: string;
  lastError?: string;
};

/** Attachments travel inside the item, so the whole mail must stay well below DynamoDB's 400 KB. */
export const MAX_INLINE_ATTACHMENT_BYTES = 300 * 1024;

export type NewMail = Pick<QueuedMail, 'to' | 'subject' | 'text' | 'html' | 'attachments' | 'storedAttachments' | 'purpose'> & { mailId?: string };

/** The item to put, e.g. inside a TransactWriteItems with the change that causes the mail. */
export function queuedMailItem(mail: NewMail, now = new Date()): Record<string, unknown> {
  const size = (mail.attachments ?? []).reduce((n, a) => n + a.contentBase64.length, 0);
  if (size > MAX_INLINE_ATTACHMENT_BYTES) throw new Error('mail attachments too large to queue inline');
  const mailId = mail.mailId ?? randomUUID();
  const createdAt = now.toISOString();
  return {
    ...keys.mail(mailId),
    ...keys.mailDue(createdAt),
    type: 'Mail',
    ...mail,
    mailId,
    status: 'pending',
    attempts: 0,
    createdAt,
  };
}

/** Queue one mail on its own. A retry with the same mailId is a no-op (idempotent). */
export async function enqueueMail(mail: NewMail & { mailId: string }): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({ TableName: tableName(), Item: queuedMailItem(mail), ConditionExpression: 'attribute_not_exists(pk)' }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return;
    throw error;
  }
}

/** Access pattern: mail due for delivery, oldest first (due index, sparse). */
export async function listDueMail(now: Date, limit: number): Promise<QueuedMail[]> {
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'due',
      KeyConditionExpression: 'duePk = :pk AND dueAt <= :now',
      ExpressionAttributeValues: { ':pk': MAIL_PENDING, ':now': now.toISOString() },
      Limit: limit,
    }),
  );
  return (out.Items ?? []) as QueuedMail[];
}

/**
 * Take a mail for sending: push its due time out (a lease) and count the attempt, on condition
 * that nobody else took it since we read it. Returns false when another run won.
 */
export async function claimMail(mail: QueuedMail, leaseUntil: Date): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.mail(mail.mailId),
        UpdateExpression: 'SET dueAt = :lease, attempts = :next',
        ConditionExpression: 'attempts = :seen AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':lease': leaseUntil.toISOString(), ':next': mail.attempts + 1, ':seen': mail.attempts, ':pending': 'pending' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Sent: leave the queue (the due index is sparse, so removing duePk removes it from the index). */
export async function markMailSent(mailId: string, sentAt: Date, messageId: string): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.mail(mailId),
      UpdateExpression: 'SET #status = :sent, sentAt = :at, messageId = :mid REMOVE duePk, dueAt, lastError',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt.toISOString(), ':mid': messageId },
    }),
  );
}

/** Failed attempt: retry later, or give up after the last attempt (kept for the operator to see). */
export async function markMailFailed(mailId: string, error: string, retryAt: Date | undefined): Promise<void> {
  const giveUp = retryAt === undefined;
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.mail(mailId),
      UpdateExpression: giveUp ? 'SET #status = :failed, lastError = :e REMOVE duePk, dueAt' : 'SET dueAt = :retry, lastError = :e',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: giveUp ? { '#status': 'status' } : undefined,
      ExpressionAttributeValues: giveUp ? { ':failed': 'failed', ':e': error } : { ':retry': retryAt.toISOString(), ':e': error },
    }),
  );
}
