import { describe, expect, it, vi } from 'vitest';
import { createAuthSession } from './auth.ts';
import { CognitoError, type CognitoClient, type CognitoTokens } from './cognito.ts';
import { createTokenStore, REFRESH_KEY, SESSION_KEY } from './tokens.ts';
import { manualClock, memoryStorage } from './test-support.ts';

function setup(options: { refresh?: (token: string) => Promise<CognitoTokens> } = {}) {
  const clock = manualClock(1_000_000);
  const session = memoryStorage();
  const local = memoryStorage();
  let counter = 0;
  const cognito = {
    signIn: vi.fn(),
    setNewPassword: vi.fn(),
    answerMfa: vi.fn(),
    refresh: vi.fn(
      options.refresh ??
        (async () => {
          counter += 1;
          return { accessToken: `a${counter + 1}`, idToken: `i${counter + 1}`, expiresIn: 3600 };
        }),
    ),
    revokeToken: vi.fn(async () => {}),
    softwareTokenMfaEnabled: vi.fn(async () => false),
    associateSoftwareToken: vi.fn(async () => 'SECRET'),
    verifySoftwareToken: vi.fn(async () => {}),
    setSoftwareTokenMfa: vi.fn(async () => {}),
  } satisfies CognitoClient;
  const onSignedOut = vi.fn();
  const auth = createAuthSession({ cognito, store: createTokenStore(session, local), clock, onSignedOut });
  const signIn = () =>
    auth.acceptStep({ kind: 'signed-in', tokens: { accessToken: 'a1', idToken: 'i1', refreshToken: 'r1', expiresIn: 3600 } });
  return { clock, session, local, cognito, auth, onSignedOut, signIn };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('auth session', () => {
  it('stores tokens on sign-in and schedules a refresh two minutes before expiry', async () => {
    const { auth, clock, session, local, cognito, signIn } = setup();
    expect(signIn()).toBe(true);
    expect(session.data.has(SESSION_KEY)).toBe(true);
    expect(local.data.get(REFRESH_KEY)).toBe('r1');
    expect(clock.pending()).toEqual([1_000_000 + 3_600_000 - 120_000]);
    expect(await auth.accessToken()).toBe('a1');

    clock.advance(3_600_000 - 120_000);
    await flush();
    expect(cognito.refresh).toHaveBeenCalledWith('r1');
    expect(await auth.accessToken()).toBe('a2');
    expect(local.data.get(REFRESH_KEY)).toBe('r1'); // kept: no rotation in the answer
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
    const { auth, clock, session, local, onSignedOut, signIn } = setup({
      refresh: async () => {
        throw new CognitoError('NotAuthorizedException', 'x', 'Refresh Token has been revoked');
      },
    });
    signIn();
    clock.advance(3_600_000);
    await flush();
    expect(onSignedOut).toHaveBeenCalledWith('expired');
    expect(session.data.size).toBe(0);
    expect(local.data.size).toBe(0);
    expect(await auth.accessToken()).toBeNull();
  });

  it('keeps the refresh token when the network is down', async () => {
    const { auth, local, signIn } = setup({
      refresh: async () => {
        throw new CognitoError('NetworkError', 'Нет связи');
      },
    });
    signIn();
    await expect(auth.refresh()).rejects.toMatchObject({ type: 'NetworkError' });
    expect(local.data.get(REFRESH_KEY)).toBe('r1');
  });

  it('restores a session on page load, refreshing when only the refresh token is left', async () => {
    const first = setup();
    first.signIn();
    // Same tab reloaded: session storage still has the access token.
    const reloaded = createAuthSession({
      cognito: first.cognito,
      store: createTokenStore(first.session, first.local),
      clock: first.clock,
    });
    expect(await reloaded.restore()).toBe(true);
    expect(first.cognito.refresh).not.toHaveBeenCalled();

    // A new tab: only the refresh token in local storage.
    const newTab = createAuthSession({
      cognito: first.cognito,
      store: createTokenStore(memoryStorage(), first.local),
      clock: first.clock,
    });
    expect(await newTab.restore()).toBe(true);
    expect(first.cognito.refresh).toHaveBeenCalledTimes(1);

    // Nothing stored: signed out.
    const empty = createAuthSession({
      cognito: first.cognito,
      store: createTokenStore(memoryStorage(), memoryStorage()),
      clock: first.clock,
    });
    expect(await empty.restore()).toBe(false);
  });

  it('signs out this device (revokes its refresh token) and forgets every token, even if Cognito fails', async () => {
    const { auth, cognito, session, local, clock, signIn } = setup();
    signIn();
    cognito.revokeToken.mockRejectedValueOnce(new Error('offline'));
    await auth.signOut();
    expect(cognito.revokeToken).toHaveBeenCalledWith('r1');
    expect(session.data.size).toBe(0);
    expect(local.data.size).toBe(0);
    expect(clock.pending()).toEqual([]);
    expect(auth.isSignedIn()).toBe(false);
  });

  it('forgets the tokens without asking Cognito when the session ended on the server', () => {
    const { auth, cognito, session, local, clock, signIn } = setup();
    signIn();
    auth.forget();
    expect(cognito.revokeToken).not.toHaveBeenCalled();
    expect(session.data.size + local.data.size).toBe(0);
    expect(clock.pending()).toEqual([]);
  });

  it('follows a sign-out in another tab', () => {
    const { auth, onSignedOut, signIn } = setup();
    signIn();
    auth.signedOutElsewhere();
    expect(onSignedOut).toHaveBeenCalledWith('elsewhere');
    expect(auth.isSignedIn()).toBe(false);
  });
});
