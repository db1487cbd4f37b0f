import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { endSessions, getAccount, listAccounts, type Account } from '#functions/data/account-repository.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ConflictError, NotFoundError, RefusedError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { boundaryPassed, disableInPool, disableWrite, enableInPool, enableWrite, sessionBoundary, signOutInPool } from './account-status.ts';

const toUser = (a: Account) => ({
  userId: a.userId,
  login: a.login,
  displayName: a.displayName,
  ...(a.personId ? { personId: a.personId } : {}),
  roles: a.roles,
  status: a.status,
  ...(a.disabledReason ? { disabledReason: a.disabledReason } : {}),
  createdAt: a.createdAt,
  ...(a.disabledAt ? { disabledAt: a.disabledAt } : {}),
  version: a.version,
});

const CHANGED = 'Учётную запись только что изменили. Обновите список.';

export async function listUsers(ctx: AccessContext, page: { cursor?: string | undefined; limit: number }, log: Logger) {
  enforce(policy.listUsers(ctx), ctx, log);
  const { accounts, nextCursor } = await listAccounts({ limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  return { users: accounts.map(toUser), ...(nextCursor ? { nextCursor } : {}) };
}

type Change = { userId: string; clientRequestId: string; version: number };

async function target(ctx: AccessContext, change: Change, rule: 'disableUser' | 'enableUser', log: Logger): Promise<Account> {
  enforce(policy[rule](ctx, { userId: change.userId }), ctx, log);
  const account = await getAccount(change.userId, { consistent: true });
  if (!account) throw new NotFoundError('Такой учётной записи нет.');
  return account;
}

/** The change, audited and idempotent; a version the operator did not see is a conflict showing the account now. */
async function commit(ctx: AccessContext, change: Change, operation: string, write: AuditedWrite) {
  await commitAudited({
    clientRequestId: change.clientRequestId,
    operation,
    actor: { userId: ctx.userId, personId: ctx.personId, role: 'operator' },
    request: { userId: change.userId, version: change.version },
    writes: [write],
    result: null,
    onConflict: ({ current }) => new ConflictError(CHANGED, current ? { current: toUser(current as unknown as Account) } : undefined),
  });
}

/** п. 5.4: the account stops at once — the API refuses its tokens on the next request, the pool its sign-in and refresh. */
export async function disableUser(ctx: AccessContext, change: Change, log: Logger) {
  const account = await target(ctx, change, 'disableUser', log);
  if (account.status !== 'disabled') {
    if (account.version !== change.version) throw new ConflictError(CHANGED, { current: toUser(account) });
    const now = new Date();
    await commit(ctx, change, 'disableUser', disableWrite(account, 'operator', now));
    await boundaryPassed(sessionBoundary(now));
  }
  await disableInPool(account.login);
  log.info('account disabled', { by: 'operator' });
  return toUser((await getAccount(change.userId, { consistent: true }))!);
}

export async function enableUser(ctx: AccessContext, change: Change, log: Logger) {
  const account = await target(ctx, change, 'enableUser', log);
  if (account.disabledReason === 'consent-withdrawn') {
    throw new RefusedError(
      'Согласие на обработку персональных данных отозвано: включить учётную запись можно только с новым согласием. Выдайте новый пригласительный код.',
    );
  }
  if (account.status !== 'active') {
    if (account.version !== change.version) throw new ConflictError(CHANGED, { current: toUser(account) });
    await commit(ctx, change, 'enableUser', enableWrite(account));
  }
  await enableInPool(account.login);
  return toUser((await getAccount(change.userId, { consistent: true }))!);
}

/**
 * «Выйти на всех устройствах»: refresh tokens revoked in the pool, and every access token of an
 * earlier sign-in refused here. Answered once the boundary has passed, so signing in again right
 * after works (a sign-in during the call itself ends with the others).
 */
export async function signOutEverywhere(account: Account, log: Logger, now = new Date()) {
  const boundary = sessionBoundary(now);
  await endSessions(account.userId, boundary);
  await signOutInPool(account.login);
  await boundaryPassed(boundary);
  log.info('signed out everywhere');
  return { signedOutAt: now.toISOString() };
}
