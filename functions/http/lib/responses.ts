import type { ApiError } from '#shared/api/errors.ts';
import { HttpError } from './http-error.ts';
import type { HttpResult } from './types.ts';

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResult(statusCode: number, payload: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...baseHeaders, ...headers }, body: JSON.stringify(payload) };
}

/** Only what HttpError deliberately carries reaches the client. */
export function errorResult(error: HttpError, requestId?: string): HttpResult {
  const body: ApiError = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.details ? { details: error.details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
  return jsonResult(error.status, body, error.headers);
}

export function internalErrorResult(requestId?: string): HttpResult {
  return errorResult(new HttpError('INTERNAL'), requestId);
}
