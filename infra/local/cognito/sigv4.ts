/**
 * Verification of AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 ...` header), as
 * AWS checks the IAM-authorized operations of Cognito (Admin*, ListUsers, CreateGroup ...):
 * the access key must be the configured one, the credential scope must name this region and
 * `cognito-idp`, the request time must be within 5 minutes of now, and the signature is
 * recomputed over the request as received (method, path, query, the signed headers, the body's
 * SHA-256) with the configured secret. The canonical form is the one `@smithy/signature-v4`
 * (the AWS SDK's signer) produces. Presigned URLs (signature in the query) are not accepted.
 *
 * Errors carry AWS's names and messages: MissingAuthenticationTokenException,
 * IncompleteSignatureException, UnrecognizedClientException, InvalidSignatureException.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CognitoError } from './errors.ts';

export interface IamCredentials {
  /** The region the pool is in: the credential scope must name it. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query (`/cognito/?a=b`). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 'cognito-idp';
/** AWS refuses requests signed more than 5 minutes before or after its own clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const incomplete = (message: string) => new CognitoError('IncompleteSignatureException', message);
const invalidSignature = (message: string) => new CognitoError('InvalidSignatureException', message);
const unrecognizedClient = () =>
  new CognitoError('UnrecognizedClientException', 'The security token included in the request is invalid.');

/** `encodeURIComponent` plus `!'()*`, as SigV4 (and the SDK's signer) encode. */
const escapeUri = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** `yyyyMMddTHHmmssZ` → epoch ms, or NaN. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

const toAmzDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** Path normalized and escaped as the SDK's signer does for every service but S3. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(query: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (key.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([escapeUri(key), escapeUri(value)]);
  }
  return pairs
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(authorization: string): ParsedAuthorization {
  const trimmed = authorization.trim();
  const params = new Map<string, string>();
  // Another scheme (Bearer, Basic ...) has none of the parameters; its value is not echoed.
  const scheme = trimmed.startsWith(`${ALGORITHM} `) ? trimmed.slice(ALGORITHM.length) : '';
  for (const part of scheme.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw incomplete(missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '));
  }
  const credential = params.get('Credential')!.split('/');
  if (credential.length !== 5 || credential.some((part) => part === '')) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.get('Credential')}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = credential as [string, string, string, string, string];
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: params.get('SignedHeaders')!.split(';'),
    signature: params.get('Signature')!,
  };
}

/** Throws the error AWS would answer unless the request is signed by `credentials` within 5 minutes of `now`. */
export function verifySigV4(request: SignedRequest, credentials: IamCredentials, now: number): void {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const auth = parseAuthorization(authorization);

  const amzDateHeader = headerValue(request.headers, 'x-amz-date');
  const dateHeader = headerValue(request.headers, 'date');
  let signedAt: number;
  let amzDate: string;
  if (amzDateHeader !== undefined) {
    signedAt = parseAmzDate(amzDateHeader.trim());
    amzDate = amzDateHeader.trim();
  } else if (dateHeader !== undefined) {
    signedAt = Date.parse(dateHeader);
    amzDate = Number.isNaN(signedAt) ? '' : toAmzDate(signedAt);
  } else {
    throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (Number.isNaN(signedAt)) throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDateHeader ?? dateHeader}'.`);
  const signedHeaders = new Set(auth.signedHeaders);
  if (!signedHeaders.has('host')) throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  if (auth.accessKeyId !== credentials.accessKeyId || headerValue(request.headers, 'x-amz-security-token') !== undefined) {
    // No session tokens are issued here: any token is one this pool does not know.
    throw unrecognizedClient();
  }
  if (signedAt < now - MAX_CLOCK_SKEW_MS) {
    throw invalidSignature(
      `Signature expired: ${amzDate} is now earlier than ${toAmzDate(now - MAX_CLOCK_SKEW_MS)} (${toAmzDate(now)} - 5 min.)`,
    );
  }
  if (signedAt > now + MAX_CLOCK_SKEW_MS) {
    throw invalidSignature(
      `Signature not yet current: ${amzDate} is still later than ${toAmzDate(now + MAX_CLOCK_SKEW_MS)} (${toAmzDate(now)} + 5 min.)`,
    );
  }
  if (auth.date !== amzDate.slice(0, 8)) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.region !== credentials.region) throw invalidSignature('Credential should be scoped to a valid region. ');
  if (auth.service !== SERVICE) throw invalidSignature(`Credential should be scoped to correct service: '${SERVICE}'. `);
  if (auth.terminator !== 'aws4_request') throw invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request'. ");

  const [path = '/', query = ''] = request.url.split(/\?(.*)/s);
  const canonicalHeaders = auth.signedHeaders
    .map((name) => {
      const value = headerValue(request.headers, name) ?? '';
      return `${name}:${value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method,
    canonicalPath(path),
    canonicalQuery(query),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/${auth.terminator}`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, auth.date);
  for (const part of [auth.region, auth.service, auth.terminator]) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(auth.signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidSignature(SIGNATURE_MISMATCH);
}
