import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';
import { consentIdSchema, personIdSchema } from '#shared/domain/ids.ts';
import { clientRequestIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/** The consent text (152-ФЗ) as the redeemer reads it: a separate, versioned document. */
export const consentDocumentSchema = z
  .object({
    version: z.string(),
    title: z.string(),
    effectiveFrom: z.string(),
    /** Paragraphs of the text, in order. */
    paragraphs: z.array(z.string()),
  })
  .meta({ id: 'ConsentDocument' });

export const getConsentDocument = defineOperation({
  operationId: 'getConsentDocument',
  method: 'GET',
  path: '/api/consent-document',
  area: 'identity',
  access: 'public',
  tag: 'consents',
  summary: 'The consent text in force (or an earlier version), with the school’s details filled in',
  query: z.object({ version: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/).optional() }),
  response: consentDocumentSchema,
  errors: ['NOT_FOUND'],
});

/** A line of the consent register the operator keeps (п. 5.1 of the operator’s duties). */
export const consentEntrySchema = z
  .object({
    id: consentIdSchema,
    personId: personIdSchema,
    personName: z.string(),
    personKind: z.enum(['staff', 'student', 'parent']),
    /** The class of a student (or of a parent's children), for the register's grouping. */
    className: z.string().optional(),
    signedById: personIdSchema,
    signedByName: z.string(),
    documentVersion: z.string(),
    acceptedAt: instantSchema,
    channel: z.enum(['online', 'paper']),
    /** Online: the address and browser it was accepted from; paper: the form's number. */
    from: z.string(),
    withdrawnAt: instantSchema.optional(),
    withdrawnByName: z.string().optional(),
  })
  .meta({ id: 'ConsentEntry' });
export type ConsentEntry = z.infer<typeof consentEntrySchema>;

export const listConsents = defineOperation({
  operationId: 'listConsents',
  method: 'GET',
  path: '/api/consents',
  area: 'identity',
  access: 'authenticated',
  tag: 'consents',
  summary: 'The consent register: who consented for whom, to which version, when and from where (newest first, paged)',
  query: z.object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  }),
  response: z.object({ entries: z.array(consentEntrySchema), nextCursor: z.string().optional() }).meta({ id: 'ConsentRegister' }),
});

export const withdrawConsent = defineOperation({
  operationId: 'withdrawConsent',
  method: 'POST',
  path: '/api/consents/{consentId}/withdraw',
  area: 'identity',
  access: 'authenticated',
  tag: 'consents',
  summary: 'Withdraw a consent (by the one who gave it, or by the operator on a written request): the person’s account is disabled',
  params: z.object({ consentId: consentIdSchema }),
  body: z.object({ clientRequestId: clientRequestIdSchema }),
  response: consentEntrySchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
});
