/**
 * Verification of AWS Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 ...` header), as
 * AWS checks the IAM-authorized operations of Cognito (Admin*, ListUsers, CreateGroup ...):
 * the access key must be the configured one, the credential scope must name this region and
 * `cognito-idp`, the request time must be within 5 minutes of now, and the signature is
 * recomputed over the request as received (method, path, query, the signed headers, the body's
 * SHA-256) with the configured secret. The canonical form is shared with the S3 stand-in
 * (../sigv4.ts); Cognito's path is normalized and encoded twice, as for every service but S3.
 * Presigned URLs (signature in the query) are not accepted.
 *
 * Errors carry AWS's names and messages: MissingAuthenticationTokenException,
 * IncompleteSignatureException, UnrecognizedClientException, InvalidSignatureException.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  authorizationParams,
  computeSignature,
  headerValue,
  normalizedCanonicalPath,
  parseAmzDate,
  parseCredentialScope,
  sameSignature,
  sha256Hex,
  splitTarget,
  toAmzDate,
  TERMINATOR,
  type CredentialScope,
  type IamCredentials,
} from '../sigv4.ts';
import { CognitoError } from './errors.ts';

export type { IamCredentials } from '../sigv4.ts';

export interface SignedRequest {
  method: string;
  /** The request target as received: path and query (`/cognito/?a=b`). */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SERVICE = 'cognito-idp';
/** AWS refuses requests signed more than 5 minutes before or after its own clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const incomplete = (message: string) => new CognitoError('IncompleteSignatureException', message);
const invalidSignature = (message: string) => new CognitoError('InvalidSignatureException', message);
const unrecognizedClient = () =>
  new CognitoError('UnrecognizedClientException', 'The security token included in the request is invalid.');

interface ParsedAuthorization {
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

function parseAuthorization(authorization: string): ParsedAuthorization {
  const params = authorizationParams(authorization);
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw incomplete(missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' '));
  }
  const scope = parseCredentialScope(params.get('Credential')!);
  if (!scope) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.get('Credential')}'`,
    );
  }
  return { scope, signedHeaders: params.get('SignedHeaders')!.split(';'), signature: params.get('Signature')! };
}

/** Throws the error AWS would answer unless the request is signed by `credentials` within 5 minutes of `now`. */
export function verifySigV4(request: SignedRequest, credentials: IamCredentials, now: number): void {
  const authorization = headerValue(request.headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const auth = parseAuthorization(authorization);
  const { scope } = auth;

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
  if (!auth.signedHeaders.includes('host')) throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  if (scope.accessKeyId !== credentials.accessKeyId || headerValue(request.headers, 'x-amz-security-token') !== undefined) {
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
  if (scope.date !== amzDate.slice(0, 8)) {
    throw invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (scope.region !== credentials.region) throw invalidSignature('Credential should be scoped to a valid region. ');
  if (scope.service !== SERVICE) throw invalidSignature(`Credential should be scoped to correct service: '${SERVICE}'. `);
  if (scope.terminator !== TERMINATOR) throw invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request'. ");

  const { path, query } = splitTarget(request.url);
  const { signature } = computeSignature(
    {
      method: request.method,
      canonicalPath: normalizedCanonicalPath(path),
      query,
      headers: request.headers,
      signedHeaders: auth.signedHeaders,
      payloadHash: sha256Hex(request.body),
      amzDate,
      scope,
    },
    credentials.secretAccessKey,
  );
  if (!sameSignature(auth.signature, signature)) throw invalidSignature(SIGNATURE_MISMATCH);
}
