import type { HttpResult } from './types.ts';

const baseHeaders = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function jsonResult(statusCode: number, payload: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...baseHeaders, ...headers }, body: JSON.stringify(payload) };
}
