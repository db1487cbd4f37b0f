/**
 * The user pool's side of an account (Cognito's admin API, the same calls against the local
 * emulator): users, passwords, groups and sessions. The table's account record is the services'.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '#shared/domain/role.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { cognito } from '#functions/lib/cognito-client.ts';
import { LoginTakenError } from '#functions/lib/errors.ts';

/** The pool refused the password (its policy, or one of the last passwords of this user). */
export class PasswordRefused extends Error {
  constructor() {
    super('password refused by the user pool');
    this.name = 'PasswordRefused';
  }
}

const pool = () => functionEnv().USER_POOL_ID;

export async function setPoolPassword(login: string, password: string, permanent = true): Promise<void> {
  try {
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool(), Username: login, Password: password, Permanent: permanent }));
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidPasswordException') throw new PasswordRefused();
    throw error;
  }
}

export async function addToGroups(login: string, roles: readonly Role[]): Promise<void> {
  for (const role of roles) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool(), Username: login, GroupName: role }));
}

/** The pool's id (`sub`) of a user. */
export async function poolUserId(login: string): Promise<string> {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool(), Username: login }));
  const sub = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error('user pool returned no sub');
  return sub;
}

/**
 * A new user with a permanent password, in the role groups; its `sub`. A login that exists is a
 * LoginTakenError; a refused password a PasswordRefused, and the half-made user is deleted.
 */
export async function createPoolUser(login: string, name: string, password: string, roles: readonly Role[]): Promise<string> {
  try {
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId: pool(), Username: login, UserAttributes: [{ Name: 'name', Value: name }], MessageAction: 'SUPPRESS' }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'UsernameExistsException') throw new LoginTakenError();
    throw error;
  }
  try {
    await setPoolPassword(login, password);
    await addToGroups(login, roles);
    return await poolUserId(login);
  } catch (error) {
    await deletePoolUser(login);
    throw error;
  }
}

/** Best effort: a user left behind would only block its login, never grant access (no account record). */
export async function deletePoolUser(login: string): Promise<void> {
  await cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool(), Username: login })).catch(() => undefined);
}

/** After a recovery: the user may sign in again (a withdrawn consent had disabled it), and every old refresh token is revoked. */
export async function endPoolSessions(login: string): Promise<void> {
  await cognito.send(new AdminEnableUserCommand({ UserPoolId: pool(), Username: login }));
  await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool(), Username: login }));
}
