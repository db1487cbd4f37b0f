import type { z } from 'zod';
import type { ErrorCode } from './errors.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `public`: no token (health, the API description, invitation redemption).
 * `authenticated`: the JWT authorizer must accept the token; what the caller may do is then
 * decided by the authorization policy in the handler.
 */
export type OperationAccess = 'public' | 'authenticated';

/**
 * The contract of one API operation: route, schemas, and the Lambda ("area") that serves it.
 * Contracts live in shared/ so the web, the handlers, the OpenAPI document and the CDK stack
 * all read the same definition.
 */
export type OperationContract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends OperationAccess = OperationAccess,
> = {
  /** Stable camelCase id; later issues refer to operations by it. */
  operationId: string;
  method: HttpMethod;
  /** API Gateway route path, with `{name}` parameters, always under /api. */
  path: string;
  /** The Lambda function that serves it: functions/http/areas/<area>.ts */
  area: string;
  access: A;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status of a successful answer (200 unless said otherwise). */
  successStatus?: number;
  /**
   * `account`: the operation works on the caller's own account without a consent in force
   * («Мои данные», sign out everywhere), so no access context is built for it. Otherwise every
   * authenticated operation gets the caller's access context, and CONSENT_REQUIRED without a consent.
   */
  caller?: 'account';
  /**
   * The errors this operation answers beyond those every operation of its kind can (see
   * `declaredErrors`): the OpenAPI document lists them, and the API tests check that nothing else
   * is ever answered.
   */
  errors?: readonly ErrorCode[];
};

export function defineOperation<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  A extends OperationAccess,
>(contract: OperationContract<P, Q, B, R, A>): OperationContract<P, Q, B, R, A> {
  if (!/^[a-z][a-zA-Z0-9]+$/.test(contract.operationId)) {
    throw new Error(`operationId must be camelCase: ${contract.operationId}`);
  }
  if (!contract.path.startsWith('/api/')) throw new Error(`path must start with /api/: ${contract.path}`);
  return contract;
}

/** API Gateway route key, e.g. `GET /api/me`. */
export function routeKey(contract: Pick<OperationContract, 'method' | 'path'>): string {
  return `${contract.method} ${contract.path}`;
}

/**
 * Every error code an operation may answer: those of any operation (bad input, busy, internal),
 * of any operation with a body, of any authenticated one, and its own (`errors`).
 */
export function declaredErrors(contract: Pick<OperationContract, 'access' | 'body' | 'caller' | 'errors'>): ReadonlySet<ErrorCode> {
  const codes: ErrorCode[] = ['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'BUSY', 'INTERNAL'];
  if (contract.body) codes.push('MALFORMED_JSON', 'UNSUPPORTED_MEDIA_TYPE');
  if (contract.access === 'authenticated') {
    codes.push('UNAUTHENTICATED', 'SESSION_ENDED', 'FORBIDDEN');
    if (contract.caller !== 'account') codes.push('CONSENT_REQUIRED');
  }
  return new Set([...codes, ...(contract.errors ?? [])]);
}
