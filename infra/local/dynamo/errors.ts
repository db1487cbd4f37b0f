/**
 * DynamoDB API errors as the front sends them: an HTTP status and the JSON body DynamoDB uses
 * (`__type` names the exception; the SDK maps it to its exception class).
 */
import type { DynaliteError, Item } from './dynalite-internals.ts';

export type ErrorBody = { __type: string } & Record<string, unknown>;

export class DynamoApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
  ) {
    super(String(body.message ?? body.Message ?? body.__type));
    this.name = body.__type.split('#').pop() ?? 'DynamoApiError';
  }
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#';

export const validationError = (message: string) =>
  new DynamoApiError(400, { __type: 'com.amazon.coral.validate#ValidationException', message });

export const serializationError = (message?: string) =>
  new DynamoApiError(400, { __type: 'com.amazon.coral.service#SerializationException', ...(message ? { Message: message } : {}) });

export const unknownOperation = () => new DynamoApiError(400, { __type: 'com.amazon.coral.service#UnknownOperationException' });

export const internalServerError = (message = 'Internal server error') =>
  new DynamoApiError(500, { __type: `${DYNAMODB}InternalServerError`, message });

export const idempotentParameterMismatch = () =>
  new DynamoApiError(400, {
    __type: `${DYNAMODB}IdempotentParameterMismatchException`,
    message: 'The request uses the same client token as a previous, but non-identical request.',
  });

/** DynamoDB's message for an item that another transaction is writing (reason and exception alike). */
export const TRANSACTION_CONFLICT_MESSAGE = 'Transaction is ongoing for the item';

/**
 * A PutItem, UpdateItem or DeleteItem on an item of a transaction in flight (conflict mode,
 * docs/local-dynamodb.md). The SDK reads `message` into TransactionConflictException and does
 * not retry it.
 */
export const transactionConflict = () =>
  new DynamoApiError(400, { __type: `${DYNAMODB}TransactionConflictException`, message: TRANSACTION_CONFLICT_MESSAGE });

export type CancellationReason =
  | { Code: 'None' }
  | { Code: 'ConditionalCheckFailed'; Message: string; Item?: Item }
  | { Code: 'ValidationError'; Message: string }
  | { Code: 'TransactionConflict'; Message: string };

/** DynamoDB's wording, reasons listed in request order. */
export function transactionCanceled(reasons: CancellationReason[]): DynamoApiError {
  return new DynamoApiError(400, {
    __type: `${DYNAMODB}TransactionCanceledException`,
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}

/**
 * A transaction cancelled because other transactions in flight hold some of its items
 * (conflict mode): TransactionConflict at those operations, None at the others, in request order.
 */
export function transactionConflictCanceled(conflicting: readonly boolean[]): DynamoApiError {
  return transactionCanceled(
    conflicting.map((conflict): CancellationReason => (conflict ? { Code: 'TransactionConflict', Message: TRANSACTION_CONFLICT_MESSAGE } : { Code: 'None' })),
  );
}

/** The exception name of an error from dynalite or the front, e.g. 'ConditionalCheckFailedException'. */
export function errorType(err: DynamoApiError): string {
  return err.body.__type.split('#').pop() ?? '';
}

/**
 * dynalite reports API errors as Errors with statusCode/body; anything else is a bug or an
 * I/O failure and becomes a 500 (logged by the caller, never sent to the client).
 */
export function toApiError(err: unknown): DynamoApiError | undefined {
  if (err instanceof DynamoApiError) return err;
  const e = err as DynaliteError | undefined;
  if (e && typeof e.statusCode === 'number' && e.body && typeof e.body.__type === 'string') {
    return new DynamoApiError(e.statusCode, e.body as ErrorBody);
  }
  return undefined;
}
