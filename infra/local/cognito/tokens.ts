/**
 * Access and id tokens with Cognito's claims, signed RS256; refresh tokens are
 * opaque random strings of which only a SHA-256 hash is stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { toIdTokenClaims } from './attributes.ts';
import { notAuthorized } from './errors.ts';
import type { SigningKeys } from './keys.ts';
import type { GroupRecord, SessionRecord, UserRecord } from './user-store.ts';

export interface TokenConfig {
  issuer: string;
  clientId: string;
  accessTtlSeconds: number;
  keys: SigningKeys;
  now: () => number;
}

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  origin_jti: string;
  client_id: string;
  token_use: 'access';
  username: string;
}

export const newRefreshToken = (): string => randomBytes(48).toString('base64url');

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** Group names for `cognito:groups`, ordered by precedence then name; undefined when none. */
export function groupClaim(user: UserRecord, groups: Record<string, GroupRecord>): string[] | undefined {
  const names = user.groups.filter((name) => groups[name]);
  if (names.length === 0) return undefined;
  const precedence = (name: string): number => groups[name]?.precedence ?? Number.MAX_SAFE_INTEGER;
  return names.sort((a, b) => precedence(a) - precedence(b) || (a < b ? -1 : 1));
}

/** Signs an access token and an id token for one sign-in session. */
export async function issueTokens(
  config: TokenConfig,
  user: UserRecord,
  groups: string[] | undefined,
  session: SessionRecord,
): Promise<{ accessToken: string; idToken: string }> {
  const iat = Math.floor(config.now() / 1000);
  const exp = iat + config.accessTtlSeconds;
  const eventId = randomUUID();
  const groupClaims = groups ? { 'cognito:groups': groups } : {};
  const header = { alg: 'RS256', kid: config.keys.kid };
  const access = new SignJWT({
    sub: user.sub,
    ...groupClaims,
    iss: config.issuer,
    client_id: config.clientId,
    origin_jti: session.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: session.authTime,
    exp,
    iat,
    jti: randomUUID(),
    username: user.username,
  }).setProtectedHeader(header);
  const id = new SignJWT({
    sub: user.sub,
    ...groupClaims,
    ...toIdTokenClaims(user.attributes),
    iss: config.issuer,
    'cognito:username': user.username,
    origin_jti: session.originJti,
    aud: config.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: session.authTime,
    exp,
    iat,
    jti: randomUUID(),
  }).setProtectedHeader(header);
  const [accessToken, idToken] = await Promise.all([
    access.sign(config.keys.privateKey),
    id.sign(config.keys.privateKey),
  ]);
  return { accessToken, idToken };
}

/**
 * Checks an access token's signature, issuer, expiry, use and client. Revocation
 * and the user's state are checked by the caller.
 */
export async function verifyAccessToken(config: TokenConfig, token: string): Promise<AccessTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, config.keys.publicKey, {
      algorithms: ['RS256'],
      issuer: config.issuer,
      currentDate: new Date(config.now()),
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw notAuthorized('Access Token has expired');
    throw notAuthorized('Invalid Access Token');
  }
  if (
    payload.token_use !== 'access' ||
    payload.client_id !== config.clientId ||
    typeof payload.sub !== 'string' ||
    typeof payload.origin_jti !== 'string' ||
    typeof payload.username !== 'string'
  ) {
    throw notAuthorized('Invalid Access Token');
  }
  return payload as AccessTokenClaims;
}
