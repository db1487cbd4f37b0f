import type middy from '@middy/core';
import { compressed } from '../compression.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import type { RequestState } from './request-state.ts';

/** Compresses every answer the caller accepts compressed — errors included — after it is made. */
export function compression(): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RequestState> {
  const compress = async (request: middy.Request<HttpEvent, HttpResult, Error, RequestState>) => {
    if (request.response) request.response = compressed(request.event, request.response);
  };
  return { after: compress, onError: compress };
}
