import type { Context } from 'aws-lambda';
import { routeKey } from '#shared/api/operation.ts';
import { AppError } from '#functions/lib/errors.ts';
import { errorResult } from './error-mapping.ts';
import type { HttpEvent, HttpResult, LambdaHandler, RoutedHandler } from './types.ts';

/**
 * A Lambda function serves one area (a group of operations). API Gateway tells it which route
 * matched in `routeKey`; the router hands the event to that route's handler. `$default` (no
 * route matched) answers 404 in the API's own error format.
 */
export function areaRouter(routes: RoutedHandler[]): LambdaHandler & { operationIds: string[] } {
  const table = new Map(routes.map((r) => [routeKey(r.contract), r.handler]));
  const route = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const handler = table.get(event.routeKey);
    if (handler) return handler(event, context);
    return errorResult(new AppError('ROUTE_NOT_FOUND'), event.requestContext?.requestId);
  };
  // Lets a test prove every contract is served by the area the CDK stack routes it to.
  return Object.assign(route, { operationIds: routes.map((r) => r.contract.operationId) });
}
