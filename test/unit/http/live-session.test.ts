import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '#functions/data/account-repository.ts';

const stored = vi.hoisted(() => ({ account: undefined as Account | undefined, options: undefined as unknown }));
vi.mock('#functions/data/account-repository.ts', () => ({
  getAccount: async (_userId: string, options: unknown) => {
    stored.options = options;
    return stored.account;
  },
}));
const { requireLiveAccount } = await import('#functions/identity/live-session.ts');

const principal = { userId: 'u-1', login: 'teacher', roles: ['teacher' as const], authTime: 1_790_000_000 };
const account: Account = { userId: 'u-1', login: 'teacher', displayName: 'Т', roles: ['teacher'], status: 'active', createdAt: '2026-09-01T00:00:00Z', version: 3 };

/** The gateway accepts a token until it expires; the account decides on every request (decision 17). */
describe('the live account check', () => {
  beforeEach(() => {
    stored.account = { ...account };
  });

  it('an active account with no ended sessions passes', async () => {
    await expect(requireLiveAccount(principal)).resolves.toMatchObject({ userId: 'u-1', version: 3 });
  });

  it('reads the account strongly consistent: a stale replica must not let a just-disabled account through', async () => {
    await requireLiveAccount(principal);
    expect(stored.options).toEqual({ consistent: true });
  });

  it('a disabled account ends the session', async () => {
    stored.account = { ...account, status: 'disabled', disabledReason: 'operator' };
    await expect(requireLiveAccount(principal)).rejects.toMatchObject({ code: 'SESSION_ENDED', name: 'SessionEndedError' });
  });

  it('a sign-in before “sign out everywhere” is over; one after it is not', async () => {
    stored.account = { ...account, sessionsValidAfter: principal.authTime + 1 };
    await expect(requireLiveAccount(principal)).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(requireLiveAccount({ ...principal, authTime: principal.authTime + 1 })).resolves.toBeDefined();
  });

  it('a token without an account record is refused (never linked to the school)', async () => {
    stored.account = undefined;
    await expect(requireLiveAccount(principal)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
