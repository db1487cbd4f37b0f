/** One authenticated request to the S3 stand-in, as the operations see it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticated } from './auth.ts';
import type { ObjectStore } from './object-store.ts';

export interface S3Call {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  bucket: string;
  /** The object's key, decoded; empty for bucket operations. */
  key: string;
  /** Query parameters, decoded, names as sent. */
  params: Map<string, string>;
  auth: Authenticated;
  store: ObjectStore;
  maxObjectBytes: number;
  region: string;
}

/** Answers with S3's request id; a body is XML unless a content type says otherwise. */
export function respond(call: S3Call, status: number, headers: Record<string, string>, body = ''): void {
  call.res.writeHead(status, {
    ...(body ? { 'content-type': 'application/xml' } : {}),
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
    'x-amz-request-id': call.requestId,
  });
  call.res.end(body);
}
