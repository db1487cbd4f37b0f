/**
 * The typed errors of services and repositories. They say what went wrong in the product's
 * terms — not found, forbidden, a conflict with the current value, a rule of the regulation
 * broken, an idempotency key reused, try again later — and carry a stable code from the error
 * catalogue (shared/api/errors.ts) with an optional Russian message and particulars. Nothing
 * here knows HTTP: the HTTP layer maps every error to a response in one place
 * (functions/http/lib/error-mapping.ts); a scheduled job catches the same classes.
 */
import { errorCatalog, type ErrorCode } from '#shared/api/errors.ts';
import type { RuleViolation } from '#shared/domain/rules/violation.ts';

export type FieldError = { path: string; message: string };

type Particulars = { message?: string; fields?: FieldError[]; details?: Record<string, unknown> };

/** Base class: a failure the caller can be told about (its message is meant for users). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, particulars: Particulars = {}) {
    super(particulars.message ?? errorCatalog[code].message);
    this.name = new.target.name;
    this.code = code;
    if (particulars.fields) this.fields = particulars.fields;
    if (particulars.details) this.details = particulars.details;
  }
}

export class NotFoundError extends AppError {
  constructor(message?: string) {
    super('NOT_FOUND', message ? { message } : {});
  }
}

/** The policy said no (or an account without a link to the school). */
export class ForbiddenError extends AppError {
  constructor(message?: string) {
    super('FORBIDDEN', message ? { message } : {});
  }
}

export class ConsentRequiredError extends AppError {
  constructor() {
    super('CONSENT_REQUIRED');
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('UNAUTHENTICATED');
  }
}

/** The session was ended (sign out everywhere, a disabled account, a new password). */
export class SessionEndedError extends AppError {
  constructor(message?: string) {
    super('SESSION_ENDED', message ? { message } : {});
  }
}

/** Input that passed the schema but not the data (an unknown student, a duplicate…). */
export class ValidationError extends AppError {
  constructor(fields: FieldError[], message?: string) {
    super('VALIDATION_FAILED', { fields, ...(message ? { message } : {}) });
  }
}

/** Someone changed the record since the caller saw it; `details.current` shows it now. */
export class ConflictError extends AppError {
  constructor(message?: string, details?: Record<string, unknown>) {
    super('CONFLICT', { ...(message ? { message } : {}), ...(details ? { details } : {}) });
  }
}

/** One client request id used for two different requests. */
export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super('IDEMPOTENCY_KEY_REUSED');
  }
}

/** A rule of the regulation: the message names the clause (e.g. «… (п. 5.6 Положения).»). */
export class RuleViolatedError extends AppError {
  readonly violations: readonly RuleViolation[];
  /** `path`: the one field all violations are about; `fields`: each violation's own field. */
  constructor(violations: readonly RuleViolation[], options: { path?: string; fields?: FieldError[]; message?: string } = {}) {
    super('RULE_VIOLATED', {
      message: options.message ?? violations.map((v) => v.message).join(' '),
      ...(options.fields ? { fields: options.fields } : options.path ? { fields: violations.map((v) => ({ path: options.path!, message: v.message })) } : {}),
      ...(violations.length ? { details: { violations: violations.map((v) => ({ rule: v.rule, code: v.code })) } } : {}),
    });
    this.violations = violations;
  }
}

/** A refusal by a rule that is not a clause of the regulation (a used code, a disabled account…). */
export class RefusedError extends AppError {
  constructor(message: string) {
    super('RULE_VIOLATED', { message });
  }
}

export class InviteCodeInvalidError extends AppError {
  constructor() {
    super('INVITE_CODE_INVALID');
  }
}

export class LoginTakenError extends AppError {
  constructor() {
    super('LOGIN_TAKEN');
  }
}

/** Too many attempts; the caller may try again after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message?: string,
  ) {
    super('RATE_LIMITED', message ? { message } : {});
  }
}

/**
 * The database kept refusing the write because others were writing the same records at that
 * moment (DynamoDB's TransactionConflict after bounded retries): nothing was written, and the
 * same request may simply be sent again.
 */
export class BusyError extends AppError {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('BUSY');
  }
}
