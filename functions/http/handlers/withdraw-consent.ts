import { withdrawConsent } from '#shared/api/consents.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { withdrawConsent as withdraw } from '#functions/identity/consents.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const withdrawConsentHandler = httpHandler(withdrawConsent, async ({ principal, account, params, body, log }) =>
  withdraw(await loadAccessContext(principal, account), params.consentId, body.clientRequestId, log),
);
