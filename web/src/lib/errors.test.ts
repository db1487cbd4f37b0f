import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { CognitoError } from './cognito.ts';
import { GENERIC_ERROR, toDisplayError } from './errors.ts';

describe('toDisplayError', () => {
  it('shows an API error with its fields and request id', () => {
    const error = new ApiError(422, 'VALIDATION', 'Проверьте данные.', [{ path: 'topic', message: 'Укажите тему урока.' }], 'req-1');
    expect(toDisplayError(error)).toEqual({
      message: 'Проверьте данные.',
      fields: [{ path: 'topic', message: 'Укажите тему урока.' }],
      code: 'VALIDATION',
      requestId: 'req-1',
    });
  });
  it('shows a Cognito error', () => {
    expect(toDisplayError(new CognitoError('NotAuthorizedException', 'Неверный логин или пароль.'))).toMatchObject({
      message: 'Неверный логин или пароль.',
    });
  });
  it('hides internal details of anything else', () => {
    expect(toDisplayError(new Error('TypeError: x is undefined'))).toEqual({ message: GENERIC_ERROR, fields: [] });
  });
});
