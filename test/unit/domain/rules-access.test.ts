import { describe, expect, it } from 'vitest';
import {
  activeConsent,
  checkConsent,
  checkInvitationIssuer,
  invitationCodeStatus,
  mayIssueInvitation,
} from '#shared/domain/index.ts';
import { id, parent, student } from './fixtures.ts';

describe('п. 3.1: invitation codes', () => {
  const code = { expiresAt: '2026-09-15T00:00:00Z' };

  it('п. 3.1: status — active, expired at the expiry moment, used or revoked', () => {
    expect(invitationCodeStatus(code, '2026-09-14T23:59:59Z')).toBe('active');
    expect(invitationCodeStatus(code, '2026-09-15T00:00:00Z')).toBe('expired');
    expect(invitationCodeStatus({ ...code, usedAt: '2026-09-02T10:00:00Z' }, '2026-10-01T00:00:00Z')).toBe('used');
    expect(invitationCodeStatus({ ...code, revokedAt: '2026-09-02T10:00:00Z' }, '2026-09-03T00:00:00Z')).toBe('revoked');
  });

  it('п. 3.1: the operator issues staff codes; a class teacher cannot', () => {
    expect(mayIssueInvitation({ targetRole: 'teacher', issuerRoles: ['operator'], issuerIsClassTeacher: false })).toBe(true);
    expect(mayIssueInvitation({ targetRole: 'coordinator', issuerRoles: ['teacher'], issuerIsClassTeacher: true })).toBe(false);
    expect(checkInvitationIssuer({ targetRole: 'teacher', issuerRoles: ['teacher'], issuerIsClassTeacher: true })?.message).toBe(
      'Пригласительные коды сотрудникам выдаёт школьный оператор (п. 3.1 Положения).',
    );
  });

  it('п. 3.1: parents and students get codes from their class teacher (or the operator)', () => {
    expect(mayIssueInvitation({ targetRole: 'parent', issuerRoles: ['teacher'], issuerIsClassTeacher: true })).toBe(true);
    expect(mayIssueInvitation({ targetRole: 'student', issuerRoles: ['operator'], issuerIsClassTeacher: false })).toBe(true);
    expect(mayIssueInvitation({ targetRole: 'student', issuerRoles: ['teacher'], issuerIsClassTeacher: false })).toBe(false);
    expect(checkInvitationIssuer({ targetRole: 'parent', issuerRoles: ['teacher'], issuerIsClassTeacher: false })?.code).toBe(
      'INVITATION_ISSUER_NOT_ALLOWED',
    );
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
    const v = checkConsent([], student, '2026-09-02T00:00:00Z');
    expect(v?.code).toBe('CONSENT_REQUIRED');
    expect(v?.message).toBe('Нет согласия на обработку персональных данных (152-ФЗ): доступ к данным невозможен (п. 3.1 Положения).');
  });

  it('п. 3.1: a consent in force lets access through', () => {
    expect(checkConsent([consent], student, '2026-09-02T00:00:00Z')).toBeNull();
    expect(activeConsent([consent], student, '2026-09-02T00:00:00Z')?.id).toBe(consent.id);
  });

  it('п. 3.1: not before it was given, not after withdrawal, not for someone else', () => {
    expect(checkConsent([consent], student, '2026-09-01T07:59:59Z')?.code).toBe('CONSENT_REQUIRED');
    expect(checkConsent([{ ...consent, withdrawnAt: '2026-10-01T00:00:00Z' }], student, '2026-10-01T00:00:00Z')?.code).toBe('CONSENT_REQUIRED');
    expect(checkConsent([consent], parent, '2026-09-02T00:00:00Z')?.code).toBe('CONSENT_REQUIRED');
  });

  it('п. 3.1: a new text version needs a new consent', () => {
    expect(checkConsent([consent], student, '2027-01-01T00:00:00Z', '2027-01')?.details).toEqual({ requiredVersion: '2027-01' });
    const renewed = { ...consent, id: id('consent', 2), documentVersion: '2027-01', acceptedAt: '2027-01-10T00:00:00Z' };
    expect(activeConsent([consent, renewed], student, '2027-02-01T00:00:00Z', '2027-01')?.id).toBe(renewed.id);
    expect(activeConsent([consent, renewed], student, '2027-02-01T00:00:00Z')?.id).toBe(renewed.id);
  });
});
