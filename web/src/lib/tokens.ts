/**
 * Where tokens live: the access and ID tokens in memory and sessionStorage (gone with the
 * tab), the refresh token in localStorage (so a new tab can sign in silently). Storage is
 * passed in, so this module is pure and testable in Node.
 */

/** The subset of the Web Storage API used here. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SessionTokens = {
  accessToken: string;
  idToken: string;
  /** Epoch milliseconds when the access token was received. */
  issuedAt: number;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
};

export const SESSION_KEY = 'klassny.session';
export const REFRESH_KEY = 'klassny.refreshToken';

export type TokenStore = ReturnType<typeof createTokenStore>;

export function createTokenStore(sessionStorage: KeyValueStorage, localStorage: KeyValueStorage) {
  let memory: SessionTokens | null = null;

  function safe<T>(action: () => T, fallback: T): T {
    // Storage throws in private modes or when full; the session then lives in memory only.
    try {
      return action();
    } catch {
      return fallback;
    }
  }

  return {
    load(): SessionTokens | null {
      if (memory) return memory;
      const raw = safe(() => sessionStorage.getItem(SESSION_KEY), null);
      memory = raw ? parseSessionTokens(raw) : null;
      return memory;
    },
    save(tokens: SessionTokens): void {
      memory = tokens;
      safe(() => sessionStorage.setItem(SESSION_KEY, JSON.stringify(tokens)), undefined);
    },
    refreshToken(): string | null {
      return safe(() => localStorage.getItem(REFRESH_KEY), null);
    },
    saveRefreshToken(token: string): void {
      safe(() => localStorage.setItem(REFRESH_KEY, token), undefined);
    },
    clear(): void {
      memory = null;
      safe(() => sessionStorage.removeItem(SESSION_KEY), undefined);
      safe(() => localStorage.removeItem(REFRESH_KEY), undefined);
    },
  };
}

export function parseSessionTokens(raw: string): SessionTokens | null {
  try {
    const value = JSON.parse(raw) as Partial<SessionTokens> | null;
    if (
      value &&
      typeof value.accessToken === 'string' &&
      typeof value.idToken === 'string' &&
      typeof value.issuedAt === 'number' &&
      typeof value.expiresAt === 'number'
    ) {
      return {
        accessToken: value.accessToken,
        idToken: value.idToken,
        issuedAt: value.issuedAt,
        expiresAt: value.expiresAt,
      };
    }
  } catch {
    // corrupt entry: treated as absent
  }
  return null;
}

/** Converts Cognito's `ExpiresIn` (seconds) into stored tokens, relative to `now`. */
export function sessionTokensFrom(
  result: { accessToken: string; idToken: string; expiresIn: number },
  now: number,
): SessionTokens {
  return {
    accessToken: result.accessToken,
    idToken: result.idToken,
    issuedAt: now,
    expiresAt: now + Math.max(0, result.expiresIn) * 1000,
  };
}

/** Refresh this long before expiry, at most (two minutes)… */
export const REFRESH_MARGIN_MS = 2 * 60 * 1000;
/** …but never later than this fraction of the lifetime has passed (short-lived test tokens). */
export const REFRESH_AT_LIFETIME_FRACTION = 0.75;

/** Milliseconds from `now` until the access token should be refreshed (0 = now). */
export function refreshDelayMs(tokens: Pick<SessionTokens, 'issuedAt' | 'expiresAt'>, now: number): number {
  const lifetime = Math.max(0, tokens.expiresAt - tokens.issuedAt);
  const margin = Math.min(REFRESH_MARGIN_MS, lifetime * (1 - REFRESH_AT_LIFETIME_FRACTION));
  return Math.max(0, tokens.expiresAt - margin - now);
}

/** True when the token is expired or so close to it that a request could fail on the way. */
export function needsRefresh(tokens: Pick<SessionTokens, 'issuedAt' | 'expiresAt'>, now: number): boolean {
  return refreshDelayMs(tokens, now) === 0;
}
