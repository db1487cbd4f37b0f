import {
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totp } from '#infra/local/cognito/totp.ts';
import { createConfirmedUser, failure, signIn } from './flows.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, startEmulator, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator();
});
afterAll(async () => {
  await h.close();
});

const codeNow = (secret: string) => totp(base32Decode(secret), Date.now());

/** A 6-digit code that is not valid in the accepted window around now. */
function wrongCode(secret: string): string {
  const key = base32Decode(secret);
  const step = Math.floor(Date.now() / 30_000);
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => hotp(key, step + d)));
  for (let i = 0; ; i++) {
    const candidate = String(i).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

const answerMfa = (session: string | undefined, username: string, code: string) =>
  h.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: CLIENT_ID,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: session,
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
    }),
  );

describe('TOTP MFA', () => {
  it('associate → verify → prefer → sign-in asks SOFTWARE_TOKEN_MFA; right code passes, wrong fails', async () => {
    const tokens = await createConfirmedUser(h, 'mfa.user');
    const { SecretCode } = await h.client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    const secret = SecretCode!;

    expect(await failure(h.client.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: wrongCode(secret) })))).toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
    });
    const verified = await h.client.send(
      new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: codeNow(secret), FriendlyDeviceName: 'phone' }),
    );
    expect(verified.Status).toBe('SUCCESS');

    // Verified but not enabled yet: sign-in gives tokens directly.
    expect((await signIn(h, 'mfa.user', PASSWORD)).AuthenticationResult).toBeTruthy();

    await h.client.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const me = await h.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(me.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(me.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    const admin = await h.client.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'mfa.user' }));
    expect(admin.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);

    const challenged = await signIn(h, 'mfa.user', PASSWORD);
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.AuthenticationResult).toBeUndefined();

    expect(await failure(answerMfa(challenged.Session, 'mfa.user', wrongCode(secret)))).toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code received for user',
    });
    // Like Cognito, a session is spent after a wrong code.
    expect((await failure(answerMfa(challenged.Session, 'mfa.user', codeNow(secret)))).name).toBe('NotAuthorizedException');

    const again = await signIn(h, 'mfa.user', PASSWORD);
    const passed = await answerMfa(again.Session, 'MFA.USER', codeNow(secret));
    expect(passed.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(passed.AuthenticationResult?.RefreshToken).toBeTruthy();

    await h.client.send(
      new SetUserMFAPreferenceCommand({ AccessToken: passed.AuthenticationResult!.AccessToken, SoftwareTokenMfaSettings: { Enabled: false } }),
    );
    expect((await signIn(h, 'mfa.user', PASSWORD)).AuthenticationResult).toBeTruthy();
  });

  it('refuses enabling TOTP before a token is verified', async () => {
    const tokens = await createConfirmedUser(h, 'mfa.early');
    await h.client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    expect(
      (
        await failure(
          h.client.send(
            new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }),
          ),
        )
      ).name,
    ).toBe('InvalidParameterException');
  });

  it('refuses a challenge answered for another user', async () => {
    await createConfirmedUser(h, 'mfa.other');
    const tokens = await createConfirmedUser(h, 'mfa.owner');
    const { SecretCode } = await h.client.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    await h.client.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: codeNow(SecretCode!) }));
    await h.client.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));
    const challenged = await signIn(h, 'mfa.owner', PASSWORD);
    expect((await failure(answerMfa(challenged.Session, 'mfa.other', codeNow(SecretCode!)))).name).toBe('NotAuthorizedException');
  });
});
