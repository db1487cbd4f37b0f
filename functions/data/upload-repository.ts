/**
 * A homework upload waiting to be attached: one small item per upload (who asked, for which
 * lesson, what was declared). Attaching deletes it in the same transaction that adds the file to
 * the lesson, so an upload is attached once; the table's TTL removes one never attached.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { stripKeys } from './query.ts';
import { tableName } from './table.ts';

export type HomeworkUploadRecord = {
  uploadId: string;
  lessonId: string;
  fileName: string;
  contentType: string;
  size: number;
  createdBy: string;
  createdAt: string;
};

/** Kept a day past its URL's expiry (TTL), then removed; an attach after the URL expired is still judged by the object. */
const KEEP_SECONDS = 24 * 3600;

export async function putUpload(u: HomeworkUploadRecord, now: Date): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.homeworkUpload(u.uploadId), type: 'HomeworkUpload', ...u, expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** GetItem, strongly consistent: an upload asked for a moment ago is found. */
export async function getUpload(uploadId: string): Promise<HomeworkUploadRecord | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.homeworkUpload(uploadId), ConsistentRead: true }));
  return out.Item ? stripKeys<HomeworkUploadRecord>(out.Item) : undefined;
}

/** The transaction item that consumes an upload: present now, gone after. */
export function consumeUpload(uploadId: string) {
  return { Delete: { TableName: tableName(), Key: keys.homeworkUpload(uploadId), ConditionExpression: 'attribute_exists(pk)' } };
}
