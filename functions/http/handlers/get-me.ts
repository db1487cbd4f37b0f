import { getMe } from '#shared/api/identity.ts';
import { getAccount } from '#functions/data/account-repository.ts';
import { HttpError } from '../lib/http-error.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getMeHandler = httpHandler(getMe, async ({ principal }) => {
  const account = await getAccount(principal.userId);
  // A valid token without an account record means the account was never linked (or was removed).
  if (!account) throw new HttpError('FORBIDDEN', { message: 'Учётная запись не связана со школой. Обратитесь к оператору.' });
  return {
    userId: account.userId,
    login: account.login,
    displayName: account.displayName,
    roles: principal.roles,
    ...(account.personId ? { personId: account.personId } : {}),
  };
});
