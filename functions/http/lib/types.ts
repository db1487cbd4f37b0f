import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { OperationContract } from '#shared/api/operation.ts';
import type { AccessContext, Principal } from '#shared/authz/access-context.ts';
import type { Logger } from '#functions/lib/logger.ts';
import type { Account } from '#functions/data/account-repository.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string; headers: Record<string, string> };
export type LambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/* eslint-disable @typescript-eslint/no-explicit-any */
type Params<C> = C extends OperationContract<infer P, any, any, any, any> ? z.output<P> : never;
type Query<C> = C extends OperationContract<any, infer Q, any, any, any> ? z.output<Q> : never;
type Body<C> = C extends OperationContract<any, any, infer B, any, any> ? z.output<B> : never;
type Authenticated<C extends OperationContract> = C['access'] extends 'authenticated' ? true : false;

/** What a route's function receives: validated input and who is asking. */
export type RequestInput<C extends OperationContract> = {
  params: Params<C>;
  query: Query<C>;
  body: Body<C>;
  /** Present on authenticated operations. */
  principal: Authenticated<C> extends true ? Principal : undefined;
  /** The caller's account, checked live on this request (authenticated operations). */
  account: Authenticated<C> extends true ? Account : undefined;
  /**
   * The caller's access context, built once for this request (authenticated operations, except
   * those that work without a consent in force: `caller: 'account'`). Services decide with it.
   */
  ctx: Authenticated<C> extends true ? AccessContext : undefined;
  requestId: string;
  log: Logger;
  event: HttpEvent;
};

export type RouteFunction<C extends OperationContract> = (input: RequestInput<C>) => Promise<z.input<C['response']>>;

/** A handler bound to its contract, as an area router dispatches it. */
export type RoutedHandler = { contract: OperationContract; handler: LambdaHandler };
