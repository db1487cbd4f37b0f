import type { AccessContext, Principal } from '#shared/authz/access-context.ts';
import { orderChildren } from '#shared/domain/children-order.ts';
import { activeConsent } from '#shared/domain/rules/consent.ts';
import type { Account } from '#functions/data/account-repository.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { getSchoolReference, getYearStructure } from '#functions/data/school-repository.ts';
import { ConsentRequiredError, ForbiddenError } from '#functions/lib/errors.ts';
import { currentAcademicYear, schoolToday } from '#functions/lib/school-clock.ts';

/** Relationships change rarely; a request sees changes made more than this long ago. */
const CONTEXT_TTL_MS = 30_000;
const contexts = new Map<string, { at: number; value: Promise<AccessContext> }>();

/**
 * The caller's access context, built once per request by the HTTP layer and handed to the
 * service: their person's relationships and consents (one Query), and what they teach and which
 * classes they lead this year, with the dates of each, from the cached year structure. Kept in
 * memory briefly (decision 14); the account itself (enabled, sessions) was checked on this very
 * request (live-session.ts).
 */
export function loadAccessContext(principal: Principal, account: Account, now = Date.now()): Promise<AccessContext> {
  const key = `${principal.userId}:${principal.roles.join(',')}`;
  const hit = contexts.get(key);
  if (hit && now - hit.at < CONTEXT_TTL_MS) return hit.value;
  const value = build(principal, account, now);
  contexts.set(key, { at: now, value });
  value.catch(() => contexts.delete(key));
  return value;
}

async function build(principal: Principal, account: Account, now: number): Promise<AccessContext> {
  if (!account.personId) throw new ForbiddenError('Учётная запись не связана со школой. Обратитесь к оператору.');
  const personId = account.personId;
  const [relations, reference] = await Promise.all([getPersonWithRelations(personId), getSchoolReference()]);
  // п. 3.1, 152-ФЗ: no data without a consent in force for this person (their own, or a parent's for a minor).
  if (!activeConsent(relations.consents, personId, now)) throw new ConsentRequiredError();
  const today = schoolToday(now);
  const year = currentAcademicYear(reference.years, today);
  const structure = year ? await getYearStructure(year.id) : undefined;
  const current = relations.enrollments.find((e) => e.from <= today && (!e.to || today <= e.to)) ?? relations.enrollments.at(-1);
  return {
    userId: principal.userId,
    personId,
    name: relations.person ? fullName(relations.person) : account.displayName,
    roles: principal.roles,
    today,
    teaches: (structure?.assignments ?? [])
      .filter((a) => a.teacherId === personId)
      .map((a) => ({ classId: a.classId, subgroupId: a.subgroupId, groupId: a.subgroupId ?? a.classId, subjectId: a.subjectId, from: a.from, to: a.to })),
    classTeacherOf: (structure?.classTeachers ?? []).filter((c) => c.teacherId === personId).map((c) => ({ classId: c.classId, from: c.from, to: c.to })),
    // One order of the children everywhere (listMyChildren, the child switch): by grade, then name.
    children: orderChildren(
      relations.children.map((c) => ({
        studentId: c.studentId,
        name: fullName(c),
        classId: c.classId,
        subgroupIds: c.subgroupIds,
        legalRepresentative: c.legalRepresentative !== false,
      })),
    ),
    ...(current ? { enrollment: { classId: current.classId, subgroupIds: current.subgroupIds } } : {}),
  };
}
