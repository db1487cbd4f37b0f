import { CognitoError, type AuthStep, type CognitoClient, type CognitoTokens } from './cognito.ts';
import { needsRefresh, refreshDelayMs, sessionTokensFrom, type TokenStore } from './tokens.ts';

export type Clock = {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Timers longer than this are clamped (browsers overflow past 2^31-1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type AuthSession = ReturnType<typeof createAuthSession>;

type RefreshOutcome = 'refreshed' | 'ended' | 'superseded';

/**
 * The signed-in session: keeps tokens, refreshes the access token shortly before expiry and
 * on demand (a 401), and signs out. `onSignedOut` is called when the session ends without
 * the user asking (refresh failed, signed out in another tab).
 */
export function createAuthSession(options: {
  cognito: CognitoClient;
  store: TokenStore;
  clock?: Clock;
  onSignedOut?: (reason: 'expired' | 'elsewhere') => void;
}) {
  const { cognito, store } = options;
  const clock = options.clock ?? systemClock;
  let timer: unknown = null;
  let inFlight: Promise<RefreshOutcome> | null = null;
  /**
   * Counts the ends of the session (sign-out, refusal, another tab): a refresh that was on its
   * way when the session ended must not store its tokens afterwards — that would sign the tab
   * back in behind a sign-out.
   */
  let generation = 0;

  function cancelTimer(): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    cancelTimer();
    const tokens = store.load();
    if (!tokens || !store.refreshToken()) return;
    const delay = Math.min(refreshDelayMs(tokens, clock.now()), MAX_TIMER_MS);
    timer = clock.setTimeout(() => {
      timer = null;
      void refreshOnce().then((outcome) => {
        // Ended by the refresh itself (refused); a sign-out meanwhile has said its own words.
        if (outcome === 'ended') options.onSignedOut?.('expired');
      });
    }, delay);
  }

  function accept(tokens: CognitoTokens, keptRefreshToken: string | null = null): void {
    store.save(sessionTokensFrom(tokens, clock.now(), keptRefreshToken));
    schedule();
  }

  /**
   * One refresh at a time; concurrent callers share its outcome: `refreshed`; `ended` — no
   * refresh token, or refused; `superseded` — the session ended (signed out) while it was on its
   * way, and its answer is dropped.
   */
  function refreshOnce(): Promise<RefreshOutcome> {
    inFlight ??= (async (): Promise<RefreshOutcome> => {
      const started = generation;
      const refreshToken = store.refreshToken();
      if (!refreshToken) {
        end();
        return 'ended';
      }
      try {
        const tokens = await cognito.refresh(refreshToken);
        if (generation !== started) return 'superseded';
        accept(tokens, refreshToken);
        return 'refreshed';
      } catch (error) {
        if (generation !== started) return 'superseded';
        // A network failure keeps the refresh token for a later try; a refusal ends the session.
        if (error instanceof CognitoError && error.type === 'NetworkError') throw error;
        end();
        return 'ended';
      }
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  /** False = the session is over. */
  async function refresh(): Promise<boolean> {
    return (await refreshOnce()) === 'refreshed';
  }

  function end(): void {
    generation += 1;
    cancelTimer();
    store.clear();
  }

  return {
    /** Completes a sign-in step; returns true when the user is now signed in. */
    acceptStep(step: AuthStep): boolean {
      if (step.kind !== 'signed-in') return false;
      accept(step.tokens);
      return true;
    },

    /** On page load: is there a session (possibly after a silent refresh)? */
    async restore(): Promise<boolean> {
      const tokens = store.load();
      if (tokens && !needsRefresh(tokens, clock.now())) {
        schedule();
        return true;
      }
      if (!store.refreshToken()) {
        end();
        return false;
      }
      return refresh();
    },

    /** The access token to send, refreshed first if it is about to expire; null when signed out. */
    async accessToken(): Promise<string | null> {
      const tokens = store.load();
      if (!tokens) return null;
      if (needsRefresh(tokens, clock.now()) && store.refreshToken()) {
        if (!(await refresh())) return null;
      }
      return store.load()?.accessToken ?? null;
    },

    refresh,

    isSignedIn(): boolean {
      return store.load() !== null;
    },

    /**
     * Signs out this tab's session: RevokeToken ends the refresh token (and the tokens issued
     * with it), then the tokens are forgotten. Other devices stay signed in («Выйти на всех
     * устройствах» is the API's signOutEverywhere); the app tells this browser's other tabs.
     */
    async signOut(): Promise<void> {
      const refreshToken = store.refreshToken();
      end();
      if (refreshToken) {
        try {
          await cognito.revokeToken(refreshToken);
        } catch {
          // The local session is gone either way; an already revoked token cannot be revoked again.
        }
      }
    },

    /** Forgets the tokens without asking Cognito (the session was already ended elsewhere). */
    forget(): void {
      end();
    },

    /**
     * The same account signed out in another tab of this browser: this tab's session (its own
     * refresh token) ends too, revoked like «Выйти».
     */
    async signedOutElsewhere(): Promise<void> {
      if (!store.load()) return;
      const refreshToken = store.refreshToken();
      end();
      options.onSignedOut?.('elsewhere');
      if (refreshToken) await cognito.revokeToken(refreshToken).catch(() => {});
    },

    dispose(): void {
      cancelTimer();
    },
  };
}
