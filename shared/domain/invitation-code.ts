import * as z from 'zod';
import { roleSchema } from './role.ts';
import { instantSchema } from './dates.ts';
import { invitationCodeIdSchema, personIdSchema } from './ids.ts';

/**
 * The code as handed out: 12 Crockford base32 characters in groups of four, `7K3M-Q9TX-2HBD`
 * (no I, L, O, U: nothing to confuse when typed from paper). Only its hash is stored.
 */
export const invitationCodeTextSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, {
    error: 'Пригласительный код состоит из 12 знаков, например 7K3M-Q9TX-2HBD',
  })
  .meta({ id: 'InvitationCodeText', description: 'Invitation code as handed out, XXXX-XXXX-XXXX (Crockford base32)' });

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code from 8 random bytes (the first 60 bits are used). */
export function invitationCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('An invitation code needs 8 random bytes');
  let bits = 0n;
  for (const b of bytes.subarray(0, 8)) bits = (bits << 8n) | BigInt(b);
  bits >>= 4n; // 60 bits
  let chars = '';
  for (let i = 0; i < 12; i++) {
    chars = CROCKFORD.charAt(Number(bits & 31n)) + chars;
    bits >>= 5n;
  }
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/**
 * The canonical form of a typed code (upper case, grouped; O → 0, I/L → 1, spaces and dashes
 * ignored), or null if it cannot be one. Hash the canonical form.
 */
export function normalizeInvitationCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

/** Invitation code record without cross-field checks (for deriving request bodies with pick/omit). */
export const invitationCodeBaseSchema = z.object({
  id: invitationCodeIdSchema,
  /** SHA-256 of the normalized code, lower-case hex. The code itself is never stored. */
  codeHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Хеш кода — 64 шестнадцатеричных символа' }),
  /** The role groups the account gets (staff may hold several; a parent's or student's code one). */
  roles: z.array(roleSchema).min(1).max(4),
  /** Whose register it is in: a class id, or `staff`. */
  scopeKey: z.string().min(1).max(80),
  /** The person the code is for. */
  personId: personIdSchema,
  /**
   * `activation`: the person has no account yet and makes one with the code. `recovery`: they
   * have one, and the code (from the operator only) sets its password in person (decision 19).
   */
  purpose: z.enum(['activation', 'recovery']).default('activation'),
  issuedBy: personIdSchema,
  issuedAt: instantSchema,
  expiresAt: instantSchema,
  usedAt: instantSchema.optional(),
  /** The account created with it (Cognito sub). */
  usedByUserId: z.string().min(1).max(128).optional(),
  revokedAt: instantSchema.optional(),
  revokedBy: personIdSchema.optional(),
});

/**
 * An entry of the register of issued invitation codes (форма учёта выдачи пригласительных
 * кодов, п. 3.1): who issued it to whom and when, used or not.
 */
export const invitationCodeSchema = invitationCodeBaseSchema
  .superRefine((c, ctx) => {
    if (c.expiresAt <= c.issuedAt) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Срок действия кода должен быть позже времени выдачи' });
    }
    if (c.usedAt !== undefined && c.usedAt < c.issuedAt) {
      ctx.addIssue({ code: 'custom', path: ['usedAt'], message: 'Код не может быть использован раньше выдачи' });
    }
    if ((c.revokedAt === undefined) !== (c.revokedBy === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['revokedBy'], message: 'Время и автор отзыва указываются вместе' });
    }
  })
  .meta({ id: 'InvitationCode', description: 'Register entry of an issued invitation code (hash only, п. 3.1)' });
export type InvitationCode = z.infer<typeof invitationCodeSchema>;
