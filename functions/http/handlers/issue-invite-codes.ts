import { issueInviteCodes } from '#shared/api/invitations.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { issueInviteCodes as issue } from '#functions/identity/invite-codes.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const issueInviteCodesHandler = httpHandler(issueInviteCodes, async ({ principal, account, body, log }) =>
  issue(await loadAccessContext(principal, account), body, log),
);
