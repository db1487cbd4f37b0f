import { getConsentDocument } from '#shared/api/consents.ts';
import { getConsentText } from '#functions/identity/consents.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getConsentDocumentHandler = httpHandler(getConsentDocument, async ({ query }) => getConsentText(query.version));
