import { revokeInviteCode } from '#shared/api/invitations.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { revokeInviteCode as revoke } from '#functions/identity/invite-codes.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const revokeInviteCodeHandler = httpHandler(revokeInviteCode, async ({ principal, account, params, body, log }) =>
  revoke(await loadAccessContext(principal, account), params.codeId, body.clientRequestId, log),
);
