import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Principal } from '#shared/authz/access-context.ts';
import { roleSchema } from '#shared/domain/role.ts';
import { UnauthenticatedError } from '#functions/lib/errors.ts';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway (HTTP API, payload 2.0) turns every claim into a string; an array claim such as
 * cognito:groups arrives as "[director teacher]". Accept both forms so the same code reads a
 * real event and a test's hand-made one.
 */
export function parseGroupsClaim(value: Claims[string]): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text === '') return [];
  if (text.startsWith('[') && text.endsWith(']')) {
    return text.slice(1, -1).split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Who is calling, as API Gateway's JWT authorizer vouched for it. Relationships come later, from the database. */
export function principalFromEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal {
  const claims = (event.requestContext?.authorizer?.jwt?.claims ?? {}) as Claims;
  const userId = claims.sub;
  // Defence in depth: the gateway already refused calls without a valid token.
  if (typeof userId !== 'string' || userId === '' || claims.token_use !== 'access') throw new UnauthenticatedError();
  const roles = parseGroupsClaim(claims['cognito:groups']).flatMap((g) => {
    const parsed = roleSchema.safeParse(g);
    return parsed.success ? [parsed.data] : [];
  });
  // auth_time arrives as a string from the gateway; a token without it dates from the epoch, so
  // any ended session refuses it.
  const authTime = Number(claims.auth_time ?? 0);
  return { userId, login: String(claims.username ?? ''), roles, authTime: Number.isFinite(authTime) ? authTime : 0 };
}
