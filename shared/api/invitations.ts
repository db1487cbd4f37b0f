import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';
import { classIdSchema, invitationCodeIdSchema, personIdSchema } from '#shared/domain/ids.ts';
import { contactsSchema, personBaseSchema } from '#shared/domain/person.ts';
import { invitationCodeTextSchema } from '#shared/domain/invitation-code.ts';
import { INVITE_CODE_MAX_DAYS, LOGIN_PATTERN, PASSWORD_POLICY } from '#shared/config/access-settings.ts';
import { roleSchema } from '../domain/role.ts';
import { clientRequestIdSchema } from './journal.ts';
import { consentDocumentSchema } from './consents.ts';
import { defineOperation } from './operation.ts';

/**
 * Invitation codes (пригласительные коды, п. 3.1): staff get theirs from the operator, parents
 * and students from their class teacher; each issuance is an entry of the register.
 */

/** Whose register: one class (its students and parents) or the staff. */
export const inviteScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('class'), classId: classIdSchema }),
    z.object({ kind: z.literal('staff') }),
  ])
  .meta({ id: 'InviteScope', description: 'A class (its students and parents) or the staff' });
export type InviteScope = z.infer<typeof inviteScopeSchema>;

export const staffRoleSchema = z
  .enum(['director', 'coordinator', 'operator', 'teacher'], { error: 'Роль сотрудника: director, coordinator, operator или teacher' })
  .meta({ id: 'StaffRole' });

/**
 * A new staff member the operator registers while issuing their code («создать пользователя»):
 * the person's own name rules, so whatever passes here is a valid person.
 */
export const newStaffMemberSchema = personBaseSchema
  .pick({ lastName: true, firstName: true, middleName: true })
  .extend({ position: z.string().trim().max(120, { error: 'Должность: не длиннее 120 символов' }).optional() })
  .meta({ id: 'NewStaffMember' });

export const inviteeSchema = z
  .union([
    z.object({ personId: personIdSchema, roles: z.array(roleSchema).min(1).max(4) }),
    z.object({ newStaff: newStaffMemberSchema, roles: z.array(staffRoleSchema).min(1).max(4) }),
  ])
  .meta({ id: 'Invitee', description: 'An existing person, or (staff only) a new staff member, with the roles the account gets' });

export const issueInviteCodesBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    scope: inviteScopeSchema,
    invitees: z.array(inviteeSchema).min(1, { error: 'Выберите, кому выдать коды' }).max(40, { error: 'Не больше 40 кодов за раз' }),
    /** Default: 14 days (п. 3.1 register: the code is handed out in person). */
    validDays: z.number().int().min(1).max(INVITE_CODE_MAX_DAYS).optional(),
  })
  .meta({ id: 'IssueInviteCodesBody' });

export const inviteStatusSchema = z.enum(['active', 'used', 'expired', 'revoked']).meta({ id: 'InviteStatus' });
export type InviteStatus = z.infer<typeof inviteStatusSchema>;

/** A line of the register (форма учёта выдачи пригласительных кодов). */
export const inviteRegisterEntrySchema = z
  .object({
    id: invitationCodeIdSchema,
    personId: personIdSchema,
    personName: z.string(),
    /** For a parent: the children in this class, «Морозова Анна». */
    note: z.string().optional(),
    roles: z.array(roleSchema),
    /** `recovery`: the person has an account and the code sets its password (the operator's in-person recovery). */
    purpose: z.enum(['activation', 'recovery']),
    issuedById: personIdSchema,
    issuedByName: z.string(),
    issuedAt: instantSchema,
    expiresAt: instantSchema,
    status: inviteStatusSchema,
    usedAt: instantSchema.optional(),
    revokedAt: instantSchema.optional(),
  })
  .meta({ id: 'InviteRegisterEntry' });

/**
 * A code as issued: the only time its text is ever shown (to print the slip). Absent when the
 * request was a replay of one already applied: the text is never stored, issue the code again.
 */
export const issuedInviteCodeSchema = inviteRegisterEntrySchema.extend({ code: invitationCodeTextSchema.optional() }).meta({ id: 'IssuedInviteCode' });

export const issueInviteCodes = defineOperation({
  operationId: 'issueInviteCodes',
  method: 'POST',
  path: '/api/invite-codes',
  area: 'identity',
  access: 'authenticated',
  tag: 'invitations',
  summary: 'Issue invitation codes (operator: staff; class teacher: parents and students of their class). A new code for a person revokes their earlier unused one',
  body: issueInviteCodesBodySchema,
  response: z.object({ codes: z.array(issuedInviteCodeSchema), replayed: z.boolean() }).meta({ id: 'IssuedInviteCodes' }),
  successStatus: 201,
  errors: ['CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
});

export const inviteRegisterSchema = z
  .object({
    scope: inviteScopeSchema,
    title: z.string().describe('«5А класс» or «Сотрудники»'),
    entries: z.array(inviteRegisterEntrySchema),
  })
  .meta({ id: 'InviteRegister' });

const scopeQuerySchema = z
  .object({
    scope: z.enum(['class', 'staff'], { error: 'scope: class или staff' }),
    classId: classIdSchema.optional(),
  })
  .refine((q) => (q.scope === 'class') === (q.classId !== undefined), { error: 'classId указывается только для scope=class', path: ['classId'] });

export const listInviteCodes = defineOperation({
  operationId: 'listInviteCodes',
  method: 'GET',
  path: '/api/invite-codes',
  area: 'identity',
  access: 'authenticated',
  tag: 'invitations',
  summary: 'The register of issued invitation codes of a class or of the staff (printable)',
  query: scopeQuerySchema,
  response: inviteRegisterSchema,
});

export const revokeInviteCode = defineOperation({
  operationId: 'revokeInviteCode',
  method: 'POST',
  path: '/api/invite-codes/{codeId}/revoke',
  area: 'identity',
  access: 'authenticated',
  tag: 'invitations',
  summary: 'Revoke an unused invitation code (lost slip, wrong person)',
  params: z.object({ codeId: invitationCodeIdSchema }),
  body: z.object({ clientRequestId: clientRequestIdSchema }),
  response: inviteRegisterEntrySchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

/** A person one may issue a code to, with what the register says about them. */
export const inviteeCandidateSchema = z
  .object({
    personId: personIdSchema,
    name: z.string(),
    kind: z.enum(['staff', 'student', 'parent']),
    /** For a parent: whose parent; for staff: the position. */
    note: z.string().optional(),
    /** The roles a code for this person gives by default. */
    roles: z.array(roleSchema),
    /** `account`: has redeemed a code; `invited`: has an active code; `none`. */
    state: z.enum(['account', 'invited', 'none']),
    /** E-mail and phone, kept current by the class teacher (п. 6/4.1), with their version for editing. */
    contacts: contactsSchema.optional(),
    contactsVersion: z.number().int().min(0).optional(),
  })
  .meta({ id: 'InviteeCandidate' });

export const listInvitees = defineOperation({
  operationId: 'listInvitees',
  method: 'GET',
  path: '/api/invitees',
  area: 'identity',
  access: 'authenticated',
  tag: 'invitations',
  summary: 'Who may get a code in a class (students and parents) or among the staff, and whether they already have an account',
  query: scopeQuerySchema,
  response: z.object({ scope: inviteScopeSchema, title: z.string(), people: z.array(inviteeCandidateSchema) }).meta({ id: 'Invitees' }),
});

// ── redemption (public) ───────────────────────────────────────────────────────

export const codeInputSchema = z
  .string({ error: 'Введите пригласительный код' })
  .trim()
  .min(1, { error: 'Введите пригласительный код' })
  .max(40, { error: 'Пригласительный код состоит из 12 знаков, например 7K3M-Q9TX-2HBD' });

const passwordSchema = z
  .string({ error: 'Введите пароль' })
  .min(PASSWORD_POLICY.minLength, { error: `Пароль: не короче ${PASSWORD_POLICY.minLength} символов` })
  .max(256, { error: 'Пароль: не длиннее 256 символов' })
  .regex(/[a-z]/, { error: 'Пароль: нужна строчная латинская буква' })
  .regex(/[A-Z]/, { error: 'Пароль: нужна заглавная латинская буква' })
  .regex(/[0-9]/, { error: 'Пароль: нужна цифра' })
  .regex(/[^A-Za-z0-9]/, { error: 'Пароль: нужен знак, например ! или %' });

export const loginSchema = z
  .string({ error: 'Введите логин' })
  .trim()
  .regex(LOGIN_PATTERN, { error: 'Логин: 3–64 символа — латинские буквы, цифры, точка, дефис, подчёркивание; начинается с буквы' })
  .transform((s) => s.toLowerCase());

/** Whose personal data the consent covers, as shown before accepting it. */
export const consentSubjectSchema = z
  .object({
    name: z.string(),
    relation: z.enum(['self', 'child']),
    /** Already consented (e.g. a student whose parent accepted first). */
    alreadyGiven: z.boolean(),
  })
  .meta({ id: 'ConsentSubject' });

export const invitePreviewSchema = z
  .object({
    personName: z.string(),
    roles: z.array(roleSchema),
    /** «5А» for a student or a parent's children, the position for staff. */
    note: z.string().optional(),
    expiresAt: instantSchema,
    /** Set when the person already has an account: redeeming sets a new password for it. */
    existingLogin: z.string().optional(),
    document: consentDocumentSchema,
    /** Whose consent the redeemer gives now; empty when nothing is asked (see consentGivenBy). */
    consentFor: z.array(consentSubjectSchema),
    /** A minor student: consent comes from a parent; absent when a parent has not consented yet. */
    consentGivenBy: z.string().optional(),
    /** False when the code cannot be redeemed yet (a minor without a parent's consent). */
    canRedeem: z.boolean(),
  })
  .meta({ id: 'InvitePreview' });

export const previewInviteCode = defineOperation({
  operationId: 'previewInviteCode',
  method: 'POST',
  path: '/api/invite-codes/preview',
  area: 'identity',
  access: 'public',
  tag: 'invitations',
  summary: 'Check a code before redeeming it: for whom, which roles, and the consent to accept (rate-limited)',
  body: z.object({ code: codeInputSchema }),
  response: invitePreviewSchema,
  errors: ['INVITE_CODE_INVALID', 'RATE_LIMITED'],
});

export const redeemInviteCodeBodySchema = z
  .object({
    code: codeInputSchema,
    login: loginSchema,
    password: passwordSchema,
    consent: z.object({
      documentVersion: z.string().min(1).max(20),
      accepted: z.literal(true, { error: 'Чтобы продолжить, примите согласие на обработку персональных данных' }),
    }),
  })
  .meta({ id: 'RedeemInviteCodeBody' });

export const redeemInviteCode = defineOperation({
  operationId: 'redeemInviteCode',
  method: 'POST',
  path: '/api/invite-codes/redeem',
  area: 'identity',
  access: 'public',
  tag: 'invitations',
  summary: 'Redeem a code: record the consent, create the account (or set a new password for an existing one), link it to the person',
  body: redeemInviteCodeBodySchema,
  response: z
    .object({ login: z.string(), displayName: z.string(), roles: z.array(roleSchema), created: z.boolean() })
    .meta({ id: 'RedeemedInvite' }),
  successStatus: 201,
  errors: ['INVITE_CODE_INVALID', 'RATE_LIMITED', 'LOGIN_TAKEN', 'RULE_VIOLATED'],
});
