/** The object operations: PutObject, GetObject / HeadObject, DeleteObject, CopyObject. */
import { pipeline } from 'node:stream/promises';
import { headerValue } from '../sigv4.ts';
import { respond, type S3Call } from './call.ts';
import { invalidArgument, noSuchBucket, noSuchKey, notImplemented, preconditionFailed, S3Error } from './errors.ts';
import { incomingBody } from './incoming-body.ts';
import type { StoredObject, WriteCondition } from './object-store.ts';
import { parseRange } from './range.ts';
import { xmlDocument, xmlElements } from './xml.ts';

/** The headers S3 keeps with an object and answers with (its "system metadata"). */
const STORED_HEADERS = ['content-type', 'content-disposition', 'content-encoding', 'content-language', 'cache-control', 'expires'];
/** S3 limits the user-defined metadata (names and values of x-amz-meta-*) to 2 KB. */
const MAX_METADATA_BYTES = 2048;

export async function putObject(call: S3Call): Promise<void> {
  const condition = writeCondition(call);
  const headers = storedHeaders(call);
  const metadata = userMetadata(call);
  // A condition that already fails refuses the upload before its body is read; it is asked again at the commit.
  if (condition) await checkNow(call, condition);
  const body = incomingBody(call.req, call.auth, call.maxObjectBytes);
  const object = await call.store.put(
    call.bucket,
    call.key,
    body.stream,
    () => {
      const digest = body.digest();
      return { size: digest.size, etag: `"${digest.md5Hex}"`, headers, metadata, ...(digest.checksum ? { checksum: digest.checksum } : {}) };
    },
    condition,
  );
  respond(call, 200, { etag: object.etag, ...checksumHeaders(object) });
}

/** GetObject, and HeadObject (`head`): the same answer without a body. */
export async function getObject(call: S3Call, head: boolean): Promise<void> {
  const opened = await call.store.open(call.bucket, call.key);
  if (!opened) throw noSuchKey(call.key);
  let streaming = false;
  try {
    const { object } = opened;
    const validators = { etag: object.etag, 'last-modified': new Date(object.lastModified).toUTCString() };
    const ifMatch = headerValue(call.req.headers, 'if-match');
    if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
    const ifNoneMatch = headerValue(call.req.headers, 'if-none-match');
    if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag)) return respond(call, 304, validators);

    const range = parseRange(headerValue(call.req.headers, 'range'), object.size);
    if (range === 'unsatisfiable') {
      throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, {
        RangeRequested: headerValue(call.req.headers, 'range') ?? '',
        ActualObjectSize: String(object.size),
      }, { 'content-range': `bytes */${object.size}` });
    }
    const [start, end] = range ?? [0, object.size - 1];
    const headers: Record<string, string> = {
      ...object.headers,
      ...validators,
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
      ...(range ? { 'content-range': `bytes ${start}-${end}/${object.size}` } : {}),
      ...Object.fromEntries(Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, mailSafe(value)])),
      // Full-object checksums are answered only when asked for and only for the whole body, as S3 does.
      ...(!range && headerValue(call.req.headers, 'x-amz-checksum-mode') === 'ENABLED' ? checksumHeaders(object) : {}),
      ...responseOverrides(call),
      'x-amz-request-id': call.requestId,
    };
    call.res.writeHead(range ? 206 : 200, headers);
    if (head) return void call.res.end();
    streaming = true;
    // A download the client abandons is its own business, not an error of the stand-in.
    await pipeline(opened.read(start, end), call.res).catch(() => call.res.destroy());
  } finally {
    if (!streaming) await opened.close();
  }
}

export async function deleteObject(call: S3Call): Promise<void> {
  await call.store.remove(call.bucket, call.key);
  respond(call, 204, {});
}

/** CopyObject within the stand-in (`x-amz-copy-source: [/]bucket/key`, URL-encoded), metadata COPY or REPLACE. */
export async function copyObject(call: S3Call): Promise<void> {
  const sourceHeader = headerValue(call.req.headers, 'x-amz-copy-source') ?? '';
  const [sourcePath = '', sourceQuery] = sourceHeader.split('?');
  if (sourceQuery !== undefined) throw notImplemented('copying a version (no versioning)');
  let source: string;
  try {
    source = decodeURIComponent(sourcePath).replace(/^\//, '');
  } catch {
    throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', sourceHeader);
  }
  const slash = source.indexOf('/');
  if (slash <= 0 || slash === source.length - 1) {
    throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', sourceHeader);
  }
  const [sourceBucket, sourceKey] = [source.slice(0, slash), source.slice(slash + 1)];
  if (Object.keys(call.req.headers).some((name) => name.startsWith('x-amz-copy-source-if-'))) throw notImplemented('conditions on the copy source');
  const directive = headerValue(call.req.headers, 'x-amz-metadata-directive') ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') throw invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  if (directive === 'COPY' && sourceBucket === call.bucket && sourceKey === call.key) {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  const condition = writeCondition(call);
  if (!(await call.store.hasBucket(sourceBucket))) throw noSuchBucket(sourceBucket);
  const opened = await call.store.open(sourceBucket, sourceKey);
  if (!opened) throw noSuchKey(sourceKey);
  const { object: original } = opened;
  try {
    if (condition) await checkNow(call, condition);
  } catch (error) {
    await opened.close();
    throw error;
  }
  const [headers, metadata] = directive === 'COPY' ? [original.headers, original.metadata] : [storedHeaders(call), userMetadata(call)];
  const object = await call.store.put(
    call.bucket,
    call.key,
    opened.read(0, original.size - 1),
    () => ({ size: original.size, etag: original.etag, headers, metadata, ...(original.checksum ? { checksum: original.checksum } : {}) }),
    condition,
  );
  respond(call, 200, {}, xmlDocument('CopyObjectResult', xmlElements({ LastModified: object.lastModified, ETag: object.etag })));
}

/** S3's conditional writes: `If-None-Match: *` (only if absent) and `If-Match: <etag>` (only if unchanged). */
function writeCondition(call: S3Call): WriteCondition | undefined {
  const ifNoneMatch = headerValue(call.req.headers, 'if-none-match');
  const ifMatch = headerValue(call.req.headers, 'if-match');
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') throw notImplemented('If-None-Match on a write takes only *');
  if (ifNoneMatch !== undefined && ifMatch !== undefined) {
    throw new S3Error('NotImplemented', 'Conditional writes with both If-Match and If-None-Match are not supported.', 501);
  }
  if (ifNoneMatch !== undefined) {
    return (current) => {
      if (current) throw preconditionFailed('If-None-Match');
    };
  }
  if (ifMatch !== undefined) {
    return (current) => {
      if (!current) throw noSuchKey(call.key);
      if (!etagMatches(ifMatch, current.etag)) throw preconditionFailed('If-Match');
    };
  }
  return undefined;
}

async function checkNow(call: S3Call, condition: WriteCondition): Promise<void> {
  const current = await call.store.open(call.bucket, call.key);
  await current?.close();
  condition(current?.object);
}

function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag || `"${t}"` === etag;
  });
}

function storedHeaders(call: S3Call): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let value = headerValue(call.req.headers, name);
    // aws-chunked describes the upload, not the object: S3 drops it.
    if (name === 'content-encoding' && value !== undefined) {
      value = value.split(',').map((e) => e.trim()).filter((e) => e && e.toLowerCase() !== 'aws-chunked').join(', ') || undefined;
    }
    if (value !== undefined) headers[name] = value;
  }
  headers['content-type'] ??= 'binary/octet-stream';
  return headers;
}

function userMetadata(call: S3Call): Record<string, string> {
  // A presigned URL carries metadata the signer hoisted into its query; S3 keeps it (headers win).
  const fromQuery = call.auth.presigned ? [...call.params].map(([name, value]): [string, string] => [name.toLowerCase(), value]) : [];
  const metadata: Record<string, string> = {};
  for (const [name, value] of [...fromQuery, ...Object.entries(call.req.headers)]) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    metadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  const bytes = Object.entries(metadata).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
  if (bytes > MAX_METADATA_BYTES) {
    throw new S3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, {
      Size: String(bytes),
      MaxSizeAllowed: String(MAX_METADATA_BYTES),
    });
  }
  return metadata;
}

/** S3 answers metadata beyond US-ASCII encoded as RFC 2047 (`=?UTF-8?B?…?=`). */
function mailSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function checksumHeaders(object: StoredObject): Record<string, string> {
  if (!object.checksum) return {};
  return { [`x-amz-checksum-${object.checksum.algorithm}`]: object.checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' };
}

/** `response-content-disposition` … : S3 answers them instead of the stored headers (signed requests only, as all are here). */
function responseOverrides(call: S3Call): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding']) {
    const value = call.params.get(`response-${name}`);
    if (value === undefined) continue;
    // A header carries bytes: text beyond Latin-1 goes as its UTF-8 bytes; control characters are refused.
    const bytes = Buffer.from(value, 'utf8').toString('latin1');
    if (/[^\t\x20-\x7e\x80-\xff]/.test(bytes)) throw invalidArgument(`Invalid value for response-${name}`, `response-${name}`, value);
    overrides[name] = bytes;
  }
  return overrides;
}
