import { redeemInviteCode } from '#shared/api/invitations.ts';
import { redeemInviteCode as redeem } from '#functions/identity/redemption.ts';
import { httpHandler } from '../lib/http-handler.ts';
import { requestSource } from '../lib/request-source.ts';

export const redeemInviteCodeHandler = httpHandler(redeemInviteCode, async ({ body, event, log }) => redeem(body, requestSource(event), log));
