import type { Role } from '../../api/identity.ts';
import { toEpochMs, type InstantInput } from '../dates.ts';
import type { InvitationCode } from '../invitation-code.ts';
import { violation, type RuleViolation } from './violation.ts';

export type InvitationCodeStatus = 'active' | 'used' | 'revoked' | 'expired';

/** Where a register entry stands at `now`: used and revoked win over expiry. */
export function invitationCodeStatus(
  code: Pick<InvitationCode, 'usedAt' | 'revokedAt' | 'expiresAt'>,
  now: InstantInput,
): InvitationCodeStatus {
  if (code.usedAt !== undefined) return 'used';
  if (code.revokedAt !== undefined) return 'revoked';
  return toEpochMs(now) >= toEpochMs(code.expiresAt) ? 'expired' : 'active';
}

/**
 * п. 3.1: staff (teachers, class teachers, administration) get their codes from the operator;
 * parents and students from their class teacher — or from the operator when needed (п. 5.3 of
 * the operator's duties).
 */
export function mayIssueInvitation(input: {
  targetRole: Role;
  issuerRoles: readonly Role[];
  /** Is the issuer the class teacher of the student (or of the parent's child)? */
  issuerIsClassTeacher: boolean;
}): boolean {
  if (input.issuerRoles.includes('operator')) return true;
  const forFamily = input.targetRole === 'student' || input.targetRole === 'parent';
  return forFamily && input.issuerIsClassTeacher && input.issuerRoles.includes('teacher');
}

/** п. 3.1 as a violation, or null when the issuer may issue the code. */
export function checkInvitationIssuer(input: Parameters<typeof mayIssueInvitation>[0]): RuleViolation | null {
  if (mayIssueInvitation(input)) return null;
  const forFamily = input.targetRole === 'student' || input.targetRole === 'parent';
  return violation(
    'п. 3.1',
    'INVITATION_ISSUER_NOT_ALLOWED',
    forFamily
      ? 'Пригласительные коды родителям и обучающимся выдаёт классный руководитель или оператор'
      : 'Пригласительные коды сотрудникам выдаёт школьный оператор',
    { targetRole: input.targetRole },
  );
}
