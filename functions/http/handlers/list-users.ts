import { listUsers } from '#shared/api/users.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { listUsers as list } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listUsersHandler = httpHandler(listUsers, async ({ principal, account, query, log }) =>
  list(await loadAccessContext(principal, account), query, log),
);
