/**
 * The pool's password history (PasswordHistorySize, 5 in infra/lib/user-directory.ts): no
 * permanent password may be one of the user's last 5, the current one included — through
 * AdminSetUserPassword (Permanent), ChangePassword and the NEW_PASSWORD_REQUIRED challenge.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfirmedUser, failure, signIn } from './flows.ts';
import { CLIENT_ID, PASSWORD, POOL_ID, startEmulator, type Harness } from './harness.ts';

const HISTORY = 5;
const PREVIOUSLY_USED = { name: 'InvalidPasswordException', message: 'Password has previously been used', status: 400 };
/** Passwords satisfying the policy. */
const pw = (n: number) => `History-Pass-${n}!`;

let h: Harness;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'klassny-cognito-history-'));
  h = await startEmulator({ dataDir, passwordHistorySize: HISTORY });
});
afterAll(async () => {
  await h?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const changePassword = (accessToken: string | undefined, previous: string, proposed: string) =>
  h.client.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: previous, ProposedPassword: proposed }));
const adminSet = (harness: Harness, username: string, password: string, permanent: boolean) =>
  harness.client.send(new AdminSetUserPasswordCommand({ UserPoolId: POOL_ID, Username: username, Password: password, Permanent: permanent }));

describe('password history of 5', () => {
  it('ChangePassword refuses the last 5 passwords (the current one included), then allows the 6th-oldest', async () => {
    const { AccessToken } = await createConfirmedUser(h, 'history.change');
    expect(await failure(changePassword(AccessToken, PASSWORD, PASSWORD))).toEqual(PREVIOUSLY_USED);

    let current = PASSWORD;
    for (let n = 1; n <= HISTORY - 1; n++) {
      await changePassword(AccessToken, current, pw(n));
      current = pw(n);
    }
    // History now: pw(4), pw(3), pw(2), pw(1), PASSWORD.
    for (const used of [PASSWORD, pw(1), pw(2), pw(3), pw(4)]) {
      expect(await failure(changePassword(AccessToken, current, used)), used).toEqual(PREVIOUSLY_USED);
    }
    await changePassword(AccessToken, current, pw(5));
    // PASSWORD has dropped out of the 5; pw(1) has not.
    expect(await failure(changePassword(AccessToken, pw(5), pw(1)))).toEqual(PREVIOUSLY_USED);
    await changePassword(AccessToken, pw(5), PASSWORD);
    expect((await signIn(h, 'history.change', PASSWORD)).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('tells nothing about the history before the current password is proved', async () => {
    const { AccessToken } = await createConfirmedUser(h, 'history.wrong-previous');
    expect((await failure(changePassword(AccessToken, 'Wrong-Pass-1!', PASSWORD))).name).toBe('NotAuthorizedException');
  });

  it('AdminSetUserPassword with Permanent refuses a used password; a temporary one is not checked', async () => {
    await createConfirmedUser(h, 'history.admin');
    expect(await failure(adminSet(h, 'history.admin', PASSWORD, true))).toEqual(PREVIOUSLY_USED);
    await adminSet(h, 'history.admin', pw(1), true);
    expect(await failure(adminSet(h, 'history.admin', PASSWORD, true))).toEqual(PREVIOUSLY_USED);
    // The operator's temporary password may be anything the policy allows.
    await adminSet(h, 'history.admin', PASSWORD, false);
    expect((await signIn(h, 'history.admin', PASSWORD)).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('the NEW_PASSWORD_REQUIRED challenge refuses a used password and accepts a new one in the same session', async () => {
    await createConfirmedUser(h, 'history.reset');
    await adminSet(h, 'history.reset', 'Temporary-Pass-1!', false);
    const challenge = await signIn(h, 'history.reset', 'Temporary-Pass-1!');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const respond = (password: string) =>
      h.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: CLIENT_ID,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'history.reset', NEW_PASSWORD: password },
        }),
      );
    expect(await failure(respond(PASSWORD))).toEqual(PREVIOUSLY_USED);
    expect((await respond(pw(7))).AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('keeps the history across a restart, as hashes only', async () => {
    await createConfirmedUser(h, 'history.persisted');
    await adminSet(h, 'history.persisted', pw(8), true);
    await h.close();
    const file = await readFile(join(dataDir, `${POOL_ID}.json`), 'utf8');
    expect(file).not.toContain(PASSWORD);
    expect(file).not.toContain(pw(8));
    const stored = (JSON.parse(file) as { users: Record<string, { passwordHistory?: string[] }> }).users['history.persisted'];
    expect(stored?.passwordHistory).toHaveLength(2);
    for (const hash of stored!.passwordHistory!) expect(hash).toMatch(/^scrypt\$/);

    h = await startEmulator({ dataDir, passwordHistorySize: HISTORY });
    expect(await failure(adminSet(h, 'history.persisted', PASSWORD, true))).toEqual(PREVIOUSLY_USED);
    expect(await failure(adminSet(h, 'history.persisted', pw(8), true))).toEqual(PREVIOUSLY_USED);
  });
});

describe('without a password history', () => {
  it('lets a user set the same password again (Cognito\'s default)', async () => {
    const plain = await startEmulator();
    try {
      const { AccessToken } = await createConfirmedUser(plain, 'no.history');
      await plain.client.send(new ChangePasswordCommand({ AccessToken, PreviousPassword: PASSWORD, ProposedPassword: PASSWORD }));
      await adminSet(plain, 'no.history', PASSWORD, true);
    } finally {
      await plain.close();
    }
  });
});
