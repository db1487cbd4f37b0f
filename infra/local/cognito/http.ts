/**
 * HTTP plumbing: body reading, JSON answers, errors and CORS headers like Cognito's endpoint.
 * CORS headers go only on answers to the public (browser) operations and the preflight; the
 * IAM-authorized (admin) operations are answered without any.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CognitoError } from './errors.ts';

const MAX_BODY_BYTES = 1024 * 1024;

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, x-amz-content-sha256, authorization, amz-sdk-invocation-id, amz-sdk-request, cache-control',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date',
  'access-control-max-age': '86400',
};

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new CognitoError('SerializationException', 'Request body is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/x-amz-json-1.1',
  cors = true,
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...(cors ? CORS_HEADERS : {}),
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: CognitoError, cors = true): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.setHeader('x-amzn-errortype', error.type);
  sendJson(res, error.status, { __type: error.type, message: error.message }, undefined, cors);
}

export function sendPreflight(res: ServerResponse): void {
  res.writeHead(204, { ...CORS_HEADERS, 'content-length': 0 });
  res.end();
}
