import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '#shared/api/identity.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { cognito } from '#functions/lib/aws-clients.ts';
import { createAccount } from '#functions/data/account-repository.ts';

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
 * A Cognito user in the role groups plus the school's account record linked to its `sub`.
 * Safe to retry: an existing user or record is reused, not duplicated.
 */
export async function createUserAccount(input: NewUserAccount): Promise<{ userId: string }> {
  const { USER_POOL_ID: UserPoolId } = functionEnv();
  const attributes = [
    { Name: 'name', Value: input.displayName },
    ...(input.email ? [{ Name: 'email', Value: input.email }, { Name: 'email_verified', Value: 'true' }] : []),
  ];
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: input.login,
        UserAttributes: attributes,
        TemporaryPassword: input.password.permanent ? undefined : input.password.value,
        MessageAction: 'SUPPRESS',
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UsernameExistsException')) throw error;
  }
  if (input.password.permanent) {
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId, Username: input.login, Password: input.password.value, Permanent: true }),
    );
  }
  for (const role of input.roles) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: input.login, GroupName: role }));
  }
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: input.login }));
  const userId = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
  if (!userId) throw new Error('user pool returned no sub');
  await createAccount({
    userId,
    login: input.login.toLowerCase(),
    displayName: input.displayName,
    roles: input.roles,
    ...(input.personId ? { personId: input.personId } : {}),
  });
  return { userId };
}
