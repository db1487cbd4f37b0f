import type { Me } from '#shared/api/identity.ts';
import type { Principal } from '#shared/authz/access-context.ts';
import { orderChildren } from '#shared/domain/children-order.ts';
import { ADULT_AGE, ageOn } from '#shared/domain/rules/consent.ts';
import type { Account } from '#functions/data/account-repository.ts';
import { listConsentsSignedBy } from '#functions/data/consent-repository.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
import { currentAcademicYear, schoolToday } from '#functions/lib/school-clock.ts';
import { classNameOf } from './invite-scope.ts';

/**
 * «Мои данные»: the account, the person's relationships and contacts, and the consents about
 * them or signed by them. Works without a consent in force (it is where one sees that).
 * Reads: the person's partition (one Query), the consents they signed (one Query), the cached
 * year structure.
 */
export async function describeMe(principal: Principal, account: Account): Promise<Me> {
  const base = {
    userId: account.userId,
    login: account.login,
    displayName: account.displayName,
    roles: principal.roles,
    ...(account.recoveredAt ? { lastRecovery: { at: account.recoveredAt, issuedByName: account.recoveredByName ?? '' } } : {}),
  };
  if (!account.personId) return { ...base, contactsVersion: 0, classTeacherOf: [], children: [], consents: [], hasConsent: false };
  const personId = account.personId;
  const [relations, signed, reference] = await Promise.all([getPersonWithRelations(personId), listConsentsSignedBy(personId), getSchoolReference()]);
  const today = schoolToday();
  const year = currentAcademicYear(reference.years, today);
  const adult = Boolean(relations.person?.birthDate && ageOn(relations.person.birthDate, today) >= ADULT_AGE);
  const structure = year ? await getYearStructure(year.id) : undefined;
  const own = relations.consents.map((c) => ({
    id: c.consentId,
    forName: relations.person ? fullName(relations.person) : account.displayName,
    relation: 'self' as const,
    signedByName: c.signedByName ?? '',
    documentVersion: c.documentVersion,
    acceptedAt: c.acceptedAt,
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
    // The signer, or the person themselves once an adult (a student who came of age).
    canWithdraw: !c.withdrawnAt && (c.signedById === personId || adult),
  }));
  const forChildren = signed
    .filter((c) => c.personId !== personId)
    .map((c) => ({
      id: c.id,
      forName: c.personName,
      relation: 'child' as const,
      signedByName: c.signedByName,
      documentVersion: c.documentVersion,
      acceptedAt: c.acceptedAt,
      ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
      canWithdraw: !c.withdrawnAt,
    }));
  const contacts = relations.person?.contacts;
  return {
    ...base,
    personId,
    ...(relations.person ? { displayName: fullName(relations.person) } : {}),
    ...(contacts && (contacts.email || contacts.phone) ? { contacts } : {}),
    contactsVersion: relations.person?.contactsVersion ?? 0,
    classTeacherOf: (structure?.classTeachers ?? [])
      .filter((c) => c.teacherId === personId && (!c.from || c.from <= today) && (!c.to || today <= c.to))
      .map((c) => ({ classId: c.classId, className: classNameOf(c.classId) })),
    children: orderChildren(relations.children.map((c) => ({ studentId: c.studentId, name: fullName(c), classId: c.classId }))).map((c) => ({
      studentId: c.studentId,
      name: c.name,
      className: classNameOf(c.classId),
    })),
    consents: [...own, ...forChildren].sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt)),
    hasConsent: relations.consents.some((c) => !c.withdrawnAt),
  };
}
