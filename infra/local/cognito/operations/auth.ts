/**
 * InitiateAuth (USER_PASSWORD_AUTH, REFRESH_TOKEN_AUTH), RespondToAuthChallenge
 * (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA) and RevokeToken.
 */
import { validateAttributes } from '../attributes.ts';
import { CognitoError, INCORRECT_CREDENTIALS, invalidParameter, notAuthorized } from '../errors.ts';
import { requireString, stringMap, type Input } from '../input.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../password.ts';
import { checkPasswordHistory, setPassword } from '../password-history.ts';
import { hashRefreshToken } from '../tokens.ts';
import { verifyTotp } from '../totp.ts';
import { userKey, type UserRecord } from '../user-store.ts';
import { checkClientId, signIn, tokensFor, type Context, type Operation } from './context.ts';

function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (!value) throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}

/** After the password (and any new password) is accepted: MFA challenge or tokens. */
async function afterPassword(ctx: Context, user: UserRecord): Promise<object> {
  if (user.softwareTokenMfaEnabled && user.totpSecret) {
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: ctx.challenges.create('SOFTWARE_TOKEN_MFA', userKey(user.username), ctx.now()),
      ChallengeParameters: { USER_ID_FOR_SRP: user.username },
    };
  }
  return { ChallengeParameters: {}, ...(await signIn(ctx, user)) };
}

async function passwordAuth(ctx: Context, params: Record<string, string>): Promise<object> {
  const username = requireParam(params, 'USERNAME');
  const password = requireParam(params, 'PASSWORD');
  const key = userKey(username);
  const user = ctx.store.getUser(username);
  if (!user) {
    // Prevent user existence errors: same answer, same work as a wrong password.
    await verifyPassword(password, await ctx.dummyHash());
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  if (ctx.lockout.isLocked(key, ctx.now())) throw notAuthorized('Password attempts exceeded');
  if (!(await verifyPassword(password, user.passwordHash))) {
    ctx.lockout.recordFailure(key, ctx.now());
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  ctx.lockout.reset(key);
  const current = ctx.store.getUser(username);
  if (!current) throw notAuthorized(INCORRECT_CREDENTIALS);
  if (!current.enabled) throw notAuthorized('User is disabled.');
  if (current.status === 'FORCE_CHANGE_PASSWORD') {
    if (current.temporaryPasswordExpiresAt !== undefined && ctx.now() > current.temporaryPasswordExpiresAt) {
      throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
    }
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: ctx.challenges.create('NEW_PASSWORD_REQUIRED', key, ctx.now()),
      ChallengeParameters: {
        USER_ID_FOR_SRP: current.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(current.attributes),
      },
    };
  }
  return afterPassword(ctx, current);
}

async function refreshAuth(ctx: Context, params: Record<string, string>): Promise<object> {
  const token = params.REFRESH_TOKEN ?? params.REFRESH;
  if (!token) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
  const session = ctx.store.getSessionByRefreshHash(hashRefreshToken(token));
  if (!session) throw notAuthorized('Invalid Refresh Token');
  if (session.revokedAt !== undefined) throw notAuthorized('Refresh Token has been revoked');
  if (ctx.now() >= session.expiresAt) throw notAuthorized('Refresh Token has expired');
  const user = ctx.store.getUserBySub(session.sub);
  if (!user) throw notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { ChallengeParameters: {}, AuthenticationResult: await tokensFor(ctx, user, session) };
}

export const initiateAuth: Operation = async (ctx, input) => {
  checkClientId(ctx, input);
  const flow = requireString(input, 'AuthFlow');
  const params = stringMap(input, 'AuthParameters');
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return passwordAuth(ctx, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return refreshAuth(ctx, params);
    default:
      throw invalidParameter(`${flow} flow not enabled for this client`);
  }
};

/** Attributes given with a new password as `userAttributes.<name>` responses. */
function challengeAttributes(responses: Record<string, string>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(responses)) {
    if (name.startsWith('userAttributes.')) attributes[name.slice('userAttributes.'.length)] = value;
  }
  validateAttributes(Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })));
  return attributes;
}

export const respondToAuthChallenge: Operation = async (ctx, input) => {
  checkClientId(ctx, input);
  const name = requireString(input, 'ChallengeName');
  const sessionId = requireString(input, 'Session');
  const responses = stringMap(input, 'ChallengeResponses');
  if (name !== 'NEW_PASSWORD_REQUIRED' && name !== 'SOFTWARE_TOKEN_MFA') {
    throw invalidParameter(`Challenge ${name} is not supported`);
  }
  const challenge = ctx.challenges.get(sessionId, name, ctx.now());
  const username = requireParam(responses, 'USERNAME');
  const sameUser = (): UserRecord => {
    const user = ctx.store.getUser(username);
    if (!user || userKey(user.username) !== challenge.userKey) throw notAuthorized('Invalid session for the user.');
    if (!user.enabled) throw notAuthorized('User is disabled.');
    return user;
  };
  const before = sameUser();

  if (name === 'NEW_PASSWORD_REQUIRED') {
    const newPassword = requireParam(responses, 'NEW_PASSWORD');
    checkPasswordPolicy(newPassword, ctx.policy);
    const attributes = challengeAttributes(responses);
    await checkPasswordHistory(ctx, before, newPassword);
    const hash = await hashPassword(newPassword, ctx.scrypt);
    const user = sameUser();
    if (user.status !== 'FORCE_CHANGE_PASSWORD') throw notAuthorized('Invalid session for the user.');
    ctx.challenges.consume(sessionId);
    setPassword(ctx, user, hash, true);
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    Object.assign(user.attributes, attributes);
    user.updatedAt = ctx.now();
    await ctx.store.commit();
    return afterPassword(ctx, user);
  }

  const code = requireParam(responses, 'SOFTWARE_TOKEN_MFA_CODE');
  const user = sameUser();
  ctx.challenges.consume(sessionId);
  if (!user.totpSecret || !verifyTotp(user.totpSecret, code, ctx.now())) {
    ctx.lockout.recordFailure(challenge.userKey, ctx.now());
    throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
  }
  return { ChallengeParameters: {}, ...(await signIn(ctx, user)) };
};

/** Revokes one refresh token and the access tokens issued from it. */
export const revokeToken: Operation = async (ctx, input) => {
  checkClientId(ctx, input);
  const session = ctx.store.getSessionByRefreshHash(hashRefreshToken(requireString(input, 'Token')));
  if (session && session.revokedAt === undefined) {
    session.revokedAt = ctx.now();
    await ctx.store.commit();
  }
  return {};
};
