import { issueInviteCodes } from '#shared/api/invitations.ts';
import { issueInviteCodes as issue } from '#functions/identity/invite-codes.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const issueInviteCodesHandler = httpHandler(issueInviteCodes, async ({ ctx, body, log }) => issue(ctx, body, log));
