/**
 * The backups bucket (S3 in AWS, the local stand-in on one machine; the same calls). The bucket
 * is passed in, not read from the environment: the restore command runs outside any function.
 * Nothing here deletes: old backups go by the bucket's lifecycle (infra/lib/backups-bucket.ts).
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '#functions/lib/s3-client.ts';
import { BACKUP_PREFIX, backupIdSchema, backupManifestSchema, manifestKey, type BackupManifest } from './manifest.ts';

export function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** A key of this backup is already there: another run wrote it (two runs in one minute). */
export class BackupKeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`backup object ${key} exists already: another run is writing this backup; try again in a minute`);
    this.name = 'BackupKeyTakenError';
  }
}

/**
 * Writes an object only if its key is free (`If-None-Match: *`): a backup never overwrites one.
 * S3 checks the body against the SHA-256 sent with it.
 */
export async function putNewObject(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        IfNoneMatch: '*',
        ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'PreconditionFailed') throw new BackupKeyTakenError(key);
    throw error;
  }
}

/** An object's bytes, or undefined when there is no such key. */
export async function getObjectBytes(bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await out.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Keys under a prefix, in S3's (UTF-8 binary) order. */
export async function listKeys(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    for (const object of out.Contents ?? []) if (object.Key) keys.push(object.Key);
    ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys;
}

/** The ids of every backup folder (complete or not), oldest first. */
export async function listBackupIds(bucket: string): Promise<string[]> {
  const ids: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: BACKUP_PREFIX, Delimiter: '/', ContinuationToken }));
    for (const common of out.CommonPrefixes ?? []) {
      const id = common.Prefix?.slice(BACKUP_PREFIX.length, -1) ?? '';
      if (backupIdSchema.safeParse(id).success) ids.push(id);
    }
    ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return ids.sort();
}

/** A backup's manifest; undefined when the backup is incomplete (no manifest yet, or a run that died). */
export async function readManifest(bucket: string, id: string): Promise<BackupManifest | undefined> {
  const body = await getObjectBytes(bucket, manifestKey(id));
  if (!body) return undefined;
  return backupManifestSchema.parse(JSON.parse(Buffer.from(body).toString('utf8')));
}

/** The newest complete backup (one with a manifest), or undefined. */
export async function latestManifest(bucket: string): Promise<BackupManifest | undefined> {
  const ids = await listBackupIds(bucket);
  for (const id of ids.reverse()) {
    const manifest = await readManifest(bucket, id);
    if (manifest) return manifest;
  }
  return undefined;
}
