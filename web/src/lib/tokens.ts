/**
 * Where tokens live: in memory and in this tab's sessionStorage (`klassny.session`) — the
 * access token and the refresh token together, nothing in localStorage. Closing the tab ends
 * the session (the browser drops the tab's sessionStorage); a reload keeps it; another tab has
 * its own session and signs in by itself. Cognito's ID token is not kept: nothing reads it.
 * Why this and not localStorage or memory only: docs/web.md («Tokens»). Storage is passed in,
 * so this module is pure and testable in Node.
 */

/** The subset of the Web Storage API used here. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SessionTokens = {
  accessToken: string;
  /** Renews the access token (12 hours); «Выйти» revokes it. Absent only in an entry of an older version. */
  refreshToken?: string | undefined;
  /** Epoch milliseconds when the access token was received. */
  issuedAt: number;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
};

/** sessionStorage key of this tab's tokens. */
export const SESSION_KEY = 'klassny.session';
/**
 * localStorage key where earlier versions kept the refresh token (readable by any script of the
 * site and left behind after the tab was closed): removed at start-up, never written.
 */
export const LEGACY_REFRESH_KEY = 'klassny.refreshToken';

export type TokenStore = ReturnType<typeof createTokenStore>;

function safe<T>(action: () => T, fallback: T): T {
  // Storage throws in private modes or when full; the session then lives in memory only.
  try {
    return action();
  } catch {
    return fallback;
  }
}

export function createTokenStore(sessionStorage: KeyValueStorage) {
  let memory: SessionTokens | null = null;

  function load(): SessionTokens | null {
    if (memory) return memory;
    const raw = safe(() => sessionStorage.getItem(SESSION_KEY), null);
    memory = raw ? parseSessionTokens(raw) : null;
    return memory;
  }

  return {
    load,
    save(tokens: SessionTokens): void {
      memory = { ...tokens };
      safe(() => sessionStorage.setItem(SESSION_KEY, JSON.stringify(memory)), undefined);
    },
    refreshToken(): string | null {
      return load()?.refreshToken ?? null;
    },
    clear(): void {
      memory = null;
      safe(() => sessionStorage.removeItem(SESSION_KEY), undefined);
    },
  };
}

/** Removes what an earlier version left in localStorage (a refresh token outliving its tab). */
export function removeLegacyTokens(localStorage: KeyValueStorage): void {
  safe(() => localStorage.removeItem(LEGACY_REFRESH_KEY), undefined);
}

/** The stored entry; only the fields this version keeps (an older entry's ID token is dropped). */
export function parseSessionTokens(raw: string): SessionTokens | null {
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof SessionTokens, unknown>> | null;
    if (
      value &&
      typeof value.accessToken === 'string' &&
      typeof value.issuedAt === 'number' &&
      typeof value.expiresAt === 'number' &&
      (value.refreshToken === undefined || typeof value.refreshToken === 'string')
    ) {
      return {
        accessToken: value.accessToken,
        ...(value.refreshToken ? { refreshToken: value.refreshToken } : {}),
        issuedAt: value.issuedAt,
        expiresAt: value.expiresAt,
      };
    }
  } catch {
    // corrupt entry: treated as absent
  }
  return null;
}

/**
 * Converts Cognito's answer (`ExpiresIn` in seconds) into stored tokens, relative to `now`. A
 * refresh answer carries no refresh token: the one in use (`keptRefreshToken`) stays.
 */
export function sessionTokensFrom(
  result: { accessToken: string; refreshToken?: string | undefined; expiresIn: number },
  now: number,
  keptRefreshToken?: string | null,
): SessionTokens {
  const refreshToken = result.refreshToken ?? keptRefreshToken ?? undefined;
  return {
    accessToken: result.accessToken,
    ...(refreshToken ? { refreshToken } : {}),
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
