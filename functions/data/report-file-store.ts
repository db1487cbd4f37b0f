/**
 * Report files in the files bucket (S3 in AWS, the local stand-in on one machine; the same calls).
 * Keys: `reports/exports/<id>/<file>` for an export made on request (a day's lifecycle removes
 * them), `reports/control/<check>/<periodKey>/<file>` for a control check's stored справка (kept
 * with the bucket's versioning). Every key is made here and nowhere else.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { functionEnv } from '#shared/config/function-env.ts';
import { s3 } from '#functions/lib/s3-client.ts';

/** A report link lives 15 minutes in the app; a link in an e-mail, 7 days (S3's longest). */
export const REPORT_URL_SECONDS = 15 * 60;
export const MAILED_REPORT_URL_SECONDS = 7 * 24 * 3600;

const bucket = () => functionEnv().FILES_BUCKET;
export const exportKey = (id: string, fileName: string) => `reports/exports/${id}/${fileName}`;
export const controlReportKey = (check: string, periodKey: string, fileName: string) => `reports/control/${check}/${periodKey}/${fileName}`;

export async function putReportFile(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
}

export async function readReportFile(key: string): Promise<Uint8Array> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
}

/** A short-lived link that saves the file under its name. */
export async function presignReportFile(key: string, fileName: string, contentType: string, now: Date, seconds = REPORT_URL_SECONDS) {
  const command = new GetObjectCommand({
    Bucket: bucket(),
    Key: key,
    ResponseContentType: contentType,
    ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
  const url = await getSignedUrl(s3, command, { expiresIn: seconds, signingDate: now });
  return { url, expiresAt: new Date(now.getTime() + seconds * 1000).toISOString() };
}
