import { describe, expect, it, vi } from 'vitest';
import { createAuthSession } from './auth.ts';
import { CognitoError, type CognitoClient, type CognitoTokens } from './cognito.ts';
import { createTokenStore, SESSION_KEY, type SessionTokens } from './tokens.ts';
import { manualClock, memoryStorage } from './test-support.ts';

function setup(options: { refresh?: (token: string) => Promise<CognitoTokens> } = {}) {
  const clock = manualClock(1_000_000);
  const session = memoryStorage();
  let counter = 0;
  const cognito = {
    signIn: vi.fn(),
    setNewPassword: vi.fn(),
    answerMfa: vi.fn(),
    refresh: vi.fn(
      options.refresh ??
        (async () => {
          counter += 1;
          return { accessToken: `a${counter + 1}`, expiresIn: 3600 };
        }),
    ),
    revokeToken: vi.fn(async () => {}),
    softwareTokenMfaEnabled: vi.fn(async () => false),
    associateSoftwareToken: vi.fn(async () => 'SECRET'),
    verifySoftwareToken: vi.fn(async () => {}),
    setSoftwareTokenMfa: vi.fn(async () => {}),
  } satisfies CognitoClient;
  const onSignedOut = vi.fn();
  const auth = createAuthSession({ cognito, store: createTokenStore(session), clock, onSignedOut });
  const signIn = () => auth.acceptStep({ kind: 'signed-in', tokens: { accessToken: 'a1', refreshToken: 'r1', expiresIn: 3600 } });
  /** What this tab's session storage holds. */
  const stored = (): SessionTokens | null => {
    const raw = session.data.get(SESSION_KEY);
    return raw === undefined ? null : (JSON.parse(raw) as SessionTokens);
  };
  return { clock, session, cognito, auth, onSignedOut, signIn, stored };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('auth session', () => {
  it('stores tokens on sign-in and schedules a refresh two minutes before expiry', async () => {
    const { auth, clock, session, cognito, signIn, stored } = setup();
    expect(signIn()).toBe(true);
    expect([...session.data.keys()]).toEqual([SESSION_KEY]);
    expect(stored()).toEqual({ accessToken: 'a1', refreshToken: 'r1', issuedAt: 1_000_000, expiresAt: 4_600_000 });
    expect(clock.pending()).toEqual([1_000_000 + 3_600_000 - 120_000]);
    expect(await auth.accessToken()).toBe('a1');

    clock.advance(3_600_000 - 120_000);
    await flush();
    expect(cognito.refresh).toHaveBeenCalledWith('r1');
    expect(await auth.accessToken()).toBe('a2');
    expect(stored()).toMatchObject({ accessToken: 'a2', refreshToken: 'r1' }); // kept: no rotation in the answer
    expect(clock.pending()).toHaveLength(1);
  });

  it('does not accept a challenge as a sign-in', () => {
    const { auth } = setup();
    expect(auth.acceptStep({ kind: 'new-password', session: 's', username: 'u' })).toBe(false);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('shares one refresh between concurrent callers', async () => {
    const { auth, cognito, signIn } = setup();
    signIn();
    const results = await Promise.all([auth.refresh(), auth.refresh(), auth.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(cognito.refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes before handing out an expired token', async () => {
    const { auth, clock, cognito, signIn } = setup();
    signIn();
    auth.dispose(); // the timer did not fire (tab asleep)
    clock.advance(3_700_000);
    expect(await auth.accessToken()).toBe('a2');
    expect(cognito.refresh).toHaveBeenCalledTimes(1);
  });

  it('ends the session when the refresh token is refused', async () => {
    const { auth, clock, session, onSignedOut, signIn } = setup({
      refresh: async () => {
        throw new CognitoError('NotAuthorizedException', 'x', 'Refresh Token has been revoked');
      },
    });
    signIn();
    clock.advance(3_600_000);
    await flush();
    expect(onSignedOut).toHaveBeenCalledWith('expired');
    expect(session.data.size).toBe(0);
    expect(await auth.accessToken()).toBeNull();
  });

  it('drops a refresh that answers after a sign-out: the tab stays signed out, with no «expired» notice', async () => {
    let answer: (tokens: CognitoTokens) => void = () => {};
    const { auth, clock, session, onSignedOut, signIn } = setup({
      refresh: () => new Promise<CognitoTokens>((resolve) => (answer = resolve)),
    });
    signIn();
    clock.advance(3_600_000 - 120_000); // the refresh timer fires; Cognito has not answered yet
    await auth.signOut();
    expect(session.data.size).toBe(0);
    answer({ accessToken: 'late', expiresIn: 3600 });
    await flush();
    expect(session.data.size).toBe(0);
    expect(auth.isSignedIn()).toBe(false);
    expect(clock.pending()).toEqual([]);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it('keeps the refresh token when the network is down', async () => {
    const { auth, signIn, stored } = setup({
      refresh: async () => {
        throw new CognitoError('NetworkError', 'Нет связи');
      },
    });
    signIn();
    await expect(auth.refresh()).rejects.toMatchObject({ type: 'NetworkError' });
    expect(stored()?.refreshToken).toBe('r1');
  });

  it('restores the session of a reloaded tab; a new tab (its own session storage) is signed out', async () => {
    const first = setup();
    first.signIn();
    // The same tab reloaded: its session storage still has both tokens.
    const reloaded = createAuthSession({ cognito: first.cognito, store: createTokenStore(first.session), clock: first.clock });
    expect(await reloaded.restore()).toBe(true);
    expect(first.cognito.refresh).not.toHaveBeenCalled();

    // Reloaded after the access token expired: the refresh token of the same tab renews it.
    first.auth.dispose();
    reloaded.dispose();
    first.clock.advance(3_700_000);
    expect(first.cognito.refresh).not.toHaveBeenCalled();
    const later = createAuthSession({ cognito: first.cognito, store: createTokenStore(first.session), clock: first.clock });
    expect(await later.restore()).toBe(true);
    expect(first.cognito.refresh).toHaveBeenCalledWith('r1');
    later.dispose();

    // A new tab or window starts with empty session storage: nothing to restore, no Cognito call.
    const newTab = createAuthSession({ cognito: first.cognito, store: createTokenStore(memoryStorage()), clock: first.clock });
    expect(await newTab.restore()).toBe(false);
    expect(first.cognito.refresh).toHaveBeenCalledTimes(1);
    expect(newTab.isSignedIn()).toBe(false);
  });

  it('signs out this device (revokes its refresh token) and forgets every token, even if Cognito fails', async () => {
    const { auth, cognito, session, clock, signIn } = setup();
    signIn();
    cognito.revokeToken.mockRejectedValueOnce(new Error('offline'));
    await auth.signOut();
    expect(cognito.revokeToken).toHaveBeenCalledWith('r1');
    expect(session.data.size).toBe(0);
    expect(clock.pending()).toEqual([]);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('forgets the tokens without asking Cognito when the session ended on the server', () => {
    const { auth, cognito, session, clock, signIn } = setup();
    signIn();
    auth.forget();
    expect(cognito.revokeToken).not.toHaveBeenCalled();
    expect(session.data.size).toBe(0);
    expect(clock.pending()).toEqual([]);
  });

  it('follows a sign-out of the same account in another tab: its own refresh token is revoked too', async () => {
    const { auth, cognito, session, onSignedOut, signIn } = setup();
    signIn();
    await auth.signedOutElsewhere();
    expect(onSignedOut).toHaveBeenCalledWith('elsewhere');
    expect(cognito.revokeToken).toHaveBeenCalledWith('r1');
    expect(session.data.size).toBe(0);
    expect(auth.isSignedIn()).toBe(false);
    // Already signed out: nothing more happens.
    await auth.signedOutElsewhere();
    expect(onSignedOut).toHaveBeenCalledTimes(1);
  });
});
