/**
 * The local S3 stand-in: a subset of the S3 REST API, path-style (`<base>/<bucket>/<key>`), every
 * request signed with SigV4 (auth.ts), objects on disk (object-store.ts). What it covers and what
 * not: docs/local-s3.md.
 *
 * No CORS: locally the site and the stand-in share one origin (the stack's one port), so browsers
 * PUT and GET presigned URLs as same-origin requests. In AWS the bucket's own CORS rules apply.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { queryParams, splitTarget, type IamCredentials } from '../sigv4.ts';
import { authenticateS3 } from './auth.ts';
import { createBucket, headBucket, listObjectsV2 } from './buckets.ts';
import type { S3Call } from './call.ts';
import { noSuchBucket, notImplemented, S3Error, sendS3Error } from './errors.ts';
import { createObjectStore } from './object-store.ts';
import { copyObject, deleteObject, getObject, putObject } from './objects.ts';

/** The largest object accepted here; the product's own limits are lower and checked by its API. */
export const MAX_OBJECT_BYTES = 50 * 1024 * 1024;
const MAX_KEY_BYTES = 1024;

export interface S3EndpointOptions {
  /** Where the buckets are kept; undefined: a temporary folder removed by close(). */
  dataDir?: string;
  /** The one identity requests must be signed with (its region is the stand-in's). */
  credentials: IamCredentials;
  /** The path the stand-in is served under, e.g. `/s3`. */
  basePath: string;
  maxObjectBytes?: number;
  now?: () => number;
  onError?: (message: string) => void;
}

/** Query parameters an object request may carry: signing, hoisted x-amz-* headers, the SDK's x-id, response overrides. */
const objectParam = (name: string) => /^(X-Amz-|x-amz-|response-)/.test(name) || name === 'x-id';
const LIST_PARAMS = new Set(['list-type', 'prefix', 'delimiter', 'max-keys', 'continuation-token', 'start-after', 'encoding-type', 'fetch-owner']);

export async function createS3Endpoint(options: S3EndpointOptions) {
  const store = await createObjectStore(options.dataDir);
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((message: string) => console.error(`s3 stand-in: ${message}`));
  let inFlight = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const method = req.method ?? 'GET';
    inFlight++;
    try {
      const auth = authenticateS3({ method, url: req.url ?? '/', headers: req.headers }, options.credentials, now());
      const { bucket, key, params } = target(req.url ?? '/', options.basePath);
      const call: S3Call = {
        req,
        res,
        requestId,
        bucket,
        key,
        params,
        auth,
        store,
        maxObjectBytes: options.maxObjectBytes ?? MAX_OBJECT_BYTES,
        region: options.credentials.region,
      };
      await dispatch(call, method);
    } catch (error) {
      if (!(error instanceof S3Error)) onError(`${method} ${(req.url ?? '').split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
      const answer = error instanceof S3Error ? error : new S3Error('InternalError', 'We encountered an internal error. Please try again.', 500);
      if (!req.complete) {
        // A refused upload too large to read closes the connection; a smaller rest is read and dropped.
        if (answer.code === 'EntityTooLarge') res.setHeader('connection', 'close');
        else req.unpipe().resume();
      }
      sendS3Error(res, answer, requestId, method === 'HEAD');
    } finally {
      inFlight--;
    }
  }

  async function dispatch(call: S3Call, method: string): Promise<void> {
    if (!call.bucket) throw notImplemented('ListBuckets');
    const unknown = [...call.params.keys()].find((name) => !objectParam(name) && !(call.key === '' && method === 'GET' && LIST_PARAMS.has(name)));
    // Multipart uploads (?uploads, ?uploadId), versions, ACLs, tagging … are not offered.
    if (unknown !== undefined) throw notImplemented(`the ?${unknown} subresource`);
    if (call.key === '') {
      if (method === 'PUT') return createBucket(call);
      if (!(await store.hasBucket(call.bucket))) throw noSuchBucket(call.bucket);
      if (method === 'HEAD') return headBucket(call);
      if (method === 'GET') return listObjectsV2(call);
      throw notImplemented(`${method} on a bucket`);
    }
    if (Buffer.byteLength(call.key, 'utf8') > MAX_KEY_BYTES) {
      throw new S3Error('KeyTooLongError', 'Your key is too long', 400, { Size: String(Buffer.byteLength(call.key)), MaxSizeAllowed: String(MAX_KEY_BYTES) });
    }
    if (!(await store.hasBucket(call.bucket))) throw noSuchBucket(call.bucket);
    if (method === 'PUT') return call.req.headers['x-amz-copy-source'] === undefined ? putObject(call) : copyObject(call);
    if (method === 'GET' || method === 'HEAD') return getObject(call, method === 'HEAD');
    if (method === 'DELETE') return deleteObject(call);
    throw notImplemented(`${method} on an object`);
  }

  return {
    handle,
    async close(): Promise<void> {
      // The stack lets requests in flight finish first; this only guards a direct caller.
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await store.close();
    },
  };
}

export type S3Endpoint = Awaited<ReturnType<typeof createS3Endpoint>>;

/** `<base>/<bucket>[/<key>]?<query>`, decoded (a key may hold `/`, which S3 reads as part of it). */
function target(url: string, basePath: string): Pick<S3Call, 'bucket' | 'key' | 'params'> {
  const { path, query } = splitTarget(url);
  const rest = path.slice(basePath.length).replace(/^\//, '');
  const slash = rest.indexOf('/');
  try {
    return {
      bucket: decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash)),
      key: slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1)),
      params: new Map(queryParams(query)),
    };
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400, { URI: path });
  }
}
