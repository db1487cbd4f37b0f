/**
 * AWS Signature Version 4 as S3 checks it, for both ways of signing:
 * - the `Authorization` header (the SDK's calls): the payload hash is the `x-amz-content-sha256`
 *   header (hex SHA-256 of the body, checked while the body is read, or `UNSIGNED-PAYLOAD`, or
 *   `STREAMING-UNSIGNED-PAYLOAD-TRAILER` for aws-chunked bodies); the request time within 15 minutes;
 * - query parameters (presigned URLs): `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
 *   `X-Amz-Expires` (at most 604800 s, then «Request has expired»), `X-Amz-SignedHeaders`,
 *   `X-Amz-Signature`; the payload is `UNSIGNED-PAYLOAD`.
 * Either way the scope must name the stack's access key, region and `s3`, `host` and every
 * `x-amz-*` header sent must be signed, and the signature is recomputed over the path encoded
 * once (S3 does not normalize or double-encode it, unlike other services). Errors carry S3's codes.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  ALGORITHM,
  authorizationParams,
  computeSignature,
  headerValue,
  parseAmzDate,
  parseCredentialScope,
  queryParams,
  s3CanonicalPath,
  sameSignature,
  splitTarget,
  TERMINATOR,
  toAmzDate,
  type CredentialScope,
  type IamCredentials,
} from '../sigv4.ts';
import { accessDenied, invalidArgument, notImplemented, S3Error } from './errors.ts';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
/** The longest a presigned URL may live (7 days), as S3 enforces. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;
/** S3 refuses header-signed requests whose time is more than 15 minutes off its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const SERVICE = 's3';
const QUERY_AUTH = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
const SIGNED_STREAMING = /^STREAMING-AWS4-(HMAC-SHA256|ECDSA-P256-SHA256)-PAYLOAD(-TRAILER)?$/;

export interface S3RequestHead {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

export interface Authenticated {
  presigned: boolean;
  /** A hex SHA-256 the body must match, or UNSIGNED-PAYLOAD / STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
  payloadHash: string;
}

const unsupported = () =>
  new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.', 400);
const headerMalformed = (detail: string, fields: Record<string, string> = {}) =>
  new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${detail}`, 400, fields);
const queryError = (message: string, fields: Record<string, string> = {}) =>
  new S3Error('AuthorizationQueryParametersError', message, 400, fields);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Throws the error S3 would answer unless the request is signed with `credentials`. */
export function authenticateS3(request: S3RequestHead, credentials: IamCredentials, now: number): Authenticated {
  const { path, query } = splitTarget(request.url);
  const params = new Map(queryParams(query));
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = QUERY_AUTH.some((name) => params.has(name));
  if (authorization !== undefined && presigned) {
    throw invalidArgument(
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      'Authorization',
      authorization,
    );
  }
  if (params.has('AWSAccessKeyId') && params.has('Signature')) throw unsupported();
  if (!presigned && authorization === undefined) throw accessDenied();

  const signed = presigned ? fromQuery(params, now) : fromHeader(authorization!, request.headers, now);
  checkScope(signed.scope, signed.amzDate, credentials, presigned ? (d, f) => queryError(`Error parsing the X-Amz-Credential parameter; ${d}`, f) : headerMalformed);
  if (headerValue(request.headers, 'x-amz-security-token') !== undefined || params.has('X-Amz-Security-Token')) {
    // No session tokens are issued here: any token is one S3 would not know.
    throw new S3Error('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
  }
  const unsignedHeaders = [
    ...(signed.signedHeaders.includes('host') ? [] : ['host']),
    ...Object.keys(request.headers).filter((name) => name.startsWith('x-amz-') && !signed.signedHeaders.includes(name)),
  ];
  if (unsignedHeaders.length > 0) {
    throw accessDenied('There were headers present in the request which were not signed', { HeadersNotSigned: unsignedHeaders.join(', ') });
  }

  const computed = computeSignature(
    {
      method: request.method,
      canonicalPath: s3CanonicalPath(path),
      query,
      headers: request.headers,
      signedHeaders: signed.signedHeaders,
      payloadHash: signed.payloadHash,
      amzDate: signed.amzDate,
      scope: signed.scope,
    },
    credentials.secretAccessKey,
  );
  if (!sameSignature(signed.signature, computed.signature)) {
    throw new S3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
      {
        AWSAccessKeyId: signed.scope.accessKeyId,
        StringToSign: computed.stringToSign,
        SignatureProvided: signed.signature,
        CanonicalRequest: computed.canonicalRequest,
      },
    );
  }
  return { presigned, payloadHash: signed.payloadHash };
}

interface Signed {
  scope: CredentialScope;
  amzDate: string;
  signedHeaders: string[];
  signature: string;
  payloadHash: string;
}

function fromHeader(authorization: string, headers: IncomingHttpHeaders, now: number): Signed {
  if (!authorization.trim().startsWith(`${ALGORITHM} `)) throw unsupported();
  const params = authorizationParams(authorization);
  if (!params.get('Credential') || !params.get('SignedHeaders') || !params.get('Signature')) {
    throw headerMalformed('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  const scope = parseCredentialScope(params.get('Credential')!);
  if (!scope) throw headerMalformed('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');

  const payloadHash = headerValue(headers, 'x-amz-content-sha256');
  if (payloadHash === undefined) throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
  if (SIGNED_STREAMING.test(payloadHash)) throw notImplemented('aws-chunked bodies with signed chunks');
  if (!/^[0-9a-f]{64}$/.test(payloadHash) && payloadHash !== UNSIGNED_PAYLOAD && payloadHash !== STREAMING_UNSIGNED_TRAILER) {
    throw invalidArgument(
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      'x-amz-content-sha256',
      payloadHash,
    );
  }

  const amzDateHeader = headerValue(headers, 'x-amz-date')?.trim();
  const dateHeader = headerValue(headers, 'date');
  const signedAt = amzDateHeader !== undefined ? parseAmzDate(amzDateHeader) : dateHeader !== undefined ? Date.parse(dateHeader) : Number.NaN;
  if (Number.isNaN(signedAt)) throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  const amzDate = amzDateHeader ?? toAmzDate(signedAt);
  if (Math.abs(signedAt - now) > MAX_CLOCK_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403, {
      RequestTime: amzDate,
      ServerTime: iso(now),
      MaxAllowedSkewMilliseconds: String(MAX_CLOCK_SKEW_MS),
    });
  }
  return { scope, amzDate, signedHeaders: params.get('SignedHeaders')!.split(';'), signature: params.get('Signature')!, payloadHash };
}

function fromQuery(params: Map<string, string>, now: number): Signed {
  if (QUERY_AUTH.some((name) => !params.get(name))) {
    throw queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (params.get('X-Amz-Algorithm') !== ALGORITHM) throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const scope = parseCredentialScope(params.get('X-Amz-Credential')!);
  if (!scope) {
    throw queryError('Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  const amzDate = params.get('X-Amz-Date')!;
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt)) throw queryError('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
  const expiresText = params.get('X-Amz-Expires')!;
  if (!/^\d+$/.test(expiresText)) throw queryError('X-Amz-Expires should be a number');
  const expires = Number(expiresText);
  if (expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryError(`X-Amz-Expires must be less than a week (in seconds) that is; ${MAX_PRESIGNED_EXPIRES_SECONDS}`);
  }
  if (now > signedAt + expires * 1000) {
    throw accessDenied('Request has expired', { 'X-Amz-Expires': expiresText, Expires: iso(signedAt + expires * 1000), ServerTime: iso(now) });
  }
  if (signedAt > now + MAX_CLOCK_SKEW_MS) throw accessDenied('Request is not valid yet', { 'X-Amz-Date': amzDate, ServerTime: iso(now) });
  return {
    scope,
    amzDate,
    signedHeaders: params.get('X-Amz-SignedHeaders')!.split(';'),
    signature: params.get('X-Amz-Signature')!,
    payloadHash: UNSIGNED_PAYLOAD,
  };
}

function checkScope(
  scope: CredentialScope,
  amzDate: string,
  credentials: IamCredentials,
  malformed: (detail: string, fields?: Record<string, string>) => S3Error,
): void {
  if (scope.accessKeyId !== credentials.accessKeyId) {
    throw new S3Error('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, { AWSAccessKeyId: scope.accessKeyId });
  }
  if (scope.date !== amzDate.slice(0, 8)) {
    throw malformed(`Invalid credential date "${scope.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`);
  }
  if (scope.region !== credentials.region) {
    throw malformed(`the region '${scope.region}' is wrong; expecting '${credentials.region}'`, { Region: credentials.region });
  }
  if (scope.service !== SERVICE) throw malformed(`incorrect service "${scope.service}". This endpoint belongs to "${SERVICE}".`);
  if (scope.terminator !== TERMINATOR) throw malformed(`incorrect terminal "${scope.terminator}". This endpoint uses "${TERMINATOR}".`);
}
