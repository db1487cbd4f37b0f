/**
 * Errors answered the way S3 answers them: the status, and an XML body
 * `<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId></Error>` whose extra
 * elements (Key, BucketName, StringToSign …) name what went wrong. HEAD answers carry no body.
 */
import type { ServerResponse } from 'node:http';
import { xmlDocument, xmlElements } from './xml.ts';

export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Elements after Message, in order. */
    readonly fields: Record<string, string> = {},
    /** Extra response headers (Content-Range of a 416 …). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const noSuchBucket = (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });
export const noSuchKey = (key: string) => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
export const preconditionFailed = (condition: string) =>
  new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
export const invalidArgument = (message: string, name: string, value = '') =>
  new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });
export const notImplemented = (what: string) =>
  new S3Error('NotImplemented', `A header or query you provided implies functionality that is not implemented (the local S3 stand-in: ${what})`, 501);
export const accessDenied = (message = 'Access Denied', fields: Record<string, string> = {}) => new S3Error('AccessDenied', message, 403, fields);

export function sendS3Error(res: ServerResponse, error: S3Error, requestId: string, head: boolean): void {
  if (res.headersSent) return void res.destroy();
  const body = head ? '' : xmlDocument('Error', xmlElements({ Code: error.code, Message: error.message, ...error.fields, RequestId: requestId }));
  res.writeHead(error.status, {
    ...error.headers,
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(body)),
    'x-amz-request-id': requestId,
  });
  res.end(body);
}
