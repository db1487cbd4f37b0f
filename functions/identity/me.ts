import type { Me } from '#shared/api/identity.ts';
import { localDateOf } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import type { Account } from '#functions/data/account-repository.ts';
import { listConsentsSignedBy } from '#functions/data/consent-repository.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { getSchoolReference, getYearStructure, yearOn } from '#functions/data/school-repository.ts';
import type { Principal } from '#functions/http/lib/principal.ts';
import { classNameOf } from './invite-scope.ts';

/**
 * «Мои данные»: the account, the person's relationships and contacts, and the consents about
 * them or signed by them. Works without a consent in force (it is where one sees that).
 * Reads: the person's partition (one Query), the consents they signed (one Query), the cached
 * year structure.
 */
export async function describeMe(principal: Principal, account: Account): Promise<Me> {
  const base = { userId: account.userId, login: account.login, displayName: account.displayName, roles: principal.roles };
  if (!account.personId) return { ...base, contactsVersion: 0, classTeacherOf: [], children: [], consents: [], hasConsent: false };
  const personId = account.personId;
  const [relations, signed, reference] = await Promise.all([getPersonWithRelations(personId), listConsentsSignedBy(personId), getSchoolReference()]);
  const today = localDateOf(Date.now(), functionEnv().SCHOOL_TIME_ZONE);
  const year = yearOn(reference, today) ?? reference.years.at(-1);
  const structure = year ? await getYearStructure(year.id) : undefined;
  const own = relations.consents.map((c) => ({
    id: c.consentId,
    forName: relations.person ? fullName(relations.person) : account.displayName,
    relation: 'self' as const,
    signedByName: c.signedByName ?? '',
    documentVersion: c.documentVersion,
    acceptedAt: c.acceptedAt,
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
    canWithdraw: c.signedById === personId && !c.withdrawnAt,
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
      .filter((c) => c.teacherId === personId)
      .map((c) => ({ classId: c.classId, className: classNameOf(c.classId) })),
    children: relations.children.map((c) => ({ studentId: c.studentId, name: fullName(c), className: classNameOf(c.classId) })),
    consents: [...own, ...forChildren].sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt)),
    hasConsent: relations.consents.some((c) => !c.withdrawnAt),
  };
}
