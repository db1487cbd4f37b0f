import { ApiError, type ApiFieldError } from './api.ts';
import { CognitoError } from './cognito.ts';

/** What the single error display shows. */
export type DisplayError = {
  /** Russian text for the user. */
  message: string;
  /** Field-level messages, when the API named the fields. */
  fields: ApiFieldError[];
  /** Shown small, for support. */
  requestId?: string;
  code?: string;
};

export const GENERIC_ERROR = 'Что-то пошло не так. Обновите страницу и попробуйте ещё раз.';

/** Any thrown value → what the user sees. Internal details never reach the screen. */
export function toDisplayError(error: unknown): DisplayError {
  if (error instanceof ApiError) {
    return {
      message: error.message,
      fields: error.fields,
      code: error.code,
      ...(error.requestId ? { requestId: error.requestId } : {}),
    };
  }
  if (error instanceof CognitoError) return { message: error.message, fields: [], code: error.type };
  return { message: GENERIC_ERROR, fields: [] };
}
