import { copyFile, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfirmedUser, failure, signIn } from './flows.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, startEmulator } from './harness.ts';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'klassny-cognito-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('persistence', () => {
  it('keeps users, groups, sessions, revocations and the signing key across a restart', async () => {
    // The issuer must not depend on the (ephemeral) port, as with a fixed local URL.
    const issuerBaseUrl = 'http://localhost:3000/cognito';
    const first = await startEmulator({ dataDir, issuerBaseUrl });
    const tokens = await createConfirmedUser(first, 'persistent', { email: 'p@school.test' }, ['teachers']);
    const doomed = (await signIn(first, 'persistent', PASSWORD)).AuthenticationResult!;
    await first.client.send(new CreateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'librarians' }));
    const kid = (await (await fetch(first.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    await first.close();

    const files = await readdir(dataDir);
    expect(files).toEqual([`${POOL_ID}.json`]);
    const file = join(dataDir, `${POOL_ID}.json`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(PASSWORD);
    expect(raw).not.toContain(tokens.RefreshToken!);

    const second = await startEmulator({ dataDir, issuerBaseUrl });
    try {
      const kid2 = (await (await fetch(second.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
      expect(kid2.keys[0]?.kid).toBe(kid.keys[0]?.kid);
      // Tokens from before the restart still verify and work.
      await jwtVerify(tokens.IdToken!, createRemoteJWKSet(new URL(second.jwksUrl)), { issuer: second.emulator.issuer });
      const me = await second.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
      expect(me.Username).toBe('persistent');
      const refreshed = await second.client.send(
        new InitiateAuthCommand({ ClientId: CLIENT_ID, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }),
      );
      expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
      expect((await signIn(second, 'persistent', PASSWORD)).AuthenticationResult).toBeTruthy();
      const user = await second.client.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'persistent' }));
      expect(user.UserStatus).toBe('CONFIRMED');
      const groups = await second.client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL_ID, Username: 'persistent' }));
      expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['teachers']);

      await second.client.send(new GlobalSignOutCommand({ AccessToken: doomed.AccessToken }));
    } finally {
      await second.close();
    }

    const third = await startEmulator({ dataDir, issuerBaseUrl });
    try {
      expect(third.emulator.isTokenRevoked(tokens.AccessToken!)).toBe(true);
      expect((await failure(third.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).message).toBe(
        'Access Token has been revoked',
      );
      const listed = await third.client.send(new CreateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'cooks' }));
      expect(listed.Group?.GroupName).toBe('cooks');
      expect((await failure(third.client.send(new CreateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'librarians' })))).name).toBe(
        'GroupExistsException',
      );
    } finally {
      await third.close();
    }
  });

  it('refuses to start on a file of another pool', async () => {
    const other = await startEmulator({ dataDir, userPoolId: 'other_pool' });
    await other.close();
    await copyFile(join(dataDir, 'other_pool.json'), join(dataDir, 'copied_pool.json'));
    await expect(startEmulator({ dataDir, userPoolId: 'copied_pool' })).rejects.toThrow(/another pool/);
  });
});
