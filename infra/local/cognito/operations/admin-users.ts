/**
 * Admin user management: AdminCreateUser, AdminGetUser, AdminDeleteUser,
 * AdminSetUserPassword, AdminDisableUser, AdminEnableUser,
 * AdminUserGlobalSignOut, AdminUpdateUserAttributes, ListUsers.
 */
import { randomUUID } from 'node:crypto';
import { toAttributeList, validateAttributes } from '../attributes.ts';
import { CognitoError, invalidParameter, userNotFound } from '../errors.ts';
import {
  attributeList,
  listLimit,
  optionalBoolean,
  optionalString,
  requireString,
  type Input,
} from '../input.ts';
import { paginate, parseUserFilter } from '../list-filter.ts';
import { checkPasswordPolicy, generatePassword, hashPassword } from '../password.ts';
import { checkPasswordHistory, setPassword } from '../password-history.ts';
import type { UserRecord } from '../user-store.ts';
import { adminUser, checkUserPoolId, epochSeconds, mfaSettings, userType, type Operation } from './context.ts';

function checkUsername(username: string): void {
  if (username.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
}

function temporaryPassword(ctx: Parameters<Operation>[0], input: Input): string {
  const given = optionalString(input, 'TemporaryPassword');
  if (given === undefined) return generatePassword(ctx.policy);
  checkPasswordPolicy(given, ctx.policy);
  return given;
}

export const adminCreateUser: Operation = async (ctx, input) => {
  checkUserPoolId(ctx, input);
  const username = requireString(input, 'Username');
  checkUsername(username);
  const action = optionalString(input, 'MessageAction');
  if (action !== undefined && action !== 'SUPPRESS' && action !== 'RESEND') {
    throw invalidParameter(
      "1 validation error detected: Value at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]",
    );
  }
  const attributes = attributeList(input, 'UserAttributes');
  validateAttributes(attributes);
  const password = temporaryPassword(ctx, input);
  const hash = await hashPassword(password, ctx.scrypt);
  const now = ctx.now();
  const existing = ctx.store.getUser(username);

  if (action === 'RESEND') {
    if (!existing) throw userNotFound();
    if (existing.status !== 'FORCE_CHANGE_PASSWORD') {
      throw new CognitoError('UnsupportedUserStateException', 'User account already exists and is confirmed.');
    }
    setPassword(ctx, existing, hash, false);
    existing.temporaryPasswordExpiresAt = now + ctx.temporaryPasswordTtlMs;
    existing.updatedAt = now;
    await ctx.store.commit();
    return { User: userType(existing) };
  }

  if (existing) throw new CognitoError('UsernameExistsException', 'User account already exists');
  const user: UserRecord = {
    username,
    sub: randomUUID(),
    attributes: Object.fromEntries(attributes.map((a) => [a.Name, a.Value])),
    passwordHash: hash,
    status: 'FORCE_CHANGE_PASSWORD',
    enabled: true,
    createdAt: now,
    updatedAt: now,
    temporaryPasswordExpiresAt: now + ctx.temporaryPasswordTtlMs,
    groups: [],
    softwareTokenMfaEnabled: false,
    softwareTokenMfaPreferred: false,
  };
  ctx.store.putUser(user);
  await ctx.store.commit();
  return { User: userType(user) };
};

export const adminGetUser: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  return {
    Username: user.username,
    UserAttributes: toAttributeList(user.sub, user.attributes),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaSettings(user),
  };
};

export const adminDeleteUser: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  ctx.store.revokeSessionsOf(user.sub, ctx.now());
  ctx.store.deleteUser(user);
  await ctx.store.commit();
  return {};
};

export const adminSetUserPassword: Operation = async (ctx, input) => {
  const before = adminUser(ctx, input);
  const password = requireString(input, 'Password');
  const permanent = optionalBoolean(input, 'Permanent') ?? false;
  checkPasswordPolicy(password, ctx.policy);
  if (permanent) await checkPasswordHistory(ctx, before, password);
  const hash = await hashPassword(password, ctx.scrypt);
  const user = adminUser(ctx, input);
  const now = ctx.now();
  setPassword(ctx, user, hash, permanent);
  if (permanent) {
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
  } else {
    user.status = 'FORCE_CHANGE_PASSWORD';
    user.temporaryPasswordExpiresAt = now + ctx.temporaryPasswordTtlMs;
  }
  user.updatedAt = now;
  await ctx.store.commit();
  return {};
};

export const adminDisableUser: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  user.enabled = false;
  user.updatedAt = ctx.now();
  // Cognito revokes the user's tokens when disabling them.
  ctx.store.revokeSessionsOf(user.sub, ctx.now());
  await ctx.store.commit();
  return {};
};

export const adminEnableUser: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  user.enabled = true;
  user.updatedAt = ctx.now();
  await ctx.store.commit();
  return {};
};

export const adminUserGlobalSignOut: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  ctx.store.revokeSessionsOf(user.sub, ctx.now());
  await ctx.store.commit();
  return {};
};

export const adminUpdateUserAttributes: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  const attributes = attributeList(input, 'UserAttributes');
  if (input.UserAttributes === undefined) requireString(input, 'UserAttributes');
  validateAttributes(attributes);
  for (const { Name, Value } of attributes) user.attributes[Name] = Value;
  user.updatedAt = ctx.now();
  await ctx.store.commit();
  return {};
};

export const listUsers: Operation = async (ctx, input) => {
  checkUserPoolId(ctx, input);
  const matches = parseUserFilter(optionalString(input, 'Filter'));
  const limit = listLimit(input);
  const toGet = input.AttributesToGet;
  if (toGet !== undefined && (!Array.isArray(toGet) || toGet.some((name) => typeof name !== 'string'))) {
    throw invalidParameter('Invalid value for AttributesToGet: expected a list of strings');
  }
  const users = ctx.store.listUsers().filter(([, user]) => matches(user));
  const { page, next } = paginate(users, limit, optionalString(input, 'PaginationToken'), 'pagination token');
  return {
    Users: page.map((user) => userType(user, toGet as string[] | undefined)),
    ...(next ? { PaginationToken: next } : {}),
  };
};
