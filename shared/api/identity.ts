import * as z from 'zod';
import { roleSchema } from '../domain/role.ts';
import { defineOperation } from './operation.ts';

/** The role lives in the domain; the contracts name it. */
export { roleSchema, type Role } from '../domain/role.ts';

export const myConsentSchema = z
  .object({
    id: z.string(),
    /** Whose data: the person themselves or one of their children. */
    forName: z.string(),
    relation: z.enum(['self', 'child']),
    signedByName: z.string(),
    documentVersion: z.string(),
    acceptedAt: z.string(),
    withdrawnAt: z.string().optional(),
    /** Only the one who signed may withdraw it here (or the operator, on a written request). */
    canWithdraw: z.boolean(),
  })
  .meta({ id: 'MyConsent' });

export const meSchema = z
  .object({
    userId: z.string().describe('Cognito sub'),
    login: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    /** The school's person this account is (a student opens their own diary with it); absent until linked. */
    personId: z.string().optional(),
    /** «Мои данные»: e-mail and phone the school holds. */
    contacts: z.object({ email: z.string().optional(), phone: z.string().optional() }).optional(),
    /** For editing one's own contacts (updatePersonContacts). */
    contactsVersion: z.number().int().min(0).default(0),
    /** Classes this person leads (классный руководитель). */
    classTeacherOf: z.array(z.object({ classId: z.string(), className: z.string() })).default([]),
    /** A parent's children. */
    children: z.array(z.object({ studentId: z.string(), name: z.string(), className: z.string() })).default([]),
    /** Consents about this person or given by them (for their children). */
    consents: z.array(myConsentSchema).default([]),
    /** False when no consent covers this person: data pages answer CONSENT_REQUIRED. */
    hasConsent: z.boolean().default(false),
    /** The last time the password was set with a recovery code, and who issued it (decision 19). */
    lastRecovery: z.object({ at: z.string(), issuedByName: z.string() }).optional(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const getMe = defineOperation({
  operationId: 'getMe',
  method: 'GET',
  path: '/api/me',
  area: 'identity',
  access: 'authenticated',
  tag: 'identity',
  summary: 'The signed-in user: name, roles, relationships, contacts and consents («Мои данные»)',
  response: meSchema,
  caller: 'account',
});

export const signOutEverywhere = defineOperation({
  operationId: 'signOutEverywhere',
  method: 'POST',
  path: '/api/me/sign-out-everywhere',
  area: 'identity',
  access: 'authenticated',
  tag: 'identity',
  summary: 'End every session of this account on every device (refresh tokens revoked, access tokens refused from now on)',
  caller: 'account',
  response: z.object({ signedOutAt: z.string() }).meta({ id: 'SignedOut' }),
});
