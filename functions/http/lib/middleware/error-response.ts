import type middy from '@middy/core';
import { errorFields } from '#functions/lib/logger.ts';
import { HttpError } from '../http-error.ts';
import { errorResult, internalErrorResult } from '../responses.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import type { RequestState } from './request-state.ts';

/**
 * The one place errors become responses (like middy's http-error-handler): an HttpError keeps
 * its code and Russian message; anything else is logged and answered as a bare 500.
 */
export function errorResponse(): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RequestState> {
  return {
    onError: async (request) => {
      const { log, requestId } = request.context.klassny;
      const error = request.error;
      if (error instanceof HttpError) {
        request.response = errorResult(error, requestId);
        return;
      }
      log.error('unhandled error', errorFields(error));
      request.response = internalErrorResult(requestId);
    },
  };
}
