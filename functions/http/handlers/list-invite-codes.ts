import { listInviteCodes } from '#shared/api/invitations.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { listInviteCodes as list } from '#functions/identity/invite-codes.ts';
import { scopeFromQuery } from '#functions/identity/invite-scope.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listInviteCodesHandler = httpHandler(listInviteCodes, async ({ principal, account, query, log }) =>
  list(await loadAccessContext(principal, account), scopeFromQuery(query), log),
);
