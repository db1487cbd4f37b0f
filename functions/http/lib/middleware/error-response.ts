import type middy from '@middy/core';
import { errorToResult } from '../error-mapping.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import type { RequestState } from './request-state.ts';

/** Every error of the route becomes its answer in the one mapping (error-mapping.ts). */
export function errorResponse(): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RequestState> {
  return {
    onError: async (request) => {
      const { log, requestId } = request.context.klassny;
      request.response = errorToResult(request.error, requestId, log);
    },
  };
}
