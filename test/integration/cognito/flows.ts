/** Steps several tests share: create a user, finish the first sign-in, sign in. */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_ID, PASSWORD, POOL_ID, type Harness } from './harness.ts';

export const TEMPORARY_PASSWORD = 'Temp-Pass-123';

export async function createUser(
  h: Harness,
  username: string,
  attributes: Record<string, string> = {},
  groups: string[] = [],
): Promise<void> {
  await h.client.send(
    new AdminCreateUserCommand({
      UserPoolId: POOL_ID,
      Username: username,
      TemporaryPassword: TEMPORARY_PASSWORD,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  for (const group of groups) {
    await h.client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: username, GroupName: group }));
  }
}

export function signIn(h: Harness, username: string, password: string) {
  return h.client.send(
    new InitiateAuthCommand({
      ClientId: CLIENT_ID,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

/** Creates a user and completes NEW_PASSWORD_REQUIRED; returns the tokens. */
export async function createConfirmedUser(
  h: Harness,
  username: string,
  attributes: Record<string, string> = {},
  groups: string[] = [],
): Promise<AuthenticationResultType> {
  await createUser(h, username, attributes, groups);
  const challenge = await signIn(h, username, TEMPORARY_PASSWORD);
  const answer = await h.client.send(
    new RespondToAuthChallengeCommand({
      ClientId: CLIENT_ID,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: PASSWORD },
    }),
  );
  if (!answer.AuthenticationResult) throw new Error('no tokens after NEW_PASSWORD_REQUIRED');
  return answer.AuthenticationResult;
}

/** The error an SDK call rejects with: `{ name, message }`. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}) };
  }
  throw new Error('expected the call to fail');
}
