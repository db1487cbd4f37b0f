import { errorCatalog, type ApiError, type ErrorCode } from '#shared/api/errors.ts';
import { RuleViolationError } from '#shared/domain/rules/violation.ts';
import { AppError, BusyError, RateLimitedError, RuleViolatedError } from '#functions/lib/errors.ts';
import { errorFields, type Logger } from '#functions/lib/logger.ts';
import { jsonResult } from './responses.ts';
import type { HttpResult } from './types.ts';

/**
 * AWS answers that mean "too much at this moment, nothing was done": the SDK's own retries are
 * spent, and the caller may send the same request again (503 with Retry-After).
 */
const RETRYABLE_AWS_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TooManyRequestsException',
]);

/**
 * The one place every error becomes an HTTP answer (like middy's http-error-handler): a typed
 * error keeps its code, its Russian message and its particulars, with the status the error
 * catalogue gives the code; a rule of the regulation broken anywhere is a 422 naming the clause;
 * AWS saying "busy" is a 503 to retry; anything else is logged and answered as a bare 500 that
 * says nothing internal.
 */
export function errorToResult(error: unknown, requestId: string | undefined, log: Logger): HttpResult {
  const known = asAppError(error);
  if (known) return errorResult(known, requestId);
  log.error('unhandled error', errorFields(error));
  return errorResult(new AppError('INTERNAL'), requestId);
}

function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof RuleViolationError) return new RuleViolatedError(error.violations);
  if (error instanceof Error && RETRYABLE_AWS_ERRORS.has(error.name)) return new BusyError();
  return undefined;
}

/** Only what a typed error deliberately carries reaches the client. */
export function errorResult(error: AppError, requestId?: string): HttpResult {
  const body: ApiError = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.details ? { details: error.details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
  const wait = error instanceof RateLimitedError || error instanceof BusyError ? error.retryAfterSeconds : undefined;
  return jsonResult(statusOf(error.code), body, wait !== undefined ? { 'retry-after': String(wait) } : {});
}

export const statusOf = (code: ErrorCode): number => errorCatalog[code].status;
