import { describe, expect, it } from 'vitest';
import { CognitoError, MESSAGES, createCognitoClient, mapCognitoError } from './cognito.ts';

type Call = { url: string; target: string | null; body: Record<string, unknown> };

function fakeCognito(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      url: String(input),
      target: headers.get('X-Amz-Target'),
      body: JSON.parse(String(init?.body)) as Record<string, unknown>,
    };
    expect(init?.method).toBe('POST');
    expect(headers.get('Content-Type')).toBe('application/x-amz-json-1.1');
    calls.push(call);
    return answer(call);
  };
  const client = createCognitoClient({ endpoint: 'http://localhost:3000/cognito/', clientId: 'client-1', fetch: fetchFn });
  return { client, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const tokens = { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r', ExpiresIn: 3600, TokenType: 'Bearer' };

describe('mapCognitoError', () => {
  it('gives one non-revealing answer to every refused sign-in', () => {
    for (const detail of ['Incorrect username or password.', 'User is disabled.', 'Password attempts exceeded', 'User does not exist.']) {
      expect(mapCognitoError('NotAuthorizedException', detail).message).toBe(MESSAGES.wrongCredentials);
    }
    expect(mapCognitoError('UserNotFoundException', 'User does not exist.').message).toBe(MESSAGES.wrongCredentials);
    expect(MESSAGES.wrongCredentials).toBe(
      'Неверный логин или пароль. После нескольких неудачных попыток вход временно блокируется — подождите несколько минут.',
    );
    // An expired challenge session is told as such (it reveals nothing about the account).
    expect(mapCognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.').message).toBe(
      MESSAGES.sessionExpired,
    );
  });
  it('explains the password policy', () => {
    const message = mapCognitoError('InvalidPasswordException', 'Password does not conform to policy').message;
    expect(message).toMatch(/10 символов/);
    expect(message).toMatch(/заглавные/);
    expect(message).toMatch(/цифра/);
    expect(message).toMatch(/символ/);
  });
  it('tells a password used before from one against the policy', () => {
    // The pool's password history (PasswordHistorySize 5; the local emulator's password-history.ts).
    expect(mapCognitoError('InvalidPasswordException', 'Password has previously been used').message).toBe(
      'Этот пароль уже использовался — выберите другой.',
    );
    expect(mapCognitoError('com.amazonaws.cognito#InvalidPasswordException', 'Password has previously been used.')).toMatchObject({
      type: 'InvalidPasswordException',
      message: MESSAGES.passwordReused,
    });
    expect(mapCognitoError('InvalidPasswordException', 'Password did not conform with policy: Password not long enough').message).toBe(
      MESSAGES.passwordPolicy,
    );
  });
  it('maps throttling, namespaced types and unknown errors', () => {
    // AWS WAF's block as the pool's API may phrase it (decision 16): the same address-limit message.
    expect(mapCognitoError('ForbiddenException', 'Request not allowed due to WAF block.').message).toBe(MESSAGES.tooManyRequests);
    expect(mapCognitoError('ForbiddenException', 'Something else').message).toBe(MESSAGES.unexpected);
    expect(mapCognitoError('TooManyRequestsException', 'Rate exceeded').message).toBe(
      'Слишком много попыток входа с этого адреса. Попробуйте через несколько минут.',
    );
    expect(mapCognitoError('LimitExceededException', '').message).toMatch(/^Слишком много попыток/);
    expect(mapCognitoError('com.amazonaws.cognito#NotAuthorizedException', '').type).toBe('NotAuthorizedException');
    expect(mapCognitoError('InternalErrorException', 'boom').message).toBe(MESSAGES.unexpected);
  });
});

describe('createCognitoClient', () => {
  it('signs in with USER_PASSWORD_AUTH', async () => {
    const { client, calls } = fakeCognito(() => json({ AuthenticationResult: tokens }));
    const step = await client.signIn('teacher', 'Klassny-2026!');
    // Cognito's ID token is not passed on: nothing reads it.
    expect(step).toEqual({
      kind: 'signed-in',
      tokens: { accessToken: 'a', refreshToken: 'r', expiresIn: 3600 },
    });
    expect(calls[0]).toEqual({
      url: 'http://localhost:3000/cognito/',
      target: 'AWSCognitoIdentityProviderService.InitiateAuth',
      body: {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'client-1',
        AuthParameters: { USERNAME: 'teacher', PASSWORD: 'Klassny-2026!' },
      },
    });
  });

  it('walks the NEW_PASSWORD_REQUIRED challenge', async () => {
    const { client, calls } = fakeCognito((call) =>
      call.target?.endsWith('InitiateAuth')
        ? json({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: 'newcomer' } })
        : json({ AuthenticationResult: tokens }),
    );
    const step = await client.signIn('newcomer', 'Temp-2026!');
    expect(step).toEqual({ kind: 'new-password', session: 's1', username: 'newcomer' });
    if (step.kind !== 'new-password') throw new Error('unreachable');
    const done = await client.setNewPassword(step.session, step.username, 'Novyi-2026!');
    expect(done.kind).toBe('signed-in');
    expect(calls[1]?.target).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(calls[1]?.body).toEqual({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: 'client-1',
      Session: 's1',
      ChallengeResponses: { USERNAME: 'newcomer', NEW_PASSWORD: 'Novyi-2026!' },
    });
  });

  it('refuses a new password used before with its own message', async () => {
    const { client } = fakeCognito((call) =>
      call.target?.endsWith('InitiateAuth')
        ? json({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's1', ChallengeParameters: { USER_ID_FOR_SRP: 'newcomer' } })
        : json({ __type: 'InvalidPasswordException', message: 'Password has previously been used' }, 400),
    );
    const step = await client.signIn('newcomer', 'Temp-2026!');
    if (step.kind !== 'new-password') throw new Error('unreachable');
    const refused = await client.setNewPassword(step.session, step.username, 'Klassny-2026!').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CognitoError);
    expect(refused).toMatchObject({ type: 'InvalidPasswordException', message: 'Этот пароль уже использовался — выберите другой.' });
  });

  it('walks the SOFTWARE_TOKEN_MFA challenge', async () => {
    const { client, calls } = fakeCognito((call) =>
      call.target?.endsWith('InitiateAuth')
        ? json({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's2', ChallengeParameters: {} })
        : json({ AuthenticationResult: tokens }),
    );
    const step = await client.signIn('director', 'x');
    expect(step).toEqual({ kind: 'mfa', session: 's2', username: 'director' });
    await client.answerMfa('s2', 'director', '123456');
    expect(calls[1]?.body['ChallengeResponses']).toEqual({ USERNAME: 'director', SOFTWARE_TOKEN_MFA_CODE: '123456' });
  });

  it('needs no ID token in the answer, but an access token and its lifetime', async () => {
    const withoutId = fakeCognito(() => json({ AuthenticationResult: { AccessToken: 'a', RefreshToken: 'r', ExpiresIn: 900 } }));
    expect(await withoutId.client.signIn('teacher', 'x')).toEqual({
      kind: 'signed-in',
      tokens: { accessToken: 'a', refreshToken: 'r', expiresIn: 900 },
    });
    const withoutAccess = fakeCognito(() => json({ AuthenticationResult: { IdToken: 'i', RefreshToken: 'r', ExpiresIn: 900 } }));
    await expect(withoutAccess.client.signIn('teacher', 'x')).rejects.toMatchObject({ type: 'UnexpectedResponse', message: MESSAGES.unexpected });
    const withoutLifetime = fakeCognito(() => json({ AuthenticationResult: { AccessToken: 'a', IdToken: 'i' } }));
    await expect(withoutLifetime.client.refresh('r')).rejects.toMatchObject({ type: 'UnexpectedResponse' });
  });

  it('rejects an unsupported challenge', async () => {
    const { client } = fakeCognito(() => json({ ChallengeName: 'MFA_SETUP', Session: 's' }));
    await expect(client.signIn('x', 'y')).rejects.toMatchObject({ message: MESSAGES.unsupportedChallenge });
  });

  it('turns a 400 JSON error into a Russian CognitoError', async () => {
    const { client } = fakeCognito(() =>
      json({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }, 400),
    );
    const error = await client.signIn('teacher', 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ type: 'NotAuthorizedException', message: MESSAGES.wrongCredentials });
  });

  it('reports no connection', async () => {
    const client = createCognitoClient({
      endpoint: 'http://localhost:1/',
      clientId: 'c',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(client.signIn('a', 'b')).rejects.toMatchObject({ type: 'NetworkError', message: MESSAGES.network });
  });

  it('refreshes with REFRESH_TOKEN_AUTH and signs out this device with RevokeToken', async () => {
    const { client, calls } = fakeCognito((call) =>
      call.target?.endsWith('RevokeToken') ? json({}) : json({ AuthenticationResult: { AccessToken: 'a2', IdToken: 'i2', ExpiresIn: 3600 } }),
    );
    const refreshed = await client.refresh('r');
    expect(refreshed).toEqual({ accessToken: 'a2', expiresIn: 3600 });
    expect(calls[0]?.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client-1', AuthParameters: { REFRESH_TOKEN: 'r' } });
    await client.revokeToken('r');
    expect(calls[1]).toEqual({
      url: 'http://localhost:3000/cognito/',
      target: 'AWSCognitoIdentityProviderService.RevokeToken',
      body: { Token: 'r', ClientId: 'client-1' },
    });
  });

  it('maps the address limit in front of the pool (429), with or without a body', async () => {
    const withBody = fakeCognito(() => json({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }, 429));
    await expect(withBody.client.signIn('a', 'b')).rejects.toMatchObject({ type: 'TooManyRequestsException', message: MESSAGES.tooManyRequests });
    const bare = fakeCognito(() => new Response('Too Many Requests', { status: 429 }));
    await expect(bare.client.signIn('a', 'b')).rejects.toMatchObject({ type: 'TooManyRequestsException', message: MESSAGES.tooManyRequests });
  });

  it('sets up an authenticator app: associate, verify, prefer; reads and turns it off', async () => {
    const { client, calls } = fakeCognito((call) => {
      if (call.target?.endsWith('AssociateSoftwareToken')) return json({ SecretCode: 'JBSWY3DPEHPK3PXP' });
      if (call.target?.endsWith('VerifySoftwareToken')) return json({ Status: 'SUCCESS' });
      if (call.target?.endsWith('GetUser')) return json({ Username: 'director', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
      return json({});
    });
    expect(await client.associateSoftwareToken('a1')).toBe('JBSWY3DPEHPK3PXP');
    await client.verifySoftwareToken('a1', '123456');
    await client.setSoftwareTokenMfa('a1', true);
    expect(await client.softwareTokenMfaEnabled('a1')).toBe(true);
    await client.setSoftwareTokenMfa('a1', false);
    expect(calls.map((c) => c.target?.split('.')[1])).toEqual([
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'SetUserMFAPreference',
      'GetUser',
      'SetUserMFAPreference',
    ]);
    expect(calls[0]?.body).toEqual({ AccessToken: 'a1' });
    expect(calls[1]?.body).toMatchObject({ AccessToken: 'a1', UserCode: '123456' });
    expect(calls[2]?.body).toEqual({ AccessToken: 'a1', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(calls[4]?.body).toEqual({ AccessToken: 'a1', SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
  });

  it('explains a wrong code while setting up the app', async () => {
    const { client } = fakeCognito(() =>
      json({ __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch and fail enable Software Token MFA mfa' }, 400),
    );
    await expect(client.verifySoftwareToken('a1', '000000')).rejects.toMatchObject({ message: MESSAGES.wrongCode });
  });
});
