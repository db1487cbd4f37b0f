/**
 * The local stand-in for the sign-in rule of the user pool's web ACL (infra/lib/sign-in-protection.ts):
 * sign-in calls (POST with X-Amz-Target InitiateAuth or RespondToAuthChallenge) are counted per
 * address in fixed windows, and a call over the limit is answered 429 with Cognito's throttling
 * body before it reaches the emulator. Other calls (admin, GetUser, JWKS…) are never limited.
 *
 * AWS WAF counts over a sliding window, re-evaluated about every 10 seconds; fixed windows here
 * are close enough for tests and a single developer, and exact to assert on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RATE_LIMITS, SIGN_IN_LIMITED_RESPONSE, SIGN_IN_TARGETS } from '#shared/config/access-settings.ts';
import { CORS_HEADERS } from './cognito/http.ts';

const TARGETS: ReadonlySet<string> = new Set(SIGN_IN_TARGETS.map((target) => target.toLowerCase()));
const LIMITED_BODY = JSON.stringify(SIGN_IN_LIMITED_RESPONSE.body);

export type SignInRateLimit = { limit: number; windowSeconds: number };

export type SignInRateLimiter = {
  /** Answers 429 and returns true when the request is a sign-in call over the limit; otherwise counts it and returns false. */
  reject(req: IncomingMessage, res: ServerResponse): boolean;
};

export function createSignInRateLimiter(
  settings: SignInRateLimit = RATE_LIMITS.signInPerAddress,
  now: () => number = Date.now,
): SignInRateLimiter {
  const windowMs = settings.windowSeconds * 1000;
  let window = -1;
  let counts = new Map<string, number>();

  return {
    reject(req, res) {
      if (req.method !== 'POST' || !TARGETS.has(String(req.headers['x-amz-target'] ?? '').toLowerCase())) return false;
      const current = Math.floor(now() / windowMs);
      if (current !== window) {
        // A new window: every address starts again (and the old counts are not kept around).
        window = current;
        counts = new Map();
      }
      // The local stack has no proxy in front: the socket's peer is the caller.
      const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
      const count = (counts.get(address) ?? 0) + 1;
      counts.set(address, count);
      if (count <= settings.limit) return false;

      // Node discards the unread request body once the answer is sent.
      res.writeHead(SIGN_IN_LIMITED_RESPONSE.status, {
        ...CORS_HEADERS,
        'content-type': 'application/x-amz-json-1.1',
        'content-length': String(Buffer.byteLength(LIMITED_BODY)),
      });
      res.end(LIMITED_BODY);
      return true;
    },
  };
}
