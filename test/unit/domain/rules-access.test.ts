import { describe, expect, it } from 'vitest';
import { activeConsent, ageOn, consentIsRepresentatives, invitationCodeStatus, mayConsentFor } from '#shared/domain/index.ts';
import { id, parent, student } from './fixtures.ts';

describe('п. 3.1: invitation codes', () => {
  const code = { expiresAt: '2026-09-15T00:00:00Z' };

  it('п. 3.1: status — active, expired at the expiry moment, used or revoked', () => {
    expect(invitationCodeStatus(code, '2026-09-14T23:59:59Z')).toBe('active');
    expect(invitationCodeStatus(code, '2026-09-15T00:00:00Z')).toBe('expired');
    expect(invitationCodeStatus({ ...code, usedAt: '2026-09-02T10:00:00Z' }, '2026-10-01T00:00:00Z')).toBe('used');
    expect(invitationCodeStatus({ ...code, revokedAt: '2026-09-02T10:00:00Z' }, '2026-09-03T00:00:00Z')).toBe('revoked');
  });
});

describe('п. 3.1: consent to personal-data processing (152-ФЗ)', () => {
  const consent = {
    id: id('consent'),
    personId: student,
    documentVersion: '2026-09',
    acceptedAt: '2026-09-01T08:00:00Z',
  };

  it('п. 3.1: access is refused without consent', () => {
    expect(activeConsent([], student, '2026-09-02T00:00:00Z')).toBeNull();
  });

  it('п. 3.1: a consent in force lets access through', () => {
    expect(activeConsent([consent], student, '2026-09-02T00:00:00Z')?.id).toBe(consent.id);
  });

  it('п. 3.1: not before it was given, not after withdrawal, not for someone else', () => {
    expect(activeConsent([consent], student, '2026-09-01T07:59:59Z')).toBeNull();
    expect(activeConsent([{ ...consent, withdrawnAt: '2026-10-01T00:00:00Z' }], student, '2026-10-01T00:00:00Z')).toBeNull();
    expect(activeConsent([{ ...consent, withdrawnAt: '2026-10-01T00:00:00Z' }], student, '2026-09-30T23:59:59Z')?.id).toBe(consent.id);
    expect(activeConsent([consent], parent, '2026-09-02T00:00:00Z')).toBeNull();
  });

  it('п. 3.1: a new text version needs a new consent', () => {
    expect(activeConsent([consent], student, '2027-01-01T00:00:00Z', '2027-01')).toBeNull();
    const renewed = { ...consent, id: id('consent', 2), documentVersion: '2027-01', acceptedAt: '2027-01-10T00:00:00Z' };
    expect(activeConsent([consent, renewed], student, '2027-02-01T00:00:00Z', '2027-01')?.id).toBe(renewed.id);
    expect(activeConsent([consent, renewed], student, '2027-02-01T00:00:00Z')?.id).toBe(renewed.id);
  });
});

describe('152-ФЗ ст. 9 ч. 6: a minor’s consent comes from a legal representative', () => {
  it('full years: the day before the 18th birthday is 17', () => {
    expect(ageOn('2008-12-07', '2026-12-06')).toBe(17);
    expect(ageOn('2008-12-06', '2026-12-06')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });

  it('a student under 18, or without a birth date, is consented for; an adult student and staff consent themselves', () => {
    expect(consentIsRepresentatives({ kind: 'student', birthDate: '2015-03-14' }, '2026-12-06')).toBe(true);
    expect(consentIsRepresentatives({ kind: 'student' }, '2026-12-06')).toBe(true);
    expect(consentIsRepresentatives({ kind: 'student', birthDate: '2008-12-06' }, '2026-12-06')).toBe(false);
    expect(consentIsRepresentatives({ kind: 'parent' }, '2026-12-06')).toBe(false);
  });

  it('only a guardianship recorded as legal representation may consent for the child', () => {
    expect(mayConsentFor({ legalRepresentative: true })).toBe(true);
    expect(mayConsentFor({ legalRepresentative: false })).toBe(false);
    // Lines written before the flag existed carry the schema's default: a legal representative.
    expect(mayConsentFor({})).toBe(true);
  });
});
