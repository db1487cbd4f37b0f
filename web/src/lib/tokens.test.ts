import { describe, expect, it } from 'vitest';
import {
  REFRESH_KEY,
  REFRESH_MARGIN_MS,
  SESSION_KEY,
  createTokenStore,
  needsRefresh,
  refreshDelayMs,
  sessionTokensFrom,
  type KeyValueStorage,
} from './tokens.ts';
import { memoryStorage } from './test-support.ts';

describe('token store', () => {
  it('keeps access tokens in session storage and the refresh token in local storage', () => {
    const session = memoryStorage();
    const local = memoryStorage();
    const store = createTokenStore(session, local);
    store.save(sessionTokensFrom({ accessToken: 'a', idToken: 'i', expiresIn: 3600 }, 1000));
    store.saveRefreshToken('r');
    expect(JSON.parse(session.data.get(SESSION_KEY) ?? '')).toEqual({
      accessToken: 'a',
      idToken: 'i',
      issuedAt: 1000,
      expiresAt: 3_601_000,
    });
    expect(local.data.get(REFRESH_KEY)).toBe('r');
    expect(session.data.has(REFRESH_KEY)).toBe(false);

    // A new page load reads them back from storage.
    const reloaded = createTokenStore(session, local);
    expect(reloaded.load()?.accessToken).toBe('a');
    expect(reloaded.refreshToken()).toBe('r');

    reloaded.clear();
    expect(session.data.size).toBe(0);
    expect(local.data.size).toBe(0);
    expect(reloaded.load()).toBeNull();
  });

  it('ignores corrupt entries and failing storage', () => {
    const session = memoryStorage();
    session.data.set(SESSION_KEY, '{not json');
    expect(createTokenStore(session, memoryStorage()).load()).toBeNull();

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
    const store = createTokenStore(broken, broken);
    store.save(sessionTokensFrom({ accessToken: 'a', idToken: 'i', expiresIn: 60 }, 0));
    expect(store.load()?.accessToken).toBe('a'); // memory still works
    expect(store.refreshToken()).toBeNull();
    expect(() => store.clear()).not.toThrow();
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
