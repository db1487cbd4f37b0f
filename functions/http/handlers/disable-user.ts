import { disableUser } from '#shared/api/users.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { disableUser as disable } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const disableUserHandler = httpHandler(disableUser, async ({ principal, account, params, body, log }) =>
  disable(await loadAccessContext(principal, account), { userId: params.userId, ...body }, log),
);
