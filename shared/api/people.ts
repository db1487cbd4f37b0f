import * as z from 'zod';
import { personIdSchema } from '#shared/domain/ids.ts';
import { contactsSchema } from '#shared/domain/person.ts';
import { clientRequestIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/** A person's contact details as the class teacher keeps them current (п. 6/4.1). */
export const personContactsSchema = z
  .object({
    personId: personIdSchema,
    name: z.string(),
    contacts: contactsSchema,
    /** Optimistic concurrency: the version the editor saw. */
    contactsVersion: z.number().int().min(0),
  })
  .meta({ id: 'PersonContacts' });

export const updatePersonContacts = defineOperation({
  operationId: 'updatePersonContacts',
  method: 'PUT',
  path: '/api/people/{personId}/contacts',
  area: 'identity',
  access: 'authenticated',
  tag: 'people',
  summary: 'Set a person’s e-mail and phone (the class teacher for their class’s students and parents, the operator, or the person themselves)',
  params: z.object({ personId: personIdSchema }),
  body: z
    .object({
      clientRequestId: clientRequestIdSchema,
      contacts: contactsSchema,
      /** The version read; a change made meanwhile answers 409 with the current contacts. */
      contactsVersion: z.number().int().min(0),
    })
    .meta({ id: 'UpdatePersonContactsBody' }),
  response: personContactsSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
});
