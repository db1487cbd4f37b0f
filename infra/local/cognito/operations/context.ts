/**
 * What every operation works with, and the helpers they share: pool/client
 * checks, access-token authentication, starting a sign-in session, and the
 * UserType shape of admin responses.
 */
import { randomUUID } from 'node:crypto';
import { toAttributeList } from '../attributes.ts';
import type { ChallengeStore } from '../challenges.ts';
import { notAuthorized, resourceNotFound, userNotFound } from '../errors.ts';
import { requireString, type Input } from '../input.ts';
import type { Lockout } from '../lockout.ts';
import type { PasswordPolicy, ScryptParams } from '../password.ts';
import {
  groupClaim,
  hashRefreshToken,
  issueTokens,
  newRefreshToken,
  verifyAccessToken,
  type AccessTokenClaims,
  type TokenConfig,
} from '../tokens.ts';
import { runPostAuthentication, type LambdaTriggers } from '../triggers.ts';
import type { SessionRecord, UserRecord, UserStore } from '../user-store.ts';

export interface Context {
  userPoolId: string;
  clientId: string;
  /** The region of the pool's ARN and of its triggers' events. */
  region: string;
  triggers: LambdaTriggers;
  store: UserStore;
  tokens: TokenConfig;
  policy: PasswordPolicy;
  /** How many of a user's permanent passwords (the current one included) may not be set again; 0: none. */
  passwordHistorySize: number;
  scrypt: ScryptParams;
  refreshTtlMs: number;
  temporaryPasswordTtlMs: number;
  challenges: ChallengeStore;
  lockout: Lockout;
  /** A hash to verify against for unknown users, so they take as long as known ones. */
  dummyHash: () => Promise<string>;
  now: () => number;
}

export type Operation = (ctx: Context, input: Input) => Promise<object>;

export function checkClientId(ctx: Context, input: Input): void {
  const clientId = requireString(input, 'ClientId');
  if (clientId !== ctx.clientId) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
}

export function checkUserPoolId(ctx: Context, input: Input): void {
  const poolId = requireString(input, 'UserPoolId');
  if (poolId !== ctx.userPoolId) throw resourceNotFound(`User pool ${poolId} does not exist.`);
}

/** The user named by `Username` in an admin call, or UserNotFoundException. */
export function adminUser(ctx: Context, input: Input): UserRecord {
  checkUserPoolId(ctx, input);
  const user = ctx.store.getUser(requireString(input, 'Username'));
  if (!user) throw userNotFound();
  return user;
}

/** Authenticates a call made with an access token (GetUser, ChangePassword, ...). */
export async function authenticate(
  ctx: Context,
  input: Input,
): Promise<{ user: UserRecord; claims: AccessTokenClaims }> {
  const claims = await verifyAccessToken(ctx.tokens, requireString(input, 'AccessToken'));
  const session = ctx.store.getSession(claims.origin_jti);
  if (!session || session.revokedAt !== undefined) throw notAuthorized('Access Token has been revoked');
  const user = ctx.store.getUserBySub(claims.sub);
  if (!user) throw userNotFound();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { user, claims };
}

/** True when tokens with this origin_jti must be refused (revoked, or unknown to the pool). */
export function isOriginJtiRevoked(ctx: Context, originJti: string): boolean {
  const session = ctx.store.getSession(originJti);
  return !session || session.revokedAt !== undefined;
}

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export async function tokensFor(ctx: Context, user: UserRecord, session: SessionRecord): Promise<AuthenticationResult> {
  const { accessToken, idToken } = await issueTokens(ctx.tokens, user, groupClaim(user, ctx.store.state.groups), session);
  return { AccessToken: accessToken, IdToken: idToken, ExpiresIn: ctx.tokens.accessTtlSeconds, TokenType: 'Bearer' };
}

/**
 * A completed sign-in: the post-authentication trigger (its failure is the sign-in's), then a new
 * session with a refresh token, and its first tokens.
 */
export async function signIn(ctx: Context, user: UserRecord): Promise<{ AuthenticationResult: AuthenticationResult }> {
  await runPostAuthentication(ctx, user);
  const now = ctx.now();
  const refreshToken = newRefreshToken();
  const session: SessionRecord = {
    originJti: randomUUID(),
    refreshTokenHash: hashRefreshToken(refreshToken),
    sub: user.sub,
    authTime: Math.floor(now / 1000),
    expiresAt: now + ctx.refreshTtlMs,
  };
  ctx.store.prune(now, ctx.tokens.accessTtlSeconds * 1000);
  ctx.store.addSession(session);
  const result = await tokensFor(ctx, user, session);
  await ctx.store.commit();
  return { AuthenticationResult: { ...result, RefreshToken: refreshToken } };
}

/** JSON 1.1 timestamps are epoch seconds. */
export const epochSeconds = (ms: number): number => ms / 1000;

export function mfaSettings(user: UserRecord): { PreferredMfaSetting?: string; UserMFASettingList?: string[] } {
  if (!user.softwareTokenMfaEnabled) return {};
  return {
    ...(user.softwareTokenMfaPreferred ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}),
    UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
  };
}

/** Cognito's UserType (ListUsers, AdminCreateUser). */
export function userType(user: UserRecord, attributesToGet?: string[]) {
  return {
    Username: user.username,
    Attributes: toAttributeList(user.sub, user.attributes, attributesToGet),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}
