import { enableUser } from '#shared/api/users.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { enableUser as enable } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const enableUserHandler = httpHandler(enableUser, async ({ principal, account, params, body, log }) =>
  enable(await loadAccessContext(principal, account), { userId: params.userId, ...body }, log),
);
