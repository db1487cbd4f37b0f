/**
 * Cognito-like protection against password guessing: after 5 failed sign-ins
 * a user is locked for 1 s, doubling with each further failure up to 15 min;
 * "Password attempts exceeded" meanwhile. In memory only.
 */
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60 * 1000;

export class Lockout {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  isLocked(key: string, now: number): boolean {
    const entry = this.failures.get(key);
    return entry !== undefined && now < entry.lockedUntil;
  }

  recordFailure(key: string, now: number): void {
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count++;
    if (entry.count >= FREE_ATTEMPTS) {
      entry.lockedUntil = now + Math.min(MAX_LOCK_MS, 1000 * 2 ** (entry.count - FREE_ATTEMPTS));
    }
    this.failures.set(key, entry);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
