import { listInvitees } from '#shared/api/invitations.ts';
import { listInvitees as list } from '#functions/identity/invite-codes.ts';
import { scopeFromQuery } from '#functions/identity/invite-scope.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listInviteesHandler = httpHandler(listInvitees, async ({ ctx, query, log }) => list(ctx, scopeFromQuery(query), log));
