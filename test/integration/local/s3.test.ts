/**
 * The local S3 stand-in (/s3/, infra/local/s3) over HTTP: through the real SDK, as the functions
 * call it, and with presigned URLs used by plain fetch, as a browser uploads and downloads
 * homework files. Every request is signed as S3 wants it; objects survive a restart.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OBJECT_BYTES } from '#infra/local/s3/index.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_FILES_BUCKET, type LocalStack } from '#infra/local/stack.ts';
import { startTestStack } from '../../support/local-stack.ts';

const Bucket = LOCAL_FILES_BUCKET;
let dataDir: string;
let stack: LocalStack;
let s3: S3Client;

const clientFor = (port: number, config: S3ClientConfig = {}) =>
  new S3Client({
    endpoint: `http://127.0.0.1:${port}/s3`,
    forcePathStyle: true,
    region: LOCAL_AWS_CREDENTIALS.region,
    credentials: LOCAL_AWS_CREDENTIALS,
    maxAttempts: 1,
    ...config,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'klassny-s3-test-'));
  stack = await startTestStack({ seed: false, dataDir });
  s3 = clientFor(stack.port);
});
afterAll(async () => {
  s3?.destroy();
  await stack?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const md5 = (data: Buffer | string) => `"${createHash('md5').update(data).digest('hex')}"`;
const bytesOf = async (key: string, client = s3) =>
  Buffer.from((await (await client.send(new GetObjectCommand({ Bucket, Key: key }))).Body!.transformToByteArray()));
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ name: 'resolved', status: 0 }),
    (e: { name: string; $metadata?: { httpStatusCode?: number } }) => ({ name: e.name, status: e.$metadata?.httpStatusCode }),
  );
const errorCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

const KEYS = ['homework/5А/Задание №1 (вариант 2).pdf', 'a b/c  d/e f.txt', "odd/~!*'()&$@=;:+,?#[]%.bin"];

describe('objects through the SDK', () => {
  it('put, head, get, list, copy and delete keys with /, spaces and Cyrillic', async () => {
    for (const [i, Key] of KEYS.entries()) {
      const body = `файл ${i}: ${Key}`;
      const put = await s3.send(
        new PutObjectCommand({
          Bucket,
          Key,
          Body: body,
          ContentType: 'text/plain; charset=utf-8',
          ContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent('Задание.txt')}`,
          Metadata: { lesson: `l-${i}` },
        }),
      );
      expect(put.ETag).toBe(md5(body));
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
      expect(head).toMatchObject({
        ContentLength: Buffer.byteLength(body),
        ContentType: 'text/plain; charset=utf-8',
        ContentDisposition: "attachment; filename*=UTF-8''%D0%97%D0%B0%D0%B4%D0%B0%D0%BD%D0%B8%D0%B5.txt",
        ETag: md5(body),
        Metadata: { lesson: `l-${i}` },
      });
      expect((await bytesOf(Key)).toString('utf8')).toBe(body);
    }

    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'homework/5А/' }));
    expect(listed.Contents?.map((c) => [c.Key, c.Size, c.ETag])).toEqual([[KEYS[0], Buffer.byteLength(`файл 0: ${KEYS[0]}`), md5(`файл 0: ${KEYS[0]}`)]]);
    const all = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: '' }));
    expect(all.Contents?.map((c) => c.Key)).toEqual([...KEYS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    const paged = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 1 }));
    expect(paged.IsTruncated).toBe(true);
    const rest = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: paged.NextContinuationToken }));
    expect([...paged.Contents!, ...rest.Contents!].map((c) => c.Key)).toEqual(all.Contents!.map((c) => c.Key));
    const folders = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(folders.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a b/', 'homework/', 'odd/']);

    const copy = 'homework/5Б/копия задания.pdf';
    const copied = await s3.send(new CopyObjectCommand({ Bucket, Key: copy, CopySource: `${Bucket}/${encodeURIComponent(KEYS[0]!)}` }));
    expect(copied.CopyObjectResult?.ETag).toBe(md5(`файл 0: ${KEYS[0]}`));
    expect((await bytesOf(copy)).toString('utf8')).toBe(`файл 0: ${KEYS[0]}`);
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key: copy }))).Metadata).toEqual({ lesson: 'l-0' });
    await s3.send(
      new CopyObjectCommand({ Bucket, Key: copy, CopySource: `/${Bucket}/${encodeURIComponent(KEYS[1]!)}`, MetadataDirective: 'REPLACE', ContentType: 'text/csv' }),
    );
    expect(await s3.send(new HeadObjectCommand({ Bucket, Key: copy }))).toMatchObject({ ContentType: 'text/csv', Metadata: {} });
    expect(await rejection(s3.send(new CopyObjectCommand({ Bucket, Key: copy, CopySource: `${Bucket}/nothing-here` })))).toEqual({ name: 'NoSuchKey', status: 404 });

    for (const Key of [...KEYS, copy]) {
      expect((await s3.send(new DeleteObjectCommand({ Bucket, Key }))).$metadata.httpStatusCode).toBe(204);
      // Deleting what is not there succeeds too, as in S3.
      expect((await s3.send(new DeleteObjectCommand({ Bucket, Key }))).$metadata.httpStatusCode).toBe(204);
      expect(await rejection(s3.send(new GetObjectCommand({ Bucket, Key })))).toEqual({ name: 'NoSuchKey', status: 404 });
      expect(await rejection(s3.send(new HeadObjectCommand({ Bucket, Key })))).toEqual({ name: 'NotFound', status: 404 });
    }
  });

  it('reads a range of bytes (206), as the API sniffs a file\'s first bytes', async () => {
    const Key = 'range/образец.bin';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: '0123456789' }));
    const part = await s3.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=2-5' }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 2-5/10');
    expect(await part.Body!.transformToString()).toBe('2345');
    expect(await (await s3.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=-3' }))).Body!.transformToString()).toBe('789');
    expect(await (await s3.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=8-100' }))).Body!.transformToString()).toBe('89');
    expect(await rejection(s3.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=10-' })))).toEqual({ name: 'InvalidRange', status: 416 });
  });

  it('takes streamed bodies (aws-chunked, CRC32 trailer), checks checksums and answers them', async () => {
    const Key = 'stream/поток.bin';
    const chunks = [Buffer.alloc(70_000, 1), Buffer.alloc(5, 2), Buffer.alloc(100_000, 3)];
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: Readable.from(chunks), ContentLength: 170_005 }));
    const whole = Buffer.concat(chunks);
    expect((await bytesOf(Key)).equals(whole)).toBe(true);
    const checked = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
    expect(checked.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    await checked.Body!.transformToByteArray(); // the SDK validates the checksum while reading
    expect(await rejection(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'not what was summed', ChecksumCRC32: 'AAAAAA==' })))).toEqual({
      name: 'BadDigest',
      status: 400,
    });
    expect((await bytesOf(Key)).equals(whole)).toBe(true);
  });

  it('refuses a PUT with If-None-Match: * over an existing key (412), as S3\'s conditional writes do', async () => {
    const Key = 'conditional/один раз.txt';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'first', IfNoneMatch: '*' }));
    expect(await rejection(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'second', IfNoneMatch: '*' })))).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect((await bytesOf(Key)).toString()).toBe('first');
  });

  it('knows its bucket and no other', async () => {
    expect((await s3.send(new HeadBucketCommand({ Bucket }))).$metadata.httpStatusCode).toBe(200);
    expect(await rejection(s3.send(new CreateBucketCommand({ Bucket })))).toEqual({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    expect(await rejection(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).toEqual({ name: 'NotFound', status: 404 });
    expect(await rejection(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'a' })))).toEqual({ name: 'NoSuchBucket', status: 404 });
  });

  it('refuses clients signing with other credentials, another region or none', async () => {
    const cases: Array<[S3ClientConfig, string, number]> = [
      [{ credentials: { ...LOCAL_AWS_CREDENTIALS, secretAccessKey: 'guessed' } }, 'SignatureDoesNotMatch', 403],
      [{ credentials: { ...LOCAL_AWS_CREDENTIALS, accessKeyId: 'someone' } }, 'InvalidAccessKeyId', 403],
      [{ region: 'us-east-1' }, 'AuthorizationHeaderMalformed', 400],
    ];
    for (const [config, name, status] of cases) {
      const client = clientFor(stack.port, config);
      try {
        expect(await rejection(client.send(new GetObjectCommand({ Bucket, Key: 'conditional/один раз.txt' })))).toEqual({ name, status });
      } finally {
        client.destroy();
      }
    }
    const unsigned = await fetch(`http://127.0.0.1:${stack.port}/s3/${Bucket}/conditional/x`, { method: 'PUT', body: 'anonymous' });
    expect(unsigned.status).toBe(403);
    const xml = await unsigned.text();
    expect(errorCode(xml)).toBe('AccessDenied');
    expect(xml).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId>/);
    expect((await fetch(`http://127.0.0.1:${stack.port}/s3/${Bucket}/conditional/${encodeURIComponent('один раз.txt')}`)).status).toBe(403);
  });

  it('the functions\' client, configured by the environment alone, uses the bucket; its URLs are on the site\'s origin', async () => {
    expect(process.env.FILES_BUCKET).toBe(Bucket);
    const { s3: functionsClient } = await import('#functions/lib/s3-client.ts');
    await functionsClient.send(new PutObjectCommand({ Bucket, Key: 'functions/проверка.txt', Body: 'из функции' }));
    expect((await bytesOf('functions/проверка.txt', functionsClient)).toString()).toBe('из функции');
    const url = new URL(await getSignedUrl(functionsClient, new GetObjectCommand({ Bucket, Key: 'functions/проверка.txt' }), { expiresIn: 60 }));
    // Same origin as the site: the browser's PUT and GET need no CORS and pass its CSP (connect-src 'self').
    expect(url.origin).toBe(new URL(stack.url).origin);
    expect(await (await fetch(url)).text()).toBe('из функции');
  });
});

describe('presigned URLs used by plain fetch, as a browser does', () => {
  const signed = new Set(['content-type', 'content-length', 'if-none-match']);
  const presignPut = (Key: string, size: number, options: { signingDate?: Date; expiresIn?: number } = {}) =>
    getSignedUrl(s3, new PutObjectCommand({ Bucket, Key, ContentType: 'application/pdf', ContentLength: size, IfNoneMatch: '*' }), {
      expiresIn: 900,
      signableHeaders: signed,
      ...options,
    });
  const browserPut = (url: string, body: Buffer, contentType = 'application/pdf') =>
    fetch(url, { method: 'PUT', headers: { 'content-type': contentType, 'if-none-match': '*' }, body });
  const PDF = Buffer.from('%PDF-1.7\nДомашнее задание\n%%EOF\n');

  it('uploads once: the first PUT 200, the second 412', async () => {
    const Key = 'pending/upload-1';
    const url = await presignPut(Key, PDF.length);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;if-none-match');
    const first = await browserPut(url, PDF);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(md5(PDF));
    const second = await browserPut(url, PDF);
    expect(second.status).toBe(412);
    expect(errorCode(await second.text())).toBe('PreconditionFailed');
    const stored = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    expect(stored).toMatchObject({ ContentType: 'application/pdf', ContentLength: PDF.length });
  });

  it('refuses another type or length than signed, a tampered signature, an expired URL', async () => {
    const url = await presignPut('pending/upload-2', PDF.length);
    const otherType = await browserPut(url, PDF, 'text/html');
    expect([otherType.status, errorCode(await otherType.text())]).toEqual([403, 'SignatureDoesNotMatch']);
    const otherLength = await browserPut(url, Buffer.concat([PDF, PDF]));
    expect([otherLength.status, errorCode(await otherLength.text())]).toEqual([403, 'SignatureDoesNotMatch']);
    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Signature', tampered.searchParams.get('X-Amz-Signature')!.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    const forged = await browserPut(tampered.href, PDF);
    expect([forged.status, errorCode(await forged.text())]).toEqual([403, 'SignatureDoesNotMatch']);
    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604801');
    const week = await browserPut(longer.href, PDF);
    expect([week.status, errorCode(await week.text())]).toEqual([400, 'AuthorizationQueryParametersError']);

    const expired = await browserPut(await presignPut('pending/upload-2', PDF.length, { signingDate: new Date(Date.now() - 61_000), expiresIn: 60 }), PDF);
    expect(expired.status).toBe(403);
    const xml = await expired.text();
    expect(errorCode(xml)).toBe('AccessDenied');
    expect(xml).toContain('<Message>Request has expired</Message>');
    // Nothing was stored by any of them; the good URL still works.
    expect((await browserPut(url, PDF)).status).toBe(200);
  });

  it('downloads with the file\'s name and type given in the URL (response-content-disposition)', async () => {
    const Key = 'homework/lesson-1/file-1';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: PDF, ContentType: 'application/octet-stream' }));
    const disposition = `attachment; filename*=UTF-8''${encodeURIComponent('Задание к уроку 24.11.pdf')}`;
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket, Key, ResponseContentDisposition: disposition, ResponseContentType: 'application/pdf' }),
      { expiresIn: 300 },
    );
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(disposition);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);

    const missing = await fetch(await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'homework/нет такого' }), { expiresIn: 60 }));
    expect(missing.status).toBe(404);
    const xml = await missing.text();
    expect(errorCode(xml)).toBe('NoSuchKey');
    expect(xml).toContain('<Key>homework/нет такого</Key>');
    const head = await fetch(await getSignedUrl(s3, new HeadObjectCommand({ Bucket, Key: 'homework/нет такого' }), { expiresIn: 60 }), { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([404, '']);
  });

  it('keeps the metadata a presigned URL carries in its query, as S3 does', async () => {
    const Key = 'pending/with-metadata';
    const command = new PutObjectCommand({ Bucket, Key, ContentType: 'application/pdf', ContentLength: PDF.length, Metadata: { lesson: 'урок-1' } });
    const url = await getSignedUrl(s3, command, { expiresIn: 60, signableHeaders: signed });
    expect(new URL(url).searchParams.get('x-amz-meta-lesson')).toBe('урок-1');
    expect((await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/pdf' }, body: PDF })).status).toBe(200);
    // Beyond US-ASCII, S3 answers metadata encoded as RFC 2047.
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).Metadata).toEqual({ lesson: `=?UTF-8?B?${Buffer.from('урок-1').toString('base64')}?=` });
  });

  it('two PUTs with If-None-Match: * at the same moment: exactly one 200 and one 412', async () => {
    const a = Buffer.from('%PDF-1.7\nпервый\n');
    const b = Buffer.from('%PDF-1.7\nвторой\n');
    const url = await presignPut('pending/race', a.length);
    const [ra, rb] = await Promise.all([browserPut(url, a), browserPut(url, b)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 412]);
    expect(await bytesOf('pending/race')).toEqual(ra.status === 200 ? a : b);
  });

  it('refuses a declared length over 50 MB before reading the body (EntityTooLarge)', async () => {
    const size = MAX_OBJECT_BYTES + 1;
    const url = new URL(await presignPut('pending/too-big', size));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'PUT', headers: { 'content-type': 'application/pdf', 'content-length': size, 'if-none-match': '*' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer.body)).toBe('EntityTooLarge');
  });
});

describe('on disk', () => {
  const incoming = () => readdir(join(dataDir, 's3', '.incoming'));

  it('an upload cut off midway leaves the object as it was, and nothing half-written', async () => {
    const Key = 'homework/прежний.pdf';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'прежний' }));
    const url = new URL(
      await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key, ContentType: 'application/pdf', ContentLength: 1000 }), {
        expiresIn: 60,
        signableHeaders: new Set(['content-type', 'content-length']),
      }),
    );
    const req = request(url, { method: 'PUT', headers: { 'content-type': 'application/pdf', 'content-length': 1000 } });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(600, 7));
    for (let i = 0; i < 100 && (await incoming()).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await incoming()).length).toBe(1); // the new body is being written aside
    req.destroy();
    for (let i = 0; i < 100 && (await incoming()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await incoming()).toEqual([]);
    expect((await bytesOf(Key)).toString()).toBe('прежний');
  });

  it('keeps objects across a restart; a write a kill cut short is dropped', async () => {
    const Key = 'homework/сохранится.pdf';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'до перезапуска', ContentType: 'application/pdf' }));
    s3.destroy();
    await stack.close();
    await writeFile(join(dataDir, 's3', '.incoming', 'killed-midway'), 'half a bo');
    stack = await startTestStack({ seed: false, dataDir });
    s3 = clientFor(stack.port);
    expect(await incoming()).toEqual([]);
    expect((await bytesOf(Key)).toString()).toBe('до перезапуска');
    expect((await s3.send(new HeadObjectCommand({ Bucket, Key }))).ContentType).toBe('application/pdf');
    expect((await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'homework/' }))).Contents?.map((c) => c.Key)).toContain(Key);
  });
});
