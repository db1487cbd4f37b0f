import { updatePersonContacts } from '#shared/api/people.ts';
import { updatePersonContacts as update } from '#functions/identity/contacts.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const updatePersonContactsHandler = httpHandler(updatePersonContacts, async ({ ctx, params, body, log }) =>
  update(ctx, { personId: params.personId, ...body }, log),
);
