/**
 * Password policy (Cognito's rules and messages) and scrypt hashing.
 * Hash format: `scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>`, so the cost
 * may change without invalidating stored hashes.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { invalidParameter, invalidPassword } from './errors.ts';

export interface PasswordPolicy {
  minimumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

/** Cognito's default policy. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

/** The special characters Cognito counts as symbols (space counts when not leading or trailing). */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');

/** Throws InvalidPasswordException / InvalidParameterException as Cognito would. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy): void {
  if (password.length > 256 || (password.length > 0 && /^\s|\s$/.test(password))) {
    throw invalidParameter(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
    );
  }
  const fail = (why: string): never => {
    throw invalidPassword(`Password did not conform with policy: ${why}`);
  };
  // Cognito counts basic-Latin letters and ASCII digits only.
  if (password.length < policy.minimumLength) fail('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password)) fail('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) fail('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) fail('Password must have numeric characters');
  if (policy.requireSymbols && ![...password].some((c) => SYMBOLS.has(c))) fail('Password must have symbol characters');
}

/** A random password satisfying the policy (for AdminCreateUser without TemporaryPassword). */
export function generatePassword(policy: PasswordPolicy): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#%&*?+-='];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  const length = Math.max(12, policy.minimumLength);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
