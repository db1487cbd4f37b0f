/**
 * The local stack's Cognito emulator accepts admin calls signed with the stack's one IAM
 * identity (LOCAL_AWS_CREDENTIALS, the AWS_* variables the functions read) and no other, and
 * keeps the pool's password history (shared/config/limits.ts), as the user pool in AWS does.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CREDENTIALS, LOCAL_USER_POOL_ID, type LocalStack } from '#infra/local/stack.ts';
import { signIn, startTestStack } from '../../support/local-stack.ts';

let stack: LocalStack;
beforeAll(async () => {
  // Real AWS credentials left in the developer's shell must not leak into the local calls.
  process.env.AWS_SESSION_TOKEN = 'left-over-from-the-shell';
  // The demo accounts are seeded through the functions' identity code, signing with the stack's credentials.
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${stack.port}/cognito`, region: LOCAL_AWS_CREDENTIALS.region, credentials, maxAttempts: 1 });

describe('admin calls in the local stack', () => {
  it('the seed created the demo accounts through the admin API, signed by the functions\' client', async () => {
    expect(await signIn(stack, 'teacher')).toMatch(/^ey/);
  });

  it('the functions\' client, configured only by the environment, is accepted', async () => {
    expect(process.env.AWS_ACCESS_KEY_ID).toBe(LOCAL_AWS_CREDENTIALS.accessKeyId);
    expect(process.env.AWS_SESSION_TOKEN).toBe('');
    const client = new CognitoIdentityProviderClient({});
    try {
      const users = await client.send(new ListUsersCommand({ UserPoolId: LOCAL_USER_POOL_ID, Filter: 'username = "teacher"' }));
      expect(users.Users?.map((u) => u.Username)).toEqual(['teacher']);
    } finally {
      client.destroy();
    }
  });

  it('a client signing with other credentials is refused', async () => {
    const client = clientWith({ accessKeyId: LOCAL_AWS_CREDENTIALS.accessKeyId, secretAccessKey: 'guessed' });
    try {
      await expect(client.send(new ListUsersCommand({ UserPoolId: LOCAL_USER_POOL_ID }))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
    } finally {
      client.destroy();
    }
  });

  it('a password among the user\'s last ones is refused: InvalidPasswordException', async () => {
    const client = clientWith(LOCAL_AWS_CREDENTIALS);
    try {
      await client.send(new AdminCreateUserCommand({ UserPoolId: LOCAL_USER_POOL_ID, Username: 'history.local', MessageAction: 'SUPPRESS' }));
      const set = (Password: string) =>
        client.send(new AdminSetUserPasswordCommand({ UserPoolId: LOCAL_USER_POOL_ID, Username: 'history.local', Password, Permanent: true }));
      await set('First-Pass-2026!');
      await set('Second-Pass-2026!');
      await expect(set('First-Pass-2026!')).rejects.toMatchObject({ name: 'InvalidPasswordException', message: 'Password has previously been used' });
    } finally {
      client.destroy();
    }
  });
});
