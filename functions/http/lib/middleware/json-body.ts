import type middy from '@middy/core';
import { AppError } from '#functions/lib/errors.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import type { RequestState } from './request-state.ts';

/** No operation takes more than this; larger bodies are refused before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

function bodyText(event: HttpEvent): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Size limit (413), media type (415) and JSON parsing (400) for operations that take a body. */
export function jsonBody(expectsBody: boolean): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RequestState> {
  return {
    before: async (request) => {
      const text = bodyText(request.event);
      if (text === undefined) return;
      if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
      if (!expectsBody) return; // a stray body on a GET is ignored, as HTTP allows
      const type = request.event.headers?.['content-type'] ?? '';
      if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      try {
        request.context.klassny.parsedBody = JSON.parse(text);
      } catch {
        throw new AppError('MALFORMED_JSON');
      }
    },
  };
}
