import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfirmedUser, createUser, failure, signIn, TEMPORARY_PASSWORD } from './flows.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, startEmulator, type Harness } from './harness.ts';

let h: Harness;
/** A second pool on a clock the tests move. */
let timed: Harness;
let now = Date.now();
beforeAll(async () => {
  [h, timed] = await Promise.all([startEmulator(), startEmulator({ now: () => now })]);
});
afterAll(async () => {
  await Promise.all([h.close(), timed.close()]);
});

const refresh = (token: string | undefined) =>
  h.client.send(
    new InitiateAuthCommand({
      ClientId: CLIENT_ID,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: token ?? '' },
    }),
  );

describe('first sign-in with a temporary password', () => {
  it('asks for a new password, then issues tokens that verify against the JWKS', async () => {
    await createUser(
      h,
      'Ivanova.Anna',
      { email: 'anna@example.test', email_verified: 'true', name: 'Анна Иванова', 'custom:schoolId': 's1' },
      ['teachers', 'admins'],
    );
    const first = await signIn(h, 'ivanova.anna', TEMPORARY_PASSWORD);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.Session).toBeTruthy();
    expect(first.AuthenticationResult).toBeUndefined();
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe('Ivanova.Anna');
    expect(JSON.parse(first.ChallengeParameters?.userAttributes ?? '{}')).toMatchObject({ name: 'Анна Иванова' });

    const weak = await failure(
      h.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: CLIENT_ID,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session,
          ChallengeResponses: { USERNAME: 'Ivanova.Anna', NEW_PASSWORD: 'short' },
        }),
      ),
    );
    expect(weak.name).toBe('InvalidPasswordException');

    const done = await h.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: CLIENT_ID,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'Ivanova.Anna', NEW_PASSWORD: PASSWORD },
      }),
    );
    const tokens = done.AuthenticationResult!;
    expect(tokens.TokenType).toBe('Bearer');
    expect(tokens.ExpiresIn).toBe(900);
    expect(tokens.RefreshToken).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL(h.emulator.jwksUrl));
    expect(h.emulator.issuer).toBe(`${h.endpoint}/${POOL_ID}`);
    expect(decodeProtectedHeader(tokens.AccessToken!)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });

    const { payload: access } = await jwtVerify(tokens.AccessToken!, jwks, { issuer: h.emulator.issuer });
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: CLIENT_ID,
      scope: 'aws.cognito.signin.user.admin',
      username: 'Ivanova.Anna',
      'cognito:groups': ['admins', 'teachers'],
    });
    for (const claim of ['sub', 'origin_jti', 'event_id', 'auth_time', 'exp', 'iat', 'jti']) expect(access).toHaveProperty(claim);
    expect(access.exp! - access.iat!).toBe(900);

    const { payload: id } = await jwtVerify(tokens.IdToken!, jwks, { issuer: h.emulator.issuer, audience: CLIENT_ID });
    expect(id).toMatchObject({
      token_use: 'id',
      sub: access.sub,
      origin_jti: access.origin_jti,
      'cognito:username': 'Ivanova.Anna',
      'cognito:groups': ['admins', 'teachers'],
      email: 'anna@example.test',
      email_verified: true,
      name: 'Анна Иванова',
      'custom:schoolId': 's1',
    });

    const me = await h.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(me.Username).toBe('Ivanova.Anna');
    expect(me.UserAttributes).toContainEqual({ Name: 'sub', Value: access.sub });

    // The session is single-use.
    const again = await failure(
      h.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: CLIENT_ID,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session,
          ChallengeResponses: { USERNAME: 'Ivanova.Anna', NEW_PASSWORD: 'Other-Pass-42' },
        }),
      ),
    );
    expect(again.name).toBe('NotAuthorizedException');
  });

  it('omits cognito:groups when the user has none, and signs in with the new password', async () => {
    await createConfirmedUser(h, 'no.groups');
    const result = await signIn(h, 'NO.GROUPS', PASSWORD);
    const { payload } = await jwtVerify(result.AuthenticationResult!.AccessToken!, createRemoteJWKSet(new URL(h.emulator.jwksUrl)));
    expect(payload).not.toHaveProperty('cognito:groups');
  });
});

describe('refresh and sign-out', () => {
  it('refreshes (new access and id token, no refresh token) keeping origin_jti and auth_time', async () => {
    const tokens = await createConfirmedUser(h, 'refresher', {}, ['students']);
    const refreshed = await refresh(tokens.RefreshToken);
    const result = refreshed.AuthenticationResult!;
    expect(result.AccessToken).toBeTruthy();
    expect(result.IdToken).toBeTruthy();
    expect(result.RefreshToken).toBeUndefined();
    const jwks = createRemoteJWKSet(new URL(h.emulator.jwksUrl));
    const before = (await jwtVerify(tokens.AccessToken!, jwks)).payload;
    const after = (await jwtVerify(result.AccessToken!, jwks)).payload;
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.jti).not.toBe(before.jti);
    expect(after['cognito:groups']).toEqual(['students']);
  });

  it('GlobalSignOut revokes the refresh token and the access token', async () => {
    const tokens = await createConfirmedUser(h, 'leaver');
    const other = (await signIn(h, 'leaver', PASSWORD)).AuthenticationResult!;
    expect(h.emulator.isTokenRevoked(tokens.AccessToken!)).toBe(false);
    await h.client.send(new GlobalSignOutCommand({ AccessToken: tokens.AccessToken }));

    const refreshFailure = await failure(refresh(tokens.RefreshToken));
    expect(refreshFailure).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked', status: 400 });
    const otherRefresh = await failure(refresh(other.RefreshToken));
    expect(otherRefresh.name).toBe('NotAuthorizedException');
    const getUser = await failure(h.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })));
    expect(getUser).toMatchObject({ name: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    expect(h.emulator.isTokenRevoked(tokens.AccessToken!)).toBe(true);
    expect(h.emulator.isTokenRevoked(other.IdToken!)).toBe(true);

    // A new sign-in works again.
    const fresh = (await signIn(h, 'leaver', PASSWORD)).AuthenticationResult!;
    expect(h.emulator.isTokenRevoked(fresh.AccessToken!)).toBe(false);
    await h.client.send(new GetUserCommand({ AccessToken: fresh.AccessToken }));
  });

  it('AdminUserGlobalSignOut and RevokeToken revoke too', async () => {
    const tokens = await createConfirmedUser(h, 'kicked');
    await h.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: POOL_ID, Username: 'KICKED' }));
    expect((await failure(refresh(tokens.RefreshToken))).name).toBe('NotAuthorizedException');

    const second = (await signIn(h, 'kicked', PASSWORD)).AuthenticationResult!;
    await h.client.send(new RevokeTokenCommand({ ClientId: CLIENT_ID, Token: second.RefreshToken }));
    expect((await failure(refresh(second.RefreshToken))).message).toBe('Refresh Token has been revoked');
    expect((await failure(h.client.send(new GetUserCommand({ AccessToken: second.AccessToken })))).name).toBe(
      'NotAuthorizedException',
    );
  });

  it('refuses a garbage refresh token and a forged access token', async () => {
    expect(await failure(refresh('nonsense'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    expect(await failure(h.client.send(new GetUserCommand({ AccessToken: forged })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });
});

describe('failures look like Cognito', () => {
  it('answers a wrong password and an unknown user identically', async () => {
    await createConfirmedUser(h, 'petrov');
    const wrong = await failure(signIn(h, 'petrov', 'Wrong-Pass-1'));
    const unknown = await failure(signIn(h, 'nobody.here', 'Wrong-Pass-1'));
    expect(wrong).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
    expect(unknown).toEqual(wrong);
  });

  it('treats names of object properties as ordinary usernames', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      expect(await failure(signIn(h, name, 'Wrong-Pass-1'))).toMatchObject({ message: 'Incorrect username or password.' });
    }
    await createConfirmedUser(h, '__proto__');
    expect((await signIn(h, '__proto__', PASSWORD)).AuthenticationResult).toBeTruthy();
  });

  it('locks a user out after repeated wrong passwords', async () => {
    await createConfirmedUser(timed, 'guessed');
    for (let i = 0; i < 5; i++) await failure(signIn(timed, 'guessed', `Wrong-Pass-${i}`));
    expect(await failure(signIn(timed, 'guessed', PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    now += 1500;
    expect((await signIn(timed, 'guessed', PASSWORD)).AuthenticationResult).toBeTruthy();
  });

  it('a disabled user cannot sign in, refresh or call GetUser; enabling restores sign-in', async () => {
    const tokens = await createConfirmedUser(h, 'sidorov');
    await h.client.send(new AdminDisableUserCommand({ UserPoolId: POOL_ID, Username: 'sidorov' }));
    expect(await failure(signIn(h, 'sidorov', PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    expect((await failure(refresh(tokens.RefreshToken))).name).toBe('NotAuthorizedException');
    expect((await failure(h.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).name).toBe(
      'NotAuthorizedException',
    );
    await h.client.send(new AdminEnableUserCommand({ UserPoolId: POOL_ID, Username: 'sidorov' }));
    expect((await signIn(h, 'sidorov', PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('rejects a wrong client id and an unsupported flow', async () => {
    const wrongClient = await failure(
      h.client.send(
        new InitiateAuthCommand({
          ClientId: 'other-client',
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'petrov', PASSWORD },
        }),
      ),
    );
    expect(wrongClient.name).toBe('ResourceNotFoundException');
    const srp = await failure(
      h.client.send(new InitiateAuthCommand({ ClientId: CLIENT_ID, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'petrov' } })),
    );
    expect(srp.name).toBe('InvalidParameterException');
  });
});

describe('passwords', () => {
  it.each([
    ['Ab1!', 'Password did not conform with policy: Password not long enough'],
    ['ABCDEFG1!', 'Password did not conform with policy: Password must have lowercase characters'],
    ['abcdefg1!', 'Password did not conform with policy: Password must have uppercase characters'],
    ['Abcdefgh!', 'Password did not conform with policy: Password must have numeric characters'],
    ['Abcdefgh1', 'Password did not conform with policy: Password must have symbol characters'],
    ['Пароль-Длинный1', 'Password did not conform with policy: Password must have lowercase characters'],
  ])('refuses %s', async (password, message) => {
    const result = await failure(
      h.client.send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'petrov', Password: password, Permanent: true })),
    );
    expect(result).toEqual({ name: 'InvalidPasswordException', message, status: 400 });
  });

  it('ChangePassword checks the old password and the policy', async () => {
    const tokens = await createConfirmedUser(h, 'changer');
    const send = (previous: string, proposed: string) =>
      h.client.send(
        new ChangePasswordCommand({ AccessToken: tokens.AccessToken, PreviousPassword: previous, ProposedPassword: proposed }),
      );
    expect((await failure(send('Wrong-Pass-1', 'New-Pass-123'))).name).toBe('NotAuthorizedException');
    expect((await failure(send(PASSWORD, 'weak'))).name).toBe('InvalidPasswordException');
    await send(PASSWORD, 'New-Pass-123');
    expect((await failure(signIn(h, 'changer', PASSWORD))).name).toBe('NotAuthorizedException');
    expect((await signIn(h, 'changer', 'New-Pass-123')).AuthenticationResult).toBeTruthy();
  });

  it('AdminSetUserPassword Permanent false forces a new password; temporary passwords expire', async () => {
    await createUser(timed, 'late.user');
    now += 8 * 24 * 3600 * 1000;
    expect(await failure(signIn(timed, 'late.user', TEMPORARY_PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
    await timed.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'late.user', Password: 'Reset-Pass-77', Permanent: false }),
    );
    expect((await signIn(timed, 'late.user', 'Reset-Pass-77')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    await timed.client.send(
      new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: 'late.user', Password: 'Final-Pass-77', Permanent: true }),
    );
    const tokens = (await signIn(timed, 'late.user', 'Final-Pass-77')).AuthenticationResult!;
    now += 16 * 60 * 1000;
    expect(await failure(timed.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
    now += 12 * 3600 * 1000;
    const expired = await failure(
      timed.client.send(
        new InitiateAuthCommand({ ClientId: CLIENT_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
      ),
    );
    expect(expired).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has expired' });
  });
});
