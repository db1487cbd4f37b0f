/**
 * The pool's password history (`PasswordHistorySize`): a user may not set, as a permanent
 * password (AdminSetUserPassword with Permanent, ChangePassword, the NEW_PASSWORD_REQUIRED
 * challenge), any of their last n permanent passwords, the current one included. Temporary
 * passwords are neither checked nor remembered. Only scrypt hashes are kept, with the user.
 */
import { invalidPassword } from './errors.ts';
import type { Context } from './operations/context.ts';
import { verifyPassword } from './password.ts';
import type { UserRecord } from './user-store.ts';

export const PASSWORD_PREVIOUSLY_USED = 'Password has previously been used';

/** The hashes a new permanent password is compared with, newest first. */
function previousHashes(ctx: Context, user: UserRecord): string[] {
  const history = user.passwordHistory ?? (user.status === 'CONFIRMED' ? [user.passwordHash] : []);
  return history.slice(0, ctx.passwordHistorySize);
}

/** Throws InvalidPasswordException when `password` is one of the user's last permanent passwords. */
export async function checkPasswordHistory(ctx: Context, user: UserRecord, password: string): Promise<void> {
  if (ctx.passwordHistorySize <= 0) return;
  for (const hash of previousHashes(ctx, user)) {
    if (await verifyPassword(password, hash)) throw invalidPassword(PASSWORD_PREVIOUSLY_USED);
  }
}

/**
 * Sets the user's password. A permanent one is remembered in the history; before a temporary
 * one replaces a permanent one, that permanent one is kept in the history.
 */
export function setPassword(ctx: Context, user: UserRecord, hash: string, permanent: boolean): void {
  if (ctx.passwordHistorySize > 0) {
    const previous = previousHashes(ctx, user);
    user.passwordHistory = permanent ? [hash, ...previous].slice(0, ctx.passwordHistorySize) : previous;
  }
  user.passwordHash = hash;
}
