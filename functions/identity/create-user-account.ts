import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '#shared/domain/role.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { cognito } from '#functions/lib/cognito-client.ts';
import { createAccount } from '#functions/data/account-repository.ts';
import { addToGroups, poolUserId, setPoolPassword } from './pool-users.ts';

export type NewUserAccount = {
  login: string;
  displayName: string;
  roles: Role[];
  email?: string;
  /** A permanent password (demo accounts) or a temporary one the user must change at first sign-in. */
  password: { value: string; permanent: boolean };
  /** The school's person the account belongs to (staff, student or parent). */
  personId?: string;
};

/**
 * A Cognito user in the role groups plus the school's account record linked to its `sub`, for the
 * demo school and tests (accounts of a real school start from invitation codes). Safe to retry:
 * an existing user or record is reused, not duplicated.
 */
export async function createUserAccount(input: NewUserAccount): Promise<{ userId: string }> {
  const attributes = [
    { Name: 'name', Value: input.displayName },
    ...(input.email ? [{ Name: 'email', Value: input.email }, { Name: 'email_verified', Value: 'true' }] : []),
  ];
  let created = true;
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: functionEnv().USER_POOL_ID,
        Username: input.login,
        UserAttributes: attributes,
        TemporaryPassword: input.password.permanent ? undefined : input.password.value,
        MessageAction: 'SUPPRESS',
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UsernameExistsException')) throw error;
    created = false;
  }
  // A retry keeps the password set the first time (the pool refuses one of its recent passwords).
  if (created && input.password.permanent) await setPoolPassword(input.login, input.password.value);
  await addToGroups(input.login, input.roles);
  const userId = await poolUserId(input.login);
  await createAccount({
    userId,
    login: input.login.toLowerCase(),
    displayName: input.displayName,
    roles: input.roles,
    ...(input.personId ? { personId: input.personId } : {}),
  });
  return { userId };
}
