import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { endSessions, getAccount, listAccounts, type Account } from '#functions/data/account-repository.ts';
import { commitAudited, IdempotencyKeyReused, WriteConflict } from '#functions/data/audited-transaction.ts';
import { enforce } from '#functions/http/lib/authorize.ts';
import { HttpError } from '#functions/http/lib/http-error.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { disableInPool, disableWrite, enableInPool, enableWrite, sessionBoundary, signOutInPool } from './account-status.ts';

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

export async function listUsers(ctx: AccessContext, page: { cursor?: string | undefined; limit: number }, log: Logger) {
  enforce(policy.listUsers(ctx), ctx, log);
  const { accounts, nextCursor } = await listAccounts({ limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  return { users: accounts.map(toUser), ...(nextCursor ? { nextCursor } : {}) };
}

type Change = { userId: string; clientRequestId: string; version: number };

async function target(ctx: AccessContext, change: Change, rule: 'disableUser' | 'enableUser', log: Logger): Promise<Account> {
  enforce(policy[rule](ctx, { userId: change.userId }), ctx, log);
  const account = await getAccount(change.userId);
  if (!account) throw new HttpError('NOT_FOUND', { message: 'Такой учётной записи нет.' });
  return account;
}

async function commit(ctx: AccessContext, change: Change, operation: string, write: ReturnType<typeof disableWrite>) {
  try {
    await commitAudited({
      clientRequestId: change.clientRequestId,
      operation,
      actor: { userId: ctx.userId, personId: ctx.personId, role: 'operator' },
      request: { userId: change.userId, version: change.version },
      writes: [write],
      result: null,
    });
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) throw new HttpError('IDEMPOTENCY_KEY_REUSED');
    if (error instanceof WriteConflict) {
      const current = error.current ? toUser(error.current as unknown as Account) : undefined;
      throw new HttpError('CONFLICT', { message: 'Учётную запись только что изменили. Обновите список.', ...(current ? { details: { current } } : {}) });
    }
    throw error;
  }
}

/** п. 5.4: the account stops at once — the API refuses its tokens on the next request, the pool its sign-in and refresh. */
export async function disableUser(ctx: AccessContext, change: Change, log: Logger) {
  const account = await target(ctx, change, 'disableUser', log);
  if (account.status !== 'disabled') {
    if (account.version !== change.version) throw new HttpError('CONFLICT', { message: 'Учётную запись только что изменили. Обновите список.', details: { current: toUser(account) } });
    await commit(ctx, change, 'disableUser', disableWrite(account, 'operator', new Date()));
  }
  await disableInPool(account.login);
  log.info('account disabled', { by: 'operator' });
  return toUser((await getAccount(change.userId))!);
}

export async function enableUser(ctx: AccessContext, change: Change, log: Logger) {
  const account = await target(ctx, change, 'enableUser', log);
  if (account.disabledReason === 'consent-withdrawn') {
    throw new HttpError('RULE_VIOLATED', {
      message: 'Согласие на обработку персональных данных отозвано: включить учётную запись можно только с новым согласием. Выдайте новый пригласительный код.',
    });
  }
  if (account.status !== 'active') {
    if (account.version !== change.version) throw new HttpError('CONFLICT', { message: 'Учётную запись только что изменили. Обновите список.', details: { current: toUser(account) } });
    await commit(ctx, change, 'enableUser', enableWrite(account));
  }
  await enableInPool(account.login);
  return toUser((await getAccount(change.userId))!);
}

/** «Выйти на всех устройствах»: refresh tokens revoked in the pool, and every access token of an earlier sign-in refused here. */
export async function signOutEverywhere(account: Account, log: Logger, now = new Date()) {
  await endSessions(account.userId, sessionBoundary(now));
  await signOutInPool(account.login);
  log.info('signed out everywhere');
  return { signedOutAt: now.toISOString() };
}
