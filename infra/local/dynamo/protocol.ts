/**
 * The DynamoDB JSON protocol's HTTP framing: body reading and responses with the headers
 * DynamoDB (and dynalite) send: x-amzn-RequestId and x-amz-crc32 of the body.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';

/** dynalite's limit; DynamoDB's own request limit is also 16 MB. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export const JSON_CONTENT_TYPES = ['application/x-amz-json-1.0', 'application/json'];

/** The whole body, or undefined when it exceeds MAX_REQUEST_BYTES. */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks, length)));
    req.on('error', reject);
  });
}

/** Request ids shaped like DynamoDB's (52 upper-case characters). */
function requestId(): string {
  return randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0');
}

export function sendJson(res: ServerResponse, statusCode: number, body: unknown, contentType: string): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.statusCode = statusCode;
  res.setHeader('x-amzn-RequestId', requestId());
  res.setHeader('x-amz-crc32', String(crc32(payload)));
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}

export function sendText(res: ServerResponse, statusCode: number, text: string): void {
  const payload = Buffer.from(text, 'utf8');
  res.statusCode = statusCode;
  res.setHeader('x-amz-crc32', String(crc32(payload)));
  res.setHeader('Content-Length', payload.length);
  res.end(payload);
}
