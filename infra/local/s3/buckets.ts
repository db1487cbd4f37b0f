/** The bucket operations the product needs: CreateBucket, HeadBucket and ListObjectsV2. */
import { escapeUri } from '../sigv4.ts';
import { respond, type S3Call } from './call.ts';
import { invalidArgument, notImplemented, S3Error } from './errors.ts';
import { incomingBody } from './incoming-body.ts';
import { xmlDocument, xmlElements } from './xml.ts';

/** S3's rules for names of new buckets (the ones a path-style request can name). */
export function validBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

export async function createBucket(call: S3Call): Promise<void> {
  if (!validBucketName(call.bucket)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: call.bucket });
  // The body (CreateBucketConfiguration: the region) is read for its signed hash and not kept.
  const body = incomingBody(call.req, call.auth, 64 * 1024, false);
  body.stream.resume();
  await new Promise<void>((resolve, reject) => body.stream.once('end', resolve).once('error', reject));
  if (!(await call.store.createBucket(call.bucket))) {
    throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, {
      BucketName: call.bucket,
    });
  }
  respond(call, 200, { location: `/${call.bucket}` });
}

export function headBucket(call: S3Call): void {
  respond(call, 200, { 'x-amz-bucket-region': call.region });
}

/** ListObjectsV2: prefix, delimiter, max-keys, start-after, continuation-token, encoding-type=url. */
export async function listObjectsV2(call: S3Call): Promise<void> {
  const { params } = call;
  if (params.get('list-type') !== '2') throw notImplemented('ListObjects version 1 (use ListObjectsV2)');
  const prefix = params.get('prefix') ?? '';
  const delimiter = params.get('delimiter') || undefined;
  const maxKeysText = params.get('max-keys') ?? '1000';
  if (!/^\d+$/.test(maxKeysText)) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysText);
  const maxKeys = Math.min(Number(maxKeysText), 1000);
  const encodingType = params.get('encoding-type');
  if (encodingType !== undefined && encodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  const token = params.get('continuation-token');
  let after = params.get('start-after') ?? '';
  if (token !== undefined) {
    after = Buffer.from(token, 'base64url').toString('utf8');
    if (!token || Buffer.from(after, 'utf8').toString('base64url') !== token) {
      throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    }
  }
  const encode = (text: string) => (encodingType ? escapeUri(text).replace(/%2F/g, '/') : text);

  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let last = '';
  let truncated = false;
  for (const object of await call.store.list(call.bucket, prefix)) {
    if (after && Buffer.compare(Buffer.from(object.key, 'utf8'), Buffer.from(after, 'utf8')) <= 0) continue;
    const cut = delimiter ? object.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? object.key.slice(0, cut + delimiter!.length) : undefined;
    if (common !== undefined && common === commonPrefixes.at(-1)) continue; // rolled up already
    if (contents.length + commonPrefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      commonPrefixes.push(common);
      // The next page starts after every key of this common prefix.
      last = `${common}\u{10FFFF}`;
    } else {
      last = object.key;
      contents.push(
        `<Contents>${xmlElements({
          Key: encode(object.key),
          LastModified: object.lastModified,
          ETag: object.etag,
          ...(object.checksum ? { ChecksumAlgorithm: object.checksum.algorithm.toUpperCase() } : {}),
          Size: object.size,
          StorageClass: 'STANDARD',
        })}</Contents>`,
      );
    }
  }
  const inner =
    xmlElements({
      Name: call.bucket,
      Prefix: encode(prefix),
      Delimiter: delimiter === undefined ? undefined : encode(delimiter),
      MaxKeys: maxKeys,
      KeyCount: contents.length + commonPrefixes.length,
      IsTruncated: truncated,
      ContinuationToken: token,
      NextContinuationToken: truncated ? Buffer.from(last, 'utf8').toString('base64url') : undefined,
      StartAfter: params.get('start-after'),
      EncodingType: encodingType,
    }) +
    contents.join('') +
    commonPrefixes.map((p) => `<CommonPrefixes>${xmlElements({ Prefix: encode(p) })}</CommonPrefixes>`).join('');
  respond(call, 200, {}, xmlDocument('ListBucketResult', inner));
}
