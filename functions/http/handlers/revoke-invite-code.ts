import { revokeInviteCode } from '#shared/api/invitations.ts';
import { revokeInviteCode as revoke } from '#functions/identity/invite-codes.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const revokeInviteCodeHandler = httpHandler(revokeInviteCode, async ({ ctx, params, body, log }) => revoke(ctx, params.codeId, body.clientRequestId, log));
