import { describe, expect, it } from 'vitest';
import { groupSecret, otpauthUri, totpCode } from './totp.ts';

describe('totp', () => {
  it('builds the otpauth URI an authenticator app reads', () => {
    expect(otpauthUri('director', 'JBSWY3DPEHPK3PXP')).toBe('otpauth://totp/Klassny:director?secret=JBSWY3DPEHPK3PXP&issuer=Klassny');
    expect(otpauthUri('i.ivanov', 'ABC')).toBe('otpauth://totp/Klassny:i.ivanov?secret=ABC&issuer=Klassny');
  });
  it('groups the secret by four for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPA')).toBe('JBSW Y3DP EHPK 3PXP A');
  });
  it('reads a six-digit code typed with spaces', () => {
    expect(totpCode('123 456')).toBe('123456');
    expect(totpCode('12345')).toBeNull();
    expect(totpCode('12345a')).toBeNull();
  });
});
