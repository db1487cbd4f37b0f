/**
 * Errors answered the way Cognito answers them: HTTP 400 (or 500 for internal
 * errors), JSON body `{"__type": "...", "message": "..."}` and the
 * `x-amzn-errortype` header. The SDK maps `__type` to its exception classes.
 */
export class CognitoError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}

export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

export const notAuthorized = (message: string): CognitoError =>
  new CognitoError('NotAuthorizedException', message);

export const invalidParameter = (message: string): CognitoError =>
  new CognitoError('InvalidParameterException', message);

export const userNotFound = (): CognitoError => new CognitoError('UserNotFoundException', 'User does not exist.');

export const invalidPassword = (message: string): CognitoError =>
  new CognitoError('InvalidPasswordException', message);

export const resourceNotFound = (message: string): CognitoError =>
  new CognitoError('ResourceNotFoundException', message);
