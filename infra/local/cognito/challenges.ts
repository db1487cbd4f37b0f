/**
 * Sessions of pending auth challenges (NEW_PASSWORD_REQUIRED,
 * SOFTWARE_TOKEN_MFA): opaque strings valid for 3 minutes, like Cognito's
 * default. In memory only: a restart ends them.
 */
import { randomBytes } from 'node:crypto';
import { notAuthorized } from './errors.ts';

export type ChallengeName = 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA';

export interface Challenge {
  name: ChallengeName;
  userKey: string;
  expiresAt: number;
}

export const CHALLENGE_TTL_MS = 3 * 60 * 1000;

export class ChallengeStore {
  private readonly sessions = new Map<string, Challenge>();

  create(name: ChallengeName, userKey: string, now: number): string {
    for (const [key, challenge] of this.sessions) if (challenge.expiresAt <= now) this.sessions.delete(key);
    const session = randomBytes(96).toString('base64url');
    this.sessions.set(session, { name, userKey, expiresAt: now + CHALLENGE_TTL_MS });
    return session;
  }

  /** The challenge of a session, or NotAuthorizedException as Cognito answers. */
  get(session: string, name: string, now: number): Challenge {
    const challenge = this.sessions.get(session);
    if (!challenge || challenge.name !== name) throw notAuthorized('Invalid session for the user.');
    if (challenge.expiresAt <= now) {
      this.sessions.delete(session);
      throw notAuthorized('Invalid session for the user, session is expired.');
    }
    return challenge;
  }

  /** Ends a session (after success, or after a wrong MFA code: sessions are single-use). */
  consume(session: string): void {
    this.sessions.delete(session);
  }
}
