import type middy from '@middy/core';
import type { OperationContract } from '#shared/api/operation.ts';
import { BUSINESS_METRICS } from '#shared/config/business-metrics.ts';
import { countMetric, flushMetrics } from '#functions/lib/metrics.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import type { RequestState } from './request-state.ts';

/**
 * Counts what a write came to (shared/config/business-metrics.ts) from its answer, so no service
 * needs to know about metrics: 2xx = saved (a replay too, counted apart), 409 CONFLICT =
 * someone changed it first, 422 = refused by a rule. Reads are not counted. Registered after the
 * compression middleware, so it sees the answer before it is compressed.
 */
export function businessMetrics(
  contract: Pick<OperationContract, 'method'>,
): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RequestState> {
  const count = (request: middy.Request<HttpEvent, HttpResult, Error, RequestState>) => {
    if (contract.method === 'GET') return;
    const status = request.response?.statusCode ?? 500;
    if (status >= 200 && status < 300) {
      countMetric(BUSINESS_METRICS.saves);
      if (request.context.klassny.replayed) countMetric(BUSINESS_METRICS.replays);
    } else if (status === 409 && errorCodeOf(request.response ?? undefined) === 'CONFLICT') {
      countMetric(BUSINESS_METRICS.conflicts);
    } else if (status === 422) {
      countMetric(BUSINESS_METRICS.ruleRefusals);
    }
    flushMetrics();
  };
  return { after: async (request) => count(request), onError: async (request) => count(request) };
}

function errorCodeOf(response: HttpResult | undefined): string | undefined {
  if (typeof response?.body !== 'string' || response.isBase64Encoded) return undefined;
  try {
    return (JSON.parse(response.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
