/**
 * Sign-in through Cognito's JSON API with plain fetch (no Amplify, no AWS SDK in the
 * browser). The same code runs in AWS and locally: only the endpoint differs.
 */
import { PASSWORD_POLICY } from '#shared/config/access-settings.ts';

/**
 * What a sign-in or refresh gives the web. Cognito's ID token is left out: nothing here reads
 * it (names and roles come from `GET /api/me`, the API takes the access token).
 */
export type CognitoTokens = {
  accessToken: string;
  /** Absent in a REFRESH_TOKEN_AUTH answer unless the pool rotates refresh tokens. */
  refreshToken?: string;
  /** Lifetime of the access token, seconds. */
  expiresIn: number;
};

export type AuthStep =
  | { kind: 'signed-in'; tokens: CognitoTokens }
  | { kind: 'new-password'; session: string; username: string }
  | { kind: 'mfa'; session: string; username: string };

export const MESSAGES = {
  /**
   * One answer for every refused sign-in (wrong password, unknown login, a locked-out or disabled
   * account): it must not tell a stranger which logins exist or which are locked.
   */
  wrongCredentials:
    'Неверный логин или пароль. После нескольких неудачных попыток вход временно блокируется — подождите несколько минут.',
  /** The pool keeps the last passwords (PasswordHistorySize 5): a new one must differ from them. */
  passwordReused: 'Этот пароль уже использовался — выберите другой.',
  passwordPolicy: `Пароль не соответствует требованиям: не менее ${PASSWORD_POLICY.minLength} символов, строчные и заглавные латинские буквы, хотя бы одна цифра и один специальный символ (например, ! ? % #).`,
  /** The address-wide limit in front of the pool (AWS WAF answers 429 TooManyRequestsException). */
  tooManyRequests: 'Слишком много попыток входа с этого адреса. Попробуйте через несколько минут.',
  tooManyAttempts: 'Слишком много попыток. Подождите несколько минут и попробуйте снова.',
  network: 'Нет связи с сервером. Проверьте подключение к интернету и попробуйте ещё раз.',
  sessionExpired: 'Время на вход истекло. Начните вход заново.',
  wrongCode: 'Неверный код. Проверьте код в приложении-аутентификаторе и попробуйте снова.',
  expiredCode: 'Срок действия кода истёк. Введите новый код.',
  passwordReset: 'Пароль нужно сбросить. Обратитесь к школьному оператору.',
  notConfirmed: 'Учётная запись не подтверждена. Обратитесь к школьному оператору.',
  invalidInput: 'Проверьте введённые данные.',
  unsupportedChallenge: 'Этот способ входа пока не поддерживается. Обратитесь к школьному оператору.',
  unexpected: 'Не удалось войти. Попробуйте ещё раз позже.',
} as const;

/** A Cognito failure with the Russian text to show and the Cognito error type for code. */
export class CognitoError extends Error {
  override name = 'CognitoError';
  constructor(
    /** Cognito's error type without namespace, e.g. `NotAuthorizedException`; `NetworkError` for no answer. */
    readonly type: string,
    message: string,
    /** Cognito's own (English) message, kept for the console. */
    readonly detail = '',
  ) {
    super(message);
  }
}

/** Maps Cognito's `{__type, message}` to a Russian message for the user. */
export function mapCognitoError(rawType: string, detail: string): CognitoError {
  const type = rawType.includes('#') ? rawType.slice(rawType.lastIndexOf('#') + 1) : rawType;
  const text = (() => {
    switch (type) {
      case 'NotAuthorizedException':
        // An expired challenge session (the MFA or new-password step took too long) reveals
        // nothing; every other refusal — wrong password, «Password attempts exceeded», «User is
        // disabled.» — gets the one non-revealing answer.
        if (/session/i.test(detail) && /expired|invalid/i.test(detail)) return MESSAGES.sessionExpired;
        return MESSAGES.wrongCredentials;
      case 'UserNotFoundException':
        return MESSAGES.wrongCredentials;
      case 'InvalidPasswordException':
        // "Password has previously been used" (the pool's password history) is not a policy
        // failure: the password is fine, only not new.
        return /previously\s+been\s+used/i.test(detail) ? MESSAGES.passwordReused : MESSAGES.passwordPolicy;
      case 'TooManyRequestsException':
        return MESSAGES.tooManyRequests;
      case 'ForbiddenException':
        // AWS WAF in front of the pool may answer its block this way on the API ("Request not
        // allowed due to WAF block.") instead of our 429 (decision 16).
        return /waf/i.test(detail) ? MESSAGES.tooManyRequests : MESSAGES.unexpected;
      case 'LimitExceededException':
      case 'TooManyFailedAttemptsException':
        return MESSAGES.tooManyAttempts;
      case 'CodeMismatchException':
      case 'EnableSoftwareTokenMFAException':
        return MESSAGES.wrongCode;
      case 'ExpiredCodeException':
        return MESSAGES.expiredCode;
      case 'PasswordResetRequiredException':
        return MESSAGES.passwordReset;
      case 'UserNotConfirmedException':
        return MESSAGES.notConfirmed;
      case 'InvalidParameterException':
        return MESSAGES.invalidInput;
      default:
        return MESSAGES.unexpected;
    }
  })();
  return new CognitoError(type, text, detail);
}

type FetchFn = typeof fetch;

export type CognitoClientOptions = {
  endpoint: string;
  clientId: string;
  fetch?: FetchFn;
};

type AuthenticationResult = {
  AccessToken?: string;
  RefreshToken?: string;
  ExpiresIn?: number;
};

type AuthResponse = {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
};

export type CognitoClient = ReturnType<typeof createCognitoClient>;

export function createCognitoClient(options: CognitoClientOptions) {
  const fetchFn: FetchFn = options.fetch ?? ((input, init) => fetch(input, init));

  async function call<T>(target: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchFn(options.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
        },
        body: JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (error) {
      throw new CognitoError('NetworkError', MESSAGES.network, String(error));
    }
    let json: unknown = undefined;
    try {
      json = await response.json();
    } catch {
      // fall through: handled below as an unexpected answer
    }
    if (!response.ok) {
      const record = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
      // The address-wide limit (AWS WAF in front of the pool) answers 429, with or without a body.
      const type =
        typeof record['__type'] === 'string'
          ? record['__type']
          : response.status === 429
            ? 'TooManyRequestsException'
            : `HTTP${response.status}`;
      const detail =
        typeof record['message'] === 'string'
          ? record['message']
          : typeof record['Message'] === 'string'
            ? record['Message']
            : '';
      if (response.status >= 500 && typeof record['__type'] !== 'string') {
        throw new CognitoError(type, MESSAGES.network, detail);
      }
      throw mapCognitoError(type, detail);
    }
    if (typeof json !== 'object' || json === null) {
      throw new CognitoError('UnexpectedResponse', MESSAGES.unexpected);
    }
    return json as T;
  }

  function toTokens(result: AuthenticationResult): CognitoTokens {
    if (!result.AccessToken || typeof result.ExpiresIn !== 'number') {
      throw new CognitoError('UnexpectedResponse', MESSAGES.unexpected, 'AuthenticationResult is incomplete');
    }
    return {
      accessToken: result.AccessToken,
      ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
      expiresIn: result.ExpiresIn,
    };
  }

  function toStep(response: AuthResponse, username: string): AuthStep {
    if (response.AuthenticationResult) return { kind: 'signed-in', tokens: toTokens(response.AuthenticationResult) };
    const session = response.Session ?? '';
    // After an alias sign-in Cognito wants the real user name in challenge answers.
    const challengeUser = response.ChallengeParameters?.['USER_ID_FOR_SRP'] || username;
    switch (response.ChallengeName) {
      case 'NEW_PASSWORD_REQUIRED':
        return { kind: 'new-password', session, username: challengeUser };
      case 'SOFTWARE_TOKEN_MFA':
        return { kind: 'mfa', session, username: challengeUser };
      default:
        throw new CognitoError(
          response.ChallengeName ?? 'UnexpectedResponse',
          response.ChallengeName ? MESSAGES.unsupportedChallenge : MESSAGES.unexpected,
        );
    }
  }

  return {
    async signIn(username: string, password: string): Promise<AuthStep> {
      const response = await call<AuthResponse>('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: options.clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      });
      return toStep(response, username);
    },

    async setNewPassword(session: string, username: string, newPassword: string): Promise<AuthStep> {
      const response = await call<AuthResponse>('RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: options.clientId,
        Session: session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
      });
      return toStep(response, username);
    },

    async answerMfa(session: string, username: string, code: string): Promise<AuthStep> {
      const response = await call<AuthResponse>('RespondToAuthChallenge', {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: options.clientId,
        Session: session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
      });
      return toStep(response, username);
    },

    async refresh(refreshToken: string): Promise<CognitoTokens> {
      const response = await call<AuthResponse>('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: options.clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      });
      if (!response.AuthenticationResult) throw new CognitoError('UnexpectedResponse', MESSAGES.unexpected);
      return toTokens(response.AuthenticationResult);
    },

    /** Ends this device's session only: the refresh token and the tokens issued with it. */
    async revokeToken(refreshToken: string): Promise<void> {
      await call<unknown>('RevokeToken', { Token: refreshToken, ClientId: options.clientId });
    },

    /** Whether the signed-in user has a verified authenticator app switched on. */
    async softwareTokenMfaEnabled(accessToken: string): Promise<boolean> {
      const user = await call<{ UserMFASettingList?: string[] }>('GetUser', { AccessToken: accessToken });
      return (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
    },

    /** Starts setting up an authenticator app: the shared secret (base32) to show as text and QR code. */
    async associateSoftwareToken(accessToken: string): Promise<string> {
      const answer = await call<{ SecretCode?: string }>('AssociateSoftwareToken', { AccessToken: accessToken });
      if (!answer.SecretCode) throw new CognitoError('UnexpectedResponse', MESSAGES.unexpected, 'no SecretCode');
      return answer.SecretCode;
    },

    /** Proves the app was set up: a current 6-digit code. */
    async verifySoftwareToken(accessToken: string, code: string): Promise<void> {
      const answer = await call<{ Status?: string }>('VerifySoftwareToken', {
        AccessToken: accessToken,
        UserCode: code,
        FriendlyDeviceName: 'Klassny',
      });
      if (answer.Status !== undefined && answer.Status !== 'SUCCESS') throw new CognitoError('CodeMismatchException', MESSAGES.wrongCode);
    },

    /** Switches the app code at sign-in on (preferred) or off. */
    async setSoftwareTokenMfa(accessToken: string, enabled: boolean): Promise<void> {
      await call<unknown>('SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
      });
    },
  };
}
