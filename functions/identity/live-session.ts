import { getAccount, type Account } from '#functions/data/account-repository.ts';
import type { Principal } from '#functions/http/lib/principal.ts';
import { HttpError } from '#functions/http/lib/http-error.ts';

/**
 * The account behind a verified token, read on every authenticated request (one GetItem, never
 * cached): API Gateway's JWT authorizer accepts a token until it expires, so a disabled account
 * or a "sign out everywhere" must be enforced here. A session counts from the sign-in that
 * started it (`auth_time`), so refreshed tokens of an ended session are refused too.
 */
export async function requireLiveAccount(principal: Principal): Promise<Account> {
  const account = await getAccount(principal.userId);
  // A valid token without an account record: the user exists in the pool but was never linked.
  if (!account) throw new HttpError('FORBIDDEN', { message: 'Учётная запись не связана со школой. Обратитесь к оператору.' });
  if (account.status === 'disabled') throw new HttpError('SESSION_ENDED', { message: 'Учётная запись отключена. Обратитесь к оператору школы.' });
  if (account.sessionsValidAfter !== undefined && principal.authTime < account.sessionsValidAfter) throw new HttpError('SESSION_ENDED');
  return account;
}
