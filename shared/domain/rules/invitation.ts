import { toEpochMs, type InstantInput } from '../dates.ts';
import type { InvitationCode } from '../invitation-code.ts';

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
