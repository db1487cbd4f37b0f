import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfirmedUser, createUser, failure, signIn } from './flows.ts';
import { POOL_ID, startEmulator, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator();
  await createUser(h, 'smirnov.ivan', { email: 'ivan@school.test', name: 'Иван Смирнов' });
  await createUser(h, 'smirnova.olga', { email: 'olga@school.test', name: 'Ольга Смирнова' });
  await createUser(h, 'kuznetsov.petr', { email: 'petr@other.test' });
});
afterAll(async () => {
  await h.close();
});

const adminFetch = (target: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${h.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
      ...headers,
    },
    body: JSON.stringify(body),
  });

describe('admin calls need IAM authorization', () => {
  it('refuses an admin call without an Authorization header', async () => {
    const response = await adminFetch('AdminGetUser', { UserPoolId: POOL_ID, Username: 'smirnov.ivan' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('refuses a bearer token in place of a SigV4 signature', async () => {
    const response = await adminFetch('ListUsers', { UserPoolId: POOL_ID }, { authorization: 'Bearer abc' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('IncompleteSignatureException');
  });

  it('accepts a call the SDK signs with the pool\'s IAM credentials (see iam-auth.test.ts for the refusals)', async () => {
    const user = await h.client.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'SMIRNOV.IVAN' }));
    expect(user).toMatchObject({ Username: 'smirnov.ivan', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(user.UserCreateDate).toBeInstanceOf(Date);
    expect(Math.abs(user.UserCreateDate!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('answers ResourceNotFoundException for another pool and an unknown operation error', async () => {
    expect((await failure(h.client.send(new ListUsersCommand({ UserPoolId: 'eu-central-1_other' })))).name).toBe(
      'ResourceNotFoundException',
    );
    const response = await adminFetch('DescribeUserPool', { UserPoolId: POOL_ID }, { authorization: 'AWS4-HMAC-SHA256 Credential=x/y' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});

describe('users', () => {
  it('AdminCreateUser refuses duplicates (case-insensitively) and unknown attributes', async () => {
    const duplicate = await failure(
      h.client.send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username: 'Smirnov.Ivan', MessageAction: 'SUPPRESS' })),
    );
    expect(duplicate.name).toBe('UsernameExistsException');
    const badAttribute = await failure(
      h.client.send(
        new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username: 'x1', UserAttributes: [{ Name: 'shoe_size', Value: '42' }] }),
      ),
    );
    expect(badAttribute.name).toBe('InvalidParameterException');
    const weak = await failure(
      h.client.send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username: 'x2', TemporaryPassword: 'weak' })),
    );
    expect(weak.name).toBe('InvalidPasswordException');
  });

  it('AdminCreateUser without TemporaryPassword generates one and returns the user', async () => {
    const created = await h.client.send(
      new AdminCreateUserCommand({
        UserPoolId: POOL_ID,
        Username: 'generated',
        UserAttributes: [{ Name: 'email', Value: 'g@school.test' }],
        DesiredDeliveryMediums: ['EMAIL'],
        MessageAction: 'SUPPRESS',
      }),
    );
    expect(created.User).toMatchObject({ Username: 'generated', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ListUsers filters on username, email and sub with = and ^=, and paginates', async () => {
    const names = async (filter?: string) =>
      ((await h.client.send(new ListUsersCommand({ UserPoolId: POOL_ID, ...(filter ? { Filter: filter } : {}) }))).Users ?? []).map(
        (u) => u.Username,
      );
    expect(await names('username = "SMIRNOV.IVAN"')).toEqual(['smirnov.ivan']);
    expect(await names('username ^= "smirnov"')).toEqual(['smirnov.ivan', 'smirnova.olga']);
    expect(await names('email = "petr@other.test"')).toEqual(['kuznetsov.petr']);
    expect(await names('email ^= "olga@"')).toEqual(['smirnova.olga']);
    const ivan = await h.client.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'smirnov.ivan' }));
    const sub = ivan.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    expect(await names(`sub = "${sub}"`)).toEqual(['smirnov.ivan']);
    expect(await names('email = "nobody@x"')).toEqual([]);
    expect((await failure(names('email == nonsense'))).name).toBe('InvalidParameterException');

    const all = await names();
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.client.send(new ListUsersCommand({ UserPoolId: POOL_ID, Limit: 2, PaginationToken: token }));
      expect((page.Users ?? []).length).toBeLessThanOrEqual(2);
      seen.push(...(page.Users ?? []).map((u) => u.Username!));
      token = page.PaginationToken;
    } while (token);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(4);

    const limited = await h.client.send(
      new ListUsersCommand({ UserPoolId: POOL_ID, Filter: 'username = "smirnov.ivan"', AttributesToGet: ['email'] }),
    );
    expect(limited.Users?.[0]?.Attributes).toEqual([{ Name: 'email', Value: 'ivan@school.test' }]);
  });

  it('AdminUpdateUserAttributes changes attributes seen in new tokens; sub is immutable', async () => {
    const tokens = await createConfirmedUser(h, 'renamed', { name: 'Старое Имя' });
    await h.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: POOL_ID,
        Username: 'renamed',
        UserAttributes: [
          { Name: 'name', Value: 'Новое Имя' },
          { Name: 'custom:role', Value: 'teacher' },
        ],
      }),
    );
    const me = await h.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(me.UserAttributes).toContainEqual({ Name: 'name', Value: 'Новое Имя' });
    expect(me.UserAttributes).toContainEqual({ Name: 'custom:role', Value: 'teacher' });
    const sub = await failure(
      h.client.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: POOL_ID, Username: 'renamed', UserAttributes: [{ Name: 'sub', Value: 'x' }] }),
      ),
    );
    expect(sub.name).toBe('InvalidParameterException');
  });

  it('AdminDeleteUser removes the user and revokes their tokens', async () => {
    const tokens = await createConfirmedUser(h, 'deleted.user');
    await h.client.send(new AdminDeleteUserCommand({ UserPoolId: POOL_ID, Username: 'deleted.user' }));
    expect((await failure(h.client.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'deleted.user' })))).name).toBe(
      'UserNotFoundException',
    );
    expect((await failure(h.client.send(new GetUserCommand({ AccessToken: tokens.AccessToken })))).name).toBe('NotAuthorizedException');
    expect(h.emulator.isTokenRevoked(tokens.AccessToken!)).toBe(true);
    expect((await failure(signIn(h, 'deleted.user', 'Correct-Horse-9'))).message).toBe('Incorrect username or password.');
  });
});

describe('groups', () => {
  it('lists the configured groups, creates new ones, refuses duplicates', async () => {
    const created = await h.client.send(
      new CreateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'headteachers', Description: 'Завучи', Precedence: 1 }),
    );
    expect(created.Group).toMatchObject({ GroupName: 'headteachers', Description: 'Завучи', Precedence: 1, UserPoolId: POOL_ID });
    expect((await failure(h.client.send(new CreateGroupCommand({ UserPoolId: POOL_ID, GroupName: 'headteachers' })))).name).toBe(
      'GroupExistsException',
    );
    const listed = await h.client.send(new ListGroupsCommand({ UserPoolId: POOL_ID }));
    expect(listed.Groups?.map((g) => g.GroupName)).toEqual(['admins', 'headteachers', 'parents', 'students', 'teachers']);
    const page = await h.client.send(new ListGroupsCommand({ UserPoolId: POOL_ID, Limit: 3 }));
    expect(page.Groups).toHaveLength(3);
    const rest = await h.client.send(new ListGroupsCommand({ UserPoolId: POOL_ID, NextToken: page.NextToken }));
    expect(rest.Groups?.map((g) => g.GroupName)).toEqual(['students', 'teachers']);
    expect(rest.NextToken).toBeUndefined();
  });

  it('adds, lists and removes memberships; groups show in new tokens', async () => {
    await h.client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'smirnova.olga', GroupName: 'teachers' }));
    await h.client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'smirnova.olga', GroupName: 'parents' }));
    await h.client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'smirnova.olga', GroupName: 'parents' }));
    const groups = async () =>
      (await h.client.send(new AdminListGroupsForUserCommand({ UserPoolId: POOL_ID, Username: 'smirnova.olga' }))).Groups?.map(
        (g) => g.GroupName,
      );
    expect(await groups()).toEqual(['parents', 'teachers']);
    await h.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: POOL_ID, Username: 'smirnova.olga', GroupName: 'parents' }));
    expect(await groups()).toEqual(['teachers']);
    expect(
      (await failure(h.client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'smirnova.olga', GroupName: 'nope' }))))
        .name,
    ).toBe('ResourceNotFoundException');
    expect(
      (await failure(h.client.send(new AdminAddUserToGroupCommand({ UserPoolId: POOL_ID, Username: 'ghost', GroupName: 'teachers' })))).name,
    ).toBe('UserNotFoundException');
  });
});
