import {
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '#infra/local/cognito/totp.ts';
import { TRIGGER_TIMEOUT_MS } from '#infra/local/cognito/triggers.ts';
import { createConfirmedUser, createUser, failure, signIn, TEMPORARY_PASSWORD } from './flows.ts';
import { CLIENT_ID, IAM, PASSWORD, POOL_ID, startEmulator, type Harness } from './harness.ts';

/**
 * The post-authentication trigger as Cognito calls it: once a password sign-in is complete (after
 * the new password, after the TOTP code), before the tokens; never for a refresh or a wrong
 * password; a trigger that throws or hangs fails the sign-in.
 */
let h: Harness;
const events: PostAuthenticationTriggerEvent[] = [];
let behaviour: 'ok' | 'throw' | 'hang' = 'ok';
beforeAll(async () => {
  h = await startEmulator({
    triggers: {
      postAuthentication: async (event) => {
        if (behaviour === 'throw') throw new Error('table unavailable');
        if (behaviour === 'hang') await new Promise((resolve) => setTimeout(resolve, TRIGGER_TIMEOUT_MS + 1_000));
        events.push(event);
        return event;
      },
    },
  });
});
afterAll(() => h.close());
beforeEach(() => {
  events.length = 0;
  behaviour = 'ok';
});

describe('post-authentication trigger', () => {
  it('is called once per completed sign-in with Cognito\'s event, not for a refresh or a wrong password', async () => {
    await createConfirmedUser(h, 'Petrova.Olga', { name: 'Петрова Ольга', email: 'olga@example.test' });
    events.length = 0;

    const tokens = (await signIn(h, 'petrova.olga', PASSWORD)).AuthenticationResult!;
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual({
      version: '1',
      region: IAM.region,
      userPoolId: POOL_ID,
      userName: 'Petrova.Olga',
      callerContext: { awsSdkVersion: expect.any(String), clientId: CLIENT_ID },
      triggerSource: 'PostAuthentication_Authentication',
      request: {
        userAttributes: expect.objectContaining({ sub: decodeJwt(tokens.AccessToken!).sub, name: 'Петрова Ольга', 'cognito:user_status': 'CONFIRMED' }),
        newDeviceUsed: false,
      },
      response: {},
    });

    await h.client.send(new InitiateAuthCommand({ ClientId: CLIENT_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }));
    expect((await failure(signIn(h, 'petrova.olga', 'Wrong-Pass-123'))).name).toBe('NotAuthorizedException');
    expect(events).toHaveLength(1);
  });

  it('waits for the new password of a first sign-in, and for the TOTP code', async () => {
    await createUser(h, 'first.timer');
    const challenge = await signIn(h, 'first.timer', TEMPORARY_PASSWORD);
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(events).toHaveLength(0);
    const answered = await h.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: CLIENT_ID,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'first.timer', NEW_PASSWORD: PASSWORD },
      }),
    );
    expect(events.map((e) => e.userName)).toEqual(['first.timer']);

    const accessToken = answered.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await h.client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const code = () => totp(base32Decode(SecretCode!), Date.now());
    await h.client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code() }));
    await h.client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    events.length = 0;

    const mfa = await signIn(h, 'first.timer', PASSWORD);
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(events).toHaveLength(0);
    await h.client.send(
      new RespondToAuthChallengeCommand({
        ClientId: CLIENT_ID,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.Session,
        ChallengeResponses: { USERNAME: 'first.timer', SOFTWARE_TOKEN_MFA_CODE: code() },
      }),
    );
    expect(events.map((e) => e.userName)).toEqual(['first.timer']);
  });

  it('fails the sign-in when it throws, as Cognito does: no tokens', async () => {
    await createConfirmedUser(h, 'unlucky');
    behaviour = 'throw';
    expect(await failure(signIn(h, 'unlucky', PASSWORD))).toEqual({
      name: 'UserLambdaValidationException',
      message: 'PostAuthentication failed with error table unavailable.',
      status: 400,
    });
    behaviour = 'ok';
    expect((await signIn(h, 'unlucky', PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('fails the sign-in when it does not answer within Cognito\'s 5 seconds', async () => {
    await createConfirmedUser(h, 'slow');
    behaviour = 'hang';
    const started = Date.now();
    expect((await failure(signIn(h, 'slow', PASSWORD))).name).toBe('UnexpectedLambdaException');
    expect(Date.now() - started).toBeGreaterThanOrEqual(TRIGGER_TIMEOUT_MS - 50);
  }, 20_000);
});
