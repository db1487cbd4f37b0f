import * as z from 'zod';
import { instantSchema } from './dates.ts';
import { consentIdSchema, personIdSchema } from './ids.ts';

/** Where the consent came from: accepted online, or a signed paper form entered by the operator. */
export const consentSourceSchema = z
  .discriminatedUnion('channel', [
    z.object({
      channel: z.literal('online'),
      ip: z.union([z.ipv4(), z.ipv6()], { error: 'Неверный IP-адрес' }),
      userAgent: z.string().max(512),
    }),
    z.object({
      channel: z.literal('paper'),
      /** The operator who entered the signed form (п. 5.1 of the operator's duties). */
      recordedBy: personIdSchema,
      /** Register number of the paper form. */
      documentRef: z.string().min(1).max(80),
    }),
  ])
  .meta({ id: 'ConsentSource', description: 'online (IP, user agent) or paper (who entered it, form number)' });

/** Consent without cross-field checks (for deriving request bodies with pick/omit). */
export const consentBaseSchema = z.object({
  id: consentIdSchema,
  /** Whose personal data (субъект персональных данных). */
  personId: personIdSchema,
  /** Who signed: the person, or their legal representative for a minor. */
  signedById: personIdSchema,
  /** Version of the consent text, e.g. `2026-09`. A new version needs a new consent. */
  documentVersion: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, { error: 'Версия документа: латинские буквы, цифры, точка, дефис' }),
  acceptedAt: instantSchema,
  source: consentSourceSchema,
  withdrawnAt: instantSchema.optional(),
  /** Who withdrew it: the signer, or the operator on a written request. */
  withdrawnBy: personIdSchema.optional(),
});

/**
 * Consent to personal-data processing (согласие на обработку персональных данных, 152-ФЗ),
 * required before access (п. 3.1).
 */
export const consentSchema = consentBaseSchema
  .refine((c) => c.withdrawnAt === undefined || c.withdrawnAt >= c.acceptedAt, {
    error: 'Согласие не может быть отозвано раньше, чем дано',
    path: ['withdrawnAt'],
  })
  .meta({ id: 'Consent', description: 'Consent to personal-data processing (152-ФЗ, п. 3.1)' });
export type Consent = z.infer<typeof consentSchema>;
