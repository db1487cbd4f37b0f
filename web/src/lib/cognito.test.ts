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
  it('maps wrong credentials and disabled accounts', () => {
    expect(mapCognitoError('NotAuthorizedException', 'Incorrect username or password.').message).toBe(
      MESSAGES.wrongCredentials,
    );
    expect(mapCognitoError('NotAuthorizedException', 'User is disabled.').message).toBe(MESSAGES.disabled);
    expect(MESSAGES.wrongCredentials).toContain('Неверный логин или пароль');
    expect(MESSAGES.disabled).toContain('Учётная запись отключена');
  });
  it('explains the password policy', () => {
    const message = mapCognitoError('InvalidPasswordException', 'Password does not conform to policy').message;
    expect(message).toMatch(/8 символов/);
    expect(message).toMatch(/заглавные/);
    expect(message).toMatch(/цифра/);
    expect(message).toMatch(/символ/);
  });
  it('maps throttling, namespaced types and unknown errors', () => {
    expect(mapCognitoError('TooManyRequestsException', '').message).toMatch(/^Слишком много попыток/);
    expect(mapCognitoError('LimitExceededException', '').message).toMatch(/^Слишком много попыток/);
    expect(mapCognitoError('com.amazonaws.cognito#NotAuthorizedException', '').type).toBe('NotAuthorizedException');
    expect(mapCognitoError('InternalErrorException', 'boom').message).toBe(MESSAGES.unexpected);
  });
});

describe('createCognitoClient', () => {
  it('signs in with USER_PASSWORD_AUTH', async () => {
    const { client, calls } = fakeCognito(() => json({ AuthenticationResult: tokens }));
    const step = await client.signIn('teacher', 'Klassny-2026!');
    expect(step).toEqual({
      kind: 'signed-in',
      tokens: { accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresIn: 3600 },
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

  it('refreshes with REFRESH_TOKEN_AUTH and signs out globally', async () => {
    const { client, calls } = fakeCognito((call) =>
      call.target?.endsWith('GlobalSignOut') ? json({}) : json({ AuthenticationResult: { AccessToken: 'a2', IdToken: 'i2', ExpiresIn: 3600 } }),
    );
    const refreshed = await client.refresh('r');
    expect(refreshed).toEqual({ accessToken: 'a2', idToken: 'i2', expiresIn: 3600 });
    expect(calls[0]?.body).toEqual({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client-1', AuthParameters: { REFRESH_TOKEN: 'r' } });
    await client.globalSignOut('a2');
    expect(calls[1]).toMatchObject({ target: 'AWSCognitoIdentityProviderService.GlobalSignOut', body: { AccessToken: 'a2' } });
  });
});
