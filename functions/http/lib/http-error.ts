import { errorCatalog, type ErrorCode } from '#shared/api/errors.ts';

export type FieldError = { path: string; message: string };

/**
 * The one typed error the HTTP layer maps to a response. Services throw it (or a subclass);
 * anything else becomes a 500 that says nothing internal.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { message?: string; fields?: FieldError[]; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(options.message ?? errorCatalog[code].message);
    this.name = 'HttpError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.fields = options.fields;
    this.details = options.details;
    this.headers = options.headers;
  }
}
