/** Setting up an authenticator app (TOTP) for the second factor of staff accounts. */

export const TOTP_ISSUER = 'Klassny';

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(login: string, secret: string, issuer = TOTP_ISSUER): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(login)}`;
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
}

/** The secret in groups of four for typing by hand: `JBSW Y3DP EHPK 3PXP`. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** A six-digit code as typed (spaces allowed), or null. */
export function totpCode(input: string): string | null {
  const digits = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
