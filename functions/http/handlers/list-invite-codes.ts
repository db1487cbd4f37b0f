import { listInviteCodes } from '#shared/api/invitations.ts';
import { listInviteCodes as list } from '#functions/identity/invite-codes.ts';
import { scopeFromQuery } from '#functions/identity/invite-scope.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listInviteCodesHandler = httpHandler(listInviteCodes, async ({ ctx, query, log }) => list(ctx, scopeFromQuery(query), log));
