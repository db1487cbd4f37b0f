/** Groups: CreateGroup, ListGroups, AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser. */
import { CognitoError, invalidParameter, resourceNotFound } from '../errors.ts';
import { listLimit, optionalString, requireString, type Input } from '../input.ts';
import { paginate } from '../list-filter.ts';
import type { GroupRecord } from '../user-store.ts';
import { adminUser, checkUserPoolId, epochSeconds, type Context, type Operation } from './context.ts';

function groupType(ctx: Context, group: GroupRecord) {
  return {
    GroupName: group.name,
    UserPoolId: ctx.userPoolId,
    ...(group.description !== undefined ? { Description: group.description } : {}),
    ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
    LastModifiedDate: epochSeconds(group.updatedAt),
    CreationDate: epochSeconds(group.createdAt),
  };
}

function existingGroup(ctx: Context, input: Input): GroupRecord {
  const group = ctx.store.state.groups[requireString(input, 'GroupName')];
  if (!group) throw resourceNotFound('Group not found.');
  return group;
}

/** Adds a group when missing (also used for the groups given in the options). */
export function ensureGroup(ctx: Context, name: string, extra: Partial<GroupRecord> = {}): GroupRecord {
  const now = ctx.now();
  ctx.store.state.groups[name] ??= { ...extra, name, createdAt: now, updatedAt: now };
  return ctx.store.state.groups[name];
}

export const createGroup: Operation = async (ctx, input) => {
  checkUserPoolId(ctx, input);
  const name = requireString(input, 'GroupName');
  if (name.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(name)) {
    throw invalidParameter(
      "1 validation error detected: Value at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+",
    );
  }
  if (ctx.store.state.groups[name]) {
    throw new CognitoError('GroupExistsException', `A group with the name ${name} already exists.`);
  }
  const precedence = input.Precedence;
  if (precedence !== undefined && (typeof precedence !== 'number' || !Number.isInteger(precedence) || precedence < 0)) {
    throw invalidParameter('Invalid value for Precedence');
  }
  const description = optionalString(input, 'Description');
  const roleArn = optionalString(input, 'RoleArn');
  const group = ensureGroup(ctx, name, {
    ...(description !== undefined ? { description } : {}),
    ...(roleArn !== undefined ? { roleArn } : {}),
    ...(precedence !== undefined ? { precedence } : {}),
  });
  await ctx.store.commit();
  return { Group: groupType(ctx, group) };
};

export const listGroups: Operation = async (ctx, input) => {
  checkUserPoolId(ctx, input);
  const groups = Object.entries(ctx.store.state.groups).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { page, next } = paginate(groups, listLimit(input), optionalString(input, 'NextToken'), 'NextToken');
  return { Groups: page.map((group) => groupType(ctx, group)), ...(next ? { NextToken: next } : {}) };
};

export const adminAddUserToGroup: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  const group = existingGroup(ctx, input);
  if (!user.groups.includes(group.name)) {
    user.groups.push(group.name);
    user.updatedAt = ctx.now();
    await ctx.store.commit();
  }
  return {};
};

export const adminRemoveUserFromGroup: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  const group = existingGroup(ctx, input);
  if (user.groups.includes(group.name)) {
    user.groups = user.groups.filter((name) => name !== group.name);
    user.updatedAt = ctx.now();
    await ctx.store.commit();
  }
  return {};
};

export const adminListGroupsForUser: Operation = async (ctx, input) => {
  const user = adminUser(ctx, input);
  const groups = user.groups
    .map((name) => ctx.store.state.groups[name])
    .filter((group): group is GroupRecord => group !== undefined)
    .map((group): [string, GroupRecord] => [group.name, group])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { page, next } = paginate(groups, listLimit(input), optionalString(input, 'NextToken'), 'NextToken');
  return { Groups: page.map((group) => groupType(ctx, group)), ...(next ? { NextToken: next } : {}) };
};
