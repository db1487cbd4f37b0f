import { previewInviteCode } from '#shared/api/invitations.ts';
import { previewInviteCode as preview } from '#functions/identity/redemption.ts';
import { httpHandler } from '../lib/http-handler.ts';
import { requestSource } from '../lib/request-source.ts';

export const previewInviteCodeHandler = httpHandler(previewInviteCode, async ({ body, event }) => preview(body.code, requestSource(event)));
