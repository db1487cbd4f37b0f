import { updatePersonContacts } from '#shared/api/people.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { updatePersonContacts as update } from '#functions/identity/contacts.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const updatePersonContactsHandler = httpHandler(updatePersonContacts, async ({ principal, account, params, body, log }) =>
  update(await loadAccessContext(principal, account), { personId: params.personId, ...body }, log),
);
