/**
 * The canonical request of AWS Signature Version 4, rebuilt from a request as received, for the
 * stand-ins that verify signatures: Cognito's admin calls (cognito/sigv4.ts) and S3 (s3/auth.ts).
 * Each of them keeps its own service's checks, order and error names; this module only computes
 * what `@smithy/signature-v4` (the AWS SDK's signer) signed, so both agree with the SDK byte for byte.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const TERMINATOR = 'aws4_request';

export interface IamCredentials {
  /** The region the stand-in is in: the credential scope must name it. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** `keyid/yyyyMMdd/region/service/aws4_request`, split. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
}

/** `encodeURIComponent` plus `!'()*`, as SigV4 (and the SDK's signer) encode. */
export const escapeUri = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** `yyyyMMddTHHmmssZ` → epoch ms, or NaN. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export const toAmzDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** The request target split into its path and its query (without `?`). */
export function splitTarget(url: string): { path: string; query: string } {
  const [path = '/', query = ''] = url.split(/\?(.*)/s);
  return { path, query };
}

/** Every service but S3: the path normalized (`.`, `..`, empty segments) and escaped again (double encoding). */
export function normalizedCanonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

/**
 * S3: no normalization and each segment encoded once. S3 reads the key from the decoded path and
 * encodes it again; for what the SDK sends that is the path as received.
 */
export function s3CanonicalPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return escapeUri(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Decoded query parameters in order (`+` read as a space, as the SDK never sends one unencoded). */
export function queryParams(query: string): Array<[string, string]> {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push([decode(eq < 0 ? part : part.slice(0, eq)), decode(eq < 0 ? '' : part.slice(eq + 1))]);
  }
  return pairs;
}

/** Sorted, escaped `key=value` pairs without `X-Amz-Signature`. */
export function canonicalQuery(query: string): string {
  return queryParams(query)
    .filter(([key]) => key.toLowerCase() !== 'x-amz-signature')
    .map(([key, value]): [string, string] => [escapeUri(key), escapeUri(value)])
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** `name:value\n` for each signed header, values trimmed and inner whitespace collapsed. */
export function canonicalHeaders(headers: IncomingHttpHeaders, signedHeaders: string[]): string {
  return signedHeaders
    .map((name) => {
      const value = headerValue(headers, name) ?? '';
      return `${name}:${value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '')}\n`;
    })
    .join('');
}

/** The parameters of an `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header; none for another scheme. */
export function authorizationParams(authorization: string): Map<string, string> {
  const trimmed = authorization.trim();
  const params = new Map<string, string>();
  // Another scheme (Bearer, Basic ...) has none of the parameters; its value is not echoed.
  const scheme = trimmed.startsWith(`${ALGORITHM} `) ? trimmed.slice(ALGORITHM.length) : '';
  for (const part of scheme.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return params;
}

/** Five non-empty slash-delimited parts, or undefined. */
export function parseCredentialScope(credential: string): CredentialScope | undefined {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((part) => part === '')) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator };
}

export interface RequestToVerify {
  method: string;
  canonicalPath: string;
  query: string;
  headers: IncomingHttpHeaders;
  signedHeaders: string[];
  /** Hex SHA-256 of the body, or what stands for it (`UNSIGNED-PAYLOAD` ...). */
  payloadHash: string;
  /** `yyyyMMddTHHmmssZ`, as signed. */
  amzDate: string;
  scope: CredentialScope;
}

/** The canonical request, the string to sign and the signature `secretAccessKey` gives them. */
export function computeSignature(request: RequestToVerify, secretAccessKey: string) {
  const canonicalRequest = [
    request.method,
    request.canonicalPath,
    canonicalQuery(request.query),
    canonicalHeaders(request.headers, request.signedHeaders),
    request.signedHeaders.join(';'),
    request.payloadHash,
  ].join('\n');
  const { date, region, service, terminator } = request.scope;
  const stringToSign = [ALGORITHM, request.amzDate, `${date}/${region}/${service}/${terminator}`, sha256Hex(canonicalRequest)].join('\n');
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, date);
  for (const part of [region, service, terminator]) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return { canonicalRequest, stringToSign, signature };
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
