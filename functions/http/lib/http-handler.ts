import middy from '@middy/core';
import type { OperationContract } from '#shared/api/operation.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { requireLiveAccount } from '#functions/identity/live-session.ts';
import { jsonBody } from './middleware/json-body.ts';
import { errorResponse } from './middleware/error-response.ts';
import { compression } from './middleware/compression.ts';
import { businessMetrics } from './middleware/business-metrics.ts';
import { requestState, type RequestState } from './middleware/request-state.ts';
import { principalFromEvent } from './principal.ts';
import { jsonResult } from './responses.ts';
import type { HttpEvent, HttpResult, RequestInput, RoutedHandler, RouteFunction } from './types.ts';
import { parseInput } from './validation.ts';

/**
 * The one middy stack every route shares: request id and access log, error mapping, body
 * limits and JSON, zod validation of path, query and body, the caller from the JWT claims, their
 * account checked live (disabled, signed out everywhere) and their access context built once for
 * the request, and the response validated against the contract (unknown fields are stripped, so
 * a handler can never leak more than the contract promises); what a write came to is counted as
 * a business metric (business-metrics.ts).
 */
export function httpHandler<C extends OperationContract>(contract: C, route: RouteFunction<C>): RoutedHandler {
  const base = async (event: HttpEvent, context: RequestState): Promise<HttpResult> => {
    const { requestId, log, parsedBody } = context.klassny;
    const principal = contract.access === 'authenticated' ? principalFromEvent(event) : undefined;
    // Validated before the caller is looked up, so bad input is answered without touching the table.
    const params = parseInput(contract.params, event.pathParameters ?? {}, 'params');
    const query = parseInput(contract.query, event.queryStringParameters ?? {}, 'query');
    const body = parseInput(contract.body, parsedBody, 'body');
    const account = principal ? await requireLiveAccount(principal) : undefined;
    const ctx = principal && account && contract.caller !== 'account' ? await loadAccessContext(principal, account) : undefined;
    const input = { params, query, body, principal, account, ctx, requestId, log, event } as RequestInput<C>;
    const output = contract.response.parse(await route(input));
    // A write answered from its idempotency record says so in its answer (`replayed`).
    if ((output as { replayed?: unknown } | undefined)?.replayed === true) context.klassny.replayed = true;
    return jsonResult(contract.successStatus ?? 200, output);
  };
  const handler = middy<HttpEvent, HttpResult, Error, RequestState>()
    .use(requestState(contract))
    .use(compression())
    .use(businessMetrics(contract))
    .use(errorResponse())
    .use(jsonBody(contract.body !== undefined))
    .handler(base);
  return { contract, handler: handler as unknown as RoutedHandler['handler'] };
}
