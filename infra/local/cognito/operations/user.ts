/** Calls a signed-in user makes with an access token: GetUser, ChangePassword, GlobalSignOut. */
import { toAttributeList } from '../attributes.ts';
import { INCORRECT_CREDENTIALS, notAuthorized } from '../errors.ts';
import { requireString } from '../input.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../password.ts';
import { checkPasswordHistory, setPassword } from '../password-history.ts';
import { userKey } from '../user-store.ts';
import { authenticate, mfaSettings, type Operation } from './context.ts';

export const getUser: Operation = async (ctx, input) => {
  const { user } = await authenticate(ctx, input);
  return {
    Username: user.username,
    UserAttributes: toAttributeList(user.sub, user.attributes),
    ...mfaSettings(user),
  };
};

export const changePassword: Operation = async (ctx, input) => {
  const { user } = await authenticate(ctx, input);
  const previous = requireString(input, 'PreviousPassword');
  const proposed = requireString(input, 'ProposedPassword');
  checkPasswordPolicy(proposed, ctx.policy);
  if (ctx.lockout.isLocked(userKey(user.username), ctx.now())) {
    throw notAuthorized('Password attempts exceeded');
  }
  if (!(await verifyPassword(previous, user.passwordHash))) {
    ctx.lockout.recordFailure(userKey(user.username), ctx.now());
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  // Only once the caller has proved the current password: the answer tells which were used.
  await checkPasswordHistory(ctx, user, proposed);
  const hash = await hashPassword(proposed, ctx.scrypt);
  const { user: current } = await authenticate(ctx, input);
  setPassword(ctx, current, hash, true);
  current.updatedAt = ctx.now();
  await ctx.store.commit();
  return {};
};

export const globalSignOut: Operation = async (ctx, input) => {
  const { user } = await authenticate(ctx, input);
  ctx.store.revokeSessionsOf(user.sub, ctx.now());
  await ctx.store.commit();
  return {};
};
