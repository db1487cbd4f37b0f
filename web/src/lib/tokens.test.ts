import { describe, expect, it } from 'vitest';
import {
  LEGACY_REFRESH_KEY,
  REFRESH_MARGIN_MS,
  SESSION_KEY,
  createTokenStore,
  needsRefresh,
  parseSessionTokens,
  refreshDelayMs,
  removeLegacyTokens,
  sessionTokensFrom,
  type KeyValueStorage,
} from './tokens.ts';
import { memoryStorage } from './test-support.ts';

describe('token store', () => {
  it('keeps the access and refresh tokens in session storage only, and no ID token', () => {
    const session = memoryStorage();
    const store = createTokenStore(session);
    // Cognito also sends an ID token; whatever passes it along, it is not kept.
    const answer = { accessToken: 'a', idToken: 'i', refreshToken: 'r', expiresIn: 3600 };
    store.save(sessionTokensFrom(answer, 1000));
    expect(JSON.parse(session.data.get(SESSION_KEY) ?? '')).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      issuedAt: 1000,
      expiresAt: 3_601_000,
    });
    expect([...session.data.keys()]).toEqual([SESSION_KEY]);
    expect(session.data.get(SESSION_KEY)).not.toContain('"i"');

    // A reload of the tab reads them back from its session storage.
    const reloaded = createTokenStore(session);
    expect(reloaded.load()?.accessToken).toBe('a');
    expect(reloaded.refreshToken()).toBe('r');

    reloaded.clear();
    expect(session.data.size).toBe(0);
    expect(reloaded.load()).toBeNull();
    expect(reloaded.refreshToken()).toBeNull();
  });

  it('keeps the refresh token in use when a refresh answer brings none, and a rotated one when it does', () => {
    expect(sessionTokensFrom({ accessToken: 'a2', expiresIn: 60 }, 0, 'r1').refreshToken).toBe('r1');
    expect(sessionTokensFrom({ accessToken: 'a2', refreshToken: 'r2', expiresIn: 60 }, 0, 'r1').refreshToken).toBe('r2');
    expect(sessionTokensFrom({ accessToken: 'a2', expiresIn: 60 }, 0)).toEqual({ accessToken: 'a2', issuedAt: 0, expiresAt: 60_000 });
  });

  it('reads an entry of the earlier version without its ID token', () => {
    const old = JSON.stringify({ accessToken: 'a', idToken: 'i', issuedAt: 1, expiresAt: 2 });
    expect(parseSessionTokens(old)).toEqual({ accessToken: 'a', issuedAt: 1, expiresAt: 2 });
    expect(parseSessionTokens(JSON.stringify({ accessToken: 'a', refreshToken: 5, issuedAt: 1, expiresAt: 2 }))).toBeNull();
  });

  it('removes the refresh token an earlier version left in local storage', () => {
    const local = memoryStorage();
    local.data.set(LEGACY_REFRESH_KEY, 'old-refresh-token');
    local.data.set('klassny.role', 'teacher');
    removeLegacyTokens(local);
    expect([...local.data.keys()]).toEqual(['klassny.role']);
  });

  it('ignores corrupt entries and failing storage', () => {
    const session = memoryStorage();
    session.data.set(SESSION_KEY, '{not json');
    expect(createTokenStore(session).load()).toBeNull();

    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const store = createTokenStore(broken);
    store.save(sessionTokensFrom({ accessToken: 'a', refreshToken: 'r', expiresIn: 60 }, 0));
    expect(store.load()?.accessToken).toBe('a'); // memory still works
    expect(store.refreshToken()).toBe('r');
    expect(() => store.clear()).not.toThrow();
    expect(store.refreshToken()).toBeNull();
    expect(() => removeLegacyTokens(broken)).not.toThrow();
  });
});

describe('refresh timing', () => {
  const hour = { issuedAt: 0, expiresAt: 3_600_000 };

  it('refreshes two minutes before a one-hour token expires', () => {
    expect(refreshDelayMs(hour, 0)).toBe(3_600_000 - REFRESH_MARGIN_MS);
    expect(refreshDelayMs(hour, 3_000_000)).toBe(600_000 - REFRESH_MARGIN_MS);
  });
  it('refreshes short-lived tokens after three quarters of their life', () => {
    expect(refreshDelayMs({ issuedAt: 0, expiresAt: 60_000 }, 0)).toBe(45_000);
  });
  it('says "now" when the moment has passed', () => {
    expect(refreshDelayMs(hour, 3_590_000)).toBe(0);
    expect(refreshDelayMs(hour, 4_000_000)).toBe(0);
    expect(needsRefresh(hour, 3_500_000)).toBe(true);
    expect(needsRefresh(hour, 1_000)).toBe(false);
  });
});
