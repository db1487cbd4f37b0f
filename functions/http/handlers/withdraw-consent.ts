import { withdrawConsent } from '#shared/api/consents.ts';
import { withdrawConsent as withdraw } from '#functions/identity/consents.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const withdrawConsentHandler = httpHandler(withdrawConsent, async ({ ctx, params, body, log }) => withdraw(ctx, params.consentId, body.clientRequestId, log));
