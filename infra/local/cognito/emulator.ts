/**
 * A Cognito user pool emulator speaking Cognito's JSON protocol (the calls the
 * product uses), to be mounted on a path of a node:http server. See README.md.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChallengeStore } from './challenges.ts';
import { CognitoError } from './errors.ts';
import { CORS_HEADERS, readBody, sendError, sendJson, sendPreflight } from './http.ts';
import type { Input } from './input.ts';
import { loadSigningKeys } from './keys.ts';
import { Lockout } from './lockout.ts';
import { ensureGroup } from './operations/admin-groups.ts';
import { isOriginJtiRevoked, type Context } from './operations/context.ts';
import { OPERATIONS } from './operations/index.ts';
import {
  DEFAULT_PASSWORD_POLICY,
  DEFAULT_SCRYPT,
  generatePassword,
  hashPassword,
  type PasswordPolicy,
  type ScryptParams,
} from './password.ts';
import { verifySigV4, type IamCredentials } from './sigv4.ts';
import type { LambdaTriggers } from './triggers.ts';
import { UserStore } from './user-store.ts';

export interface CognitoEmulatorOptions {
  /** Folder for `<userPoolId>.json` (users, groups, sessions, signing key); in memory when absent. */
  dataDir?: string;
  userPoolId: string;
  clientId: string;
  /** Base of the issuer, e.g. `http://localhost:3000/cognito`; iss = `<issuerBaseUrl>/<userPoolId>`. */
  issuerBaseUrl: string;
  /**
   * The IAM identity admin calls (Admin*, ListUsers, CreateGroup, ListGroups) must be signed
   * with (SigV4, service `cognito-idp`, this region), as IAM requires in AWS. Checked against
   * the wall clock (the SDK signs with it), not `now`.
   */
  iam: IamCredentials;
  /** Groups created on start when missing. */
  groups?: string[];
  accessTokenMinutes?: number;
  refreshTokenHours?: number;
  /** Validity of temporary passwords from AdminCreateUser / AdminSetUserPassword(Permanent false). */
  temporaryPasswordDays?: number;
  passwordPolicy?: Partial<PasswordPolicy>;
  /**
   * The pool's `PasswordHistorySize`: a new permanent password may not match any of the user's
   * last n permanent passwords (the current one included). 0 or absent: no history, as in Cognito.
   */
  passwordHistorySize?: number;
  /** scrypt cost; lower it in tests only. */
  scrypt?: Partial<ScryptParams>;
  /**
   * Lambda triggers, called in-process with Cognito's event at the moment Cognito calls them (the
   * stack passes the very handler modules it deploys). Only post authentication; see triggers.ts.
   */
  triggers?: LambdaTriggers;
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Told about internal errors (operation name and error message, no request data). */
  onError?: (message: string) => void;
}

export interface CognitoEmulator {
  /** Answers a request; `subPath` is the path after the mount prefix (`/`, `/<poolId>/.well-known/jwks.json`). */
  handle(req: IncomingMessage, res: ServerResponse, subPath: string): void;
  userPoolId: string;
  clientId: string;
  /** `<issuerBaseUrl>/<userPoolId>`: the `iss` of every token. */
  issuer: string;
  /** `<issuer>/.well-known/jwks.json`. */
  jwksUrl: string;
  /** The public keys served at jwksUrl (for `createLocalJWKSet` without an HTTP round trip). */
  jwks: { keys: Array<Record<string, string>> };
  /**
   * True when tokens carrying this `origin_jti` must be refused: their sign-in was
   * revoked (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser,
   * AdminDeleteUser, RevokeToken) or is unknown to the pool.
   */
  isOriginJtiRevoked(originJti: string): boolean;
  /** Same for a JWT (access or id token) whose signature the caller has verified. */
  isTokenRevoked(jwt: string): boolean;
  /** Waits for pending writes; later requests are answered 503. */
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

function originJtiOf(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    const jti = (payload as { origin_jti?: unknown } | null)?.origin_jti;
    return typeof jti === 'string' ? jti : undefined;
  } catch {
    return undefined;
  }
}

export function createCognitoEmulator(options: CognitoEmulatorOptions): CognitoEmulator {
  const now = options.now ?? Date.now;
  const issuer = `${options.issuerBaseUrl.replace(/\/+$/, '')}/${options.userPoolId}`;
  const jwksUrl = `${issuer}/.well-known/jwks.json`;
  const store = new UserStore(options.userPoolId, options.dataDir);
  const keys = loadSigningKeys(store);
  const policy = { ...DEFAULT_PASSWORD_POLICY, ...options.passwordPolicy };
  const scrypt = { ...DEFAULT_SCRYPT, ...options.scrypt };
  let dummy: Promise<string> | undefined;
  const ctx: Context = {
    userPoolId: options.userPoolId,
    clientId: options.clientId,
    region: options.iam.region,
    triggers: options.triggers ?? {},
    store,
    tokens: { issuer, clientId: options.clientId, accessTtlSeconds: (options.accessTokenMinutes ?? 15) * 60, keys, now },
    policy,
    passwordHistorySize: Math.max(0, Math.floor(options.passwordHistorySize ?? 0)),
    scrypt,
    refreshTtlMs: (options.refreshTokenHours ?? 12) * 3600 * 1000,
    temporaryPasswordTtlMs: (options.temporaryPasswordDays ?? 7) * 24 * 3600 * 1000,
    challenges: new ChallengeStore(),
    lockout: new Lockout(),
    dummyHash: () => (dummy ??= hashPassword(generatePassword(policy), scrypt)),
    now,
  };
  const missingGroups = (options.groups ?? []).filter((name) => !store.state.groups[name]);
  if (missingGroups.length > 0) {
    for (const name of missingGroups) ensureGroup(ctx, name);
    store.writeNow();
  }
  const onError = options.onError ?? ((message: string) => console.error(`cognito emulator: ${message}`));
  let closed = false;

  const openidConfiguration = {
    issuer,
    jwks_uri: jwksUrl,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  };

  function operationOf(req: IncomingMessage) {
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    return { target, name, operation: Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined };
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { target, name, operation } = operationOf(req);
    const raw = await readBody(req);
    if (!operation) {
      throw new CognitoError('UnknownOperationException', `Unknown operation ${target || '(no X-Amz-Target)'}`);
    }
    if (operation.admin) {
      verifySigV4({ method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body: raw }, options.iam, Date.now());
    }
    const body = raw.toString('utf8');
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw new CognitoError('SerializationException', 'Start of structure or map found where not expected.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new CognitoError('SerializationException', 'Start of structure or map found where not expected.');
    }
    try {
      sendJson(res, 200, await operation.run(ctx, input as Input), undefined, !operation.admin);
    } catch (err) {
      if (!(err instanceof CognitoError)) onError(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse, subPath: string): void {
    const path = (subPath.split('?')[0] ?? '') || '/';
    if (req.method === 'OPTIONS') return sendPreflight(res);
    // Admin operations are for IAM principals (servers), never browsers: no CORS headers at all.
    const cors = !operationOf(req).operation?.admin;
    if (closed) return sendError(res, new CognitoError('ServiceUnavailable', 'The emulator is closed.', 503), cors);
    if (req.method === 'GET' && path === `/${options.userPoolId}/.well-known/jwks.json`) {
      return sendJson(res, 200, keys.jwks, 'application/json');
    }
    if (req.method === 'GET' && path === `/${options.userPoolId}/.well-known/openid-configuration`) {
      return sendJson(res, 200, openidConfiguration, 'application/json');
    }
    if (req.method !== 'POST' || path !== '/') {
      res.writeHead(404, { ...CORS_HEADERS, 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Not Found' }));
      return;
    }
    dispatch(req, res).catch((err: unknown) => {
      sendError(res, err instanceof CognitoError ? err : new CognitoError('InternalErrorException', 'Internal error', 500), cors);
    });
  }

  return {
    handle,
    userPoolId: options.userPoolId,
    clientId: options.clientId,
    issuer,
    jwksUrl,
    jwks: structuredClone(keys.jwks) as unknown as { keys: Array<Record<string, string>> },
    isOriginJtiRevoked: (originJti) => isOriginJtiRevoked(ctx, originJti),
    isTokenRevoked: (jwt) => {
      const jti = originJtiOf(jwt);
      return jti === undefined || isOriginJtiRevoked(ctx, jti);
    },
    close: async () => {
      closed = true;
      await store.flush();
    },
  };
}
