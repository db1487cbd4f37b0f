import type { Principal } from '#shared/authz/access-context.ts';
import { getAccount, type Account } from '#functions/data/account-repository.ts';
import { ForbiddenError, SessionEndedError } from '#functions/lib/errors.ts';

/**
 * The account behind a verified token, read on every authenticated request (one strongly
 * consistent GetItem, never cached): API Gateway's JWT authorizer accepts a token until it
 * expires, so a disabled account or a "sign out everywhere" must be enforced here — and read
 * consistently, or a just-disabled account could pass on a stale replica. A session counts from
 * the sign-in that started it (`auth_time`), so refreshed tokens of an ended session are refused too.
 */
export async function requireLiveAccount(principal: Principal): Promise<Account> {
  const account = await getAccount(principal.userId, { consistent: true });
  // A valid token without an account record: the user exists in the pool but was never linked.
  if (!account) throw new ForbiddenError('Учётная запись не связана со школой. Обратитесь к оператору.');
  if (account.status === 'disabled') throw new SessionEndedError('Учётная запись отключена. Обратитесь к оператору школы.');
  if (account.sessionsValidAfter !== undefined && principal.authTime < account.sessionsValidAfter) throw new SessionEndedError();
  return account;
}
