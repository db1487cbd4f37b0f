import type { Context } from 'aws-lambda';
import type middy from '@middy/core';
import { logger, type Logger } from '#functions/lib/logger.ts';
import type { OperationContract } from '#shared/api/operation.ts';
import type { HttpEvent, HttpResult } from '../types.ts';

/** Per-request state carried on the Lambda context between middlewares. */
export type RequestState = Context & {
  klassny: { requestId: string; log: Logger; startedAt: number; parsedBody?: unknown; replayed?: boolean };
};

/**
 * Sets up the request id and a child logger, and writes one access line when the request ends.
 * The line has no personal data: route, status, duration, request id.
 */
export function requestState(
  contract: Pick<OperationContract, 'operationId'>,
): middy.MiddlewareObj<HttpEvent, HttpResult, Error, RequestState> {
  const finish = (request: middy.Request<HttpEvent, HttpResult, Error, RequestState>) => {
    const { log, startedAt } = request.context.klassny;
    const status = request.response?.statusCode ?? 500;
    const line = { status, durationMs: Date.now() - startedAt };
    if (status >= 500) log.error('request', line);
    else log.info('request', line);
  };
  return {
    before: async (request) => {
      const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
      request.context.klassny = {
        requestId,
        startedAt: Date.now(),
        log: logger.child({ requestId, operationId: contract.operationId, routeKey: request.event.routeKey }),
      };
    },
    after: async (request) => finish(request),
    onError: async (request) => {
      // errorResponse (registered later, so it runs first on error) has already set the response.
      finish(request);
    },
  };
}
