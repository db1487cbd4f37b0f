import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export type JwtAuthorizerConfig = { issuer: string; audience: string[]; jwksUrl: string };

export type AuthorizerResult =
  | { ok: true; claims: Record<string, string>; scopes: string[] | null }
  | { ok: false; description: string };

/**
 * API Gateway's HTTP API JWT authorizer, as documented: token from the Authorization header
 * (a `Bearer ` prefix is accepted), RS256 signature against the issuer's JWKS, `iss` equal to
 * the configured issuer, `aud` or `client_id` in the audience list, `exp`/`nbf`/`iat` valid.
 * Like API Gateway, it does not know about revoked tokens; the claims reach the function as
 * strings, arrays flattened to "[a b]".
 */
export function createJwtAuthorizer(config: JwtAuthorizerConfig) {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), { cacheMaxAge: 10 * 60_000 });
  return async (authorization: string | undefined): Promise<AuthorizerResult> => {
    if (!authorization) return { ok: false, description: 'missing token' };
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: config.issuer, algorithms: ['RS256'], requiredClaims: ['exp', 'iat'] }));
    } catch {
      return { ok: false, description: 'the token is invalid or has expired' };
    }
    const audiences = [payload.aud, payload.client_id].flat().filter((v): v is string => typeof v === 'string');
    if (!audiences.some((a) => config.audience.includes(a))) return { ok: false, description: 'invalid audience' };
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) {
      claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : null;
    return { ok: true, claims, scopes };
  };
}
