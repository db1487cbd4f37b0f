/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA-1, plus RFC 4648 base32 —
 * what Cognito's software-token MFA uses: 30-second steps, 6 digits.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case-insensitive, padding and spaces ignored). */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error('Invalid base32 character');
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(key: Uint8Array, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const TOTP_STEP_SECONDS = 30;

/** The TOTP code for a time (milliseconds since the epoch). */
export function totp(key: Uint8Array, timeMs: number, digits = 6, stepSeconds = TOTP_STEP_SECONDS): string {
  return hotp(key, Math.floor(timeMs / 1000 / stepSeconds), digits);
}

/** A fresh secret: 20 random bytes (160 bits, RFC 4226's recommendation) as base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/**
 * Checks a 6-digit code against a base32 secret, accepting one step of clock
 * drift either way.
 */
export function verifyTotp(secretBase32: string, code: string, timeMs: number, window = 1): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = base32Decode(secretBase32);
  const counter = Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
  let ok = false;
  for (let delta = -window; delta <= window; delta++) {
    const expected = Buffer.from(hotp(key, counter + delta));
    if (timingSafeEqual(expected, Buffer.from(code))) ok = true;
  }
  return ok;
}
