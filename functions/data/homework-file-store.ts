/**
 * Homework files in the files bucket (S3 in AWS, the local stand-in on one machine; the same
 * calls). Keys: `pending/<uploadId>` where a browser's upload lands (a day's lifecycle removes
 * what is never attached), `homework/<lessonId>/<fileId>` once the API has checked and attached
 * it. Every key is made here and nowhere else.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { functionEnv } from '#shared/config/function-env.ts';
import { SNIFF_BYTES } from '#shared/domain/homework-file-types.ts';
import type { HomeworkFile } from '#shared/domain/lesson.ts';
import { s3 } from '#functions/lib/s3-client.ts';

/** An upload URL lives 15 minutes: enough for 10 MB on a slow school line, short if it leaks. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** A download link lives 5 minutes: it is opened at once. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

const bucket = () => functionEnv().FILES_BUCKET;
export const pendingKey = (uploadId: string) => `pending/${uploadId}`;
export const homeworkKey = (lessonId: string, fileId: string) => `homework/${lessonId}/${fileId}`;

/**
 * A single-use upload URL: the type and length are signed (the browser cannot send another
 * file than it declared), and `If-None-Match: *` makes storage refuse a second PUT to the key.
 */
export async function presignUpload(uploadId: string, contentType: string, size: number, now: Date) {
  const command = new PutObjectCommand({ Bucket: bucket(), Key: pendingKey(uploadId), ContentType: contentType, ContentLength: size, IfNoneMatch: '*' });
  const url = await getSignedUrl(s3, command, {
    expiresIn: UPLOAD_URL_SECONDS,
    signingDate: now,
    signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
  });
  // The browser sets Content-Length itself from the body (a page may not set it).
  return { url, headers: { 'content-type': contentType, 'if-none-match': '*' }, expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString() };
}

/** What landed for an upload: its size and first bytes, or undefined when nothing did. */
export async function inspectPending(uploadId: string): Promise<{ size: number; first: Uint8Array } | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: pendingKey(uploadId) }));
    const size = head.ContentLength ?? 0;
    if (size === 0) return { size, first: new Uint8Array() };
    const part = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: pendingKey(uploadId), Range: `bytes=0-${SNIFF_BYTES - 1}` }));
    return { size, first: (await part.Body?.transformToByteArray()) ?? new Uint8Array() };
  } catch (error) {
    // Without s3:ListBucket, S3 answers a missing key with 403 (AccessDenied), not 404.
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The checked upload copied to where the lesson's file lives (server-side); the pending object stays until the lesson names it. */
export async function copyToHomework(uploadId: string, lessonId: string): Promise<void> {
  await s3.send(
    new CopyObjectCommand({ Bucket: bucket(), Key: homeworkKey(lessonId, uploadId), CopySource: `${bucket()}/${encodeURIComponent(pendingKey(uploadId))}` }),
  );
}

export async function removePending(uploadId: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: pendingKey(uploadId) }));
}

/** Takes a file off (the bucket's versioning keeps it 30 days for a mistake). */
export async function removeHomeworkObject(lessonId: string, fileId: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: homeworkKey(lessonId, fileId) }));
}

/** A short-lived download link that saves the file under its name, with its checked type. */
export async function presignDownload(lessonId: string, file: HomeworkFile, now: Date) {
  const command = new GetObjectCommand({
    Bucket: bucket(),
    Key: homeworkKey(lessonId, file.id),
    ResponseContentType: file.contentType,
    ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  });
  const url = await getSignedUrl(s3, command, { expiresIn: DOWNLOAD_URL_SECONDS, signingDate: now });
  return { url, expiresAt: new Date(now.getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString() };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.name === 'AccessDenied' || e?.$metadata?.httpStatusCode === 404 || e?.$metadata?.httpStatusCode === 403;
}
