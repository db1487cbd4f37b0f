/**
 * Identity and access settings shared by the user pool (CDK and the local emulator), the API's
 * validation and the web's forms, so the three can never disagree.
 */

/** The user pool's password policy (Cognito `PasswordPolicy`). */
export const PASSWORD_POLICY = {
  minLength: 10,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

/** A login: Latin letters, digits, dot, dash, underscore; starts with a letter (case-insensitive in the pool). */
export const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{2,63}$/i;

/** An invitation code is valid this many days unless the issuer says otherwise (п. 3.1). */
export const INVITE_CODE_DEFAULT_DAYS = 14;
export const INVITE_CODE_MAX_DAYS = 60;

/**
 * Rate limits (fixed windows). Sign-in per address is enforced in front of the user pool (AWS WAF
 * on the pool; the local stack's stand-in), sign-in per login by the pool's own lockout.
 * Redemption is limited by the API itself: only failed attempts count, so a parents' meeting on
 * one school network can still activate thirty codes in a row.
 */
export const RATE_LIMITS = {
  /**
   * Sign-in calls (InitiateAuth, RespondToAuthChallenge) from one address per 5 minutes. Token
   * refreshes are InitiateAuth calls too: a school network with a few hundred open sessions
   * refreshes ~1 per session per 15 min, well inside this; guessing passwords is stopped per login
   * by the pool's lockout long before.
   */
  signInPerAddress: { limit: 300, windowSeconds: 300 },
  /** Failed code checks or redemptions from one address. */
  redeemFailuresPerAddress: { limit: 10, windowSeconds: 900 },
  /** Failed redemptions with one code (wrong login choice, weak password, no consent…). */
  redeemFailuresPerCode: { limit: 10, windowSeconds: 3600 },
} as const;

/**
 * The calls RATE_LIMITS.signInPerAddress counts (Cognito's `X-Amz-Target`), and the answer past
 * the limit: Cognito's own throttling shape, so clients need no special case. One definition for
 * the web ACL on the pool (infra/lib/sign-in-protection.ts) and the local stand-in
 * (infra/local/sign-in-rate-limit.ts).
 */
export const SIGN_IN_TARGETS = [
  'AWSCognitoIdentityProviderService.InitiateAuth',
  'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
] as const;
export const SIGN_IN_LIMITED_RESPONSE = {
  status: 429,
  body: { __type: 'TooManyRequestsException', message: 'Rate exceeded' },
} as const;

/**
 * The viewer's address as CloudFront forwards it to the API (`/api/*`; lower-case as API Gateway
 * passes headers): `<IPv4>:<port>` or `<IPv6>:<port>`. Behind CloudFront the event's `sourceIp` is
 * an edge server. Absent when the API is called on its execute-api URL or locally; callers can
 * also forge it there (docs/decisions.md 16).
 */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';
