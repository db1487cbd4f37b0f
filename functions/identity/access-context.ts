import type { AccessContext } from '#shared/authz/access-context.ts';
import { localDateOf } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import type { Account } from '#functions/data/account-repository.ts';
import { fullName, getPersonWithRelations } from '#functions/data/people-repository.ts';
import { getSchoolReference, getYearStructure, yearOn } from '#functions/data/school-repository.ts';
import type { Principal } from '#functions/http/lib/principal.ts';
import { HttpError } from '#functions/http/lib/http-error.ts';

/** Relationships change rarely; a request sees changes made more than this long ago. */
const CONTEXT_TTL_MS = 30_000;
const contexts = new Map<string, { at: number; value: Promise<AccessContext> }>();

/**
 * The caller's access context: their person's relationships and consents (one Query), and what
 * they teach from the cached year structure. Kept in memory briefly; the account itself (enabled,
 * sessions) was checked on this very request (live-session.ts).
 */
export function loadAccessContext(principal: Principal, account: Account, now = Date.now()): Promise<AccessContext> {
  const key = `${principal.userId}:${principal.roles.join(',')}`;
  const hit = contexts.get(key);
  if (hit && now - hit.at < CONTEXT_TTL_MS) return hit.value;
  const value = build(principal, account);
  contexts.set(key, { at: now, value });
  value.catch(() => contexts.delete(key));
  return value;
}

/** Forget cached contexts (tests; a function instance never needs to). */
export function forgetAccessContexts(): void {
  contexts.clear();
}

async function build(principal: Principal, account: Account): Promise<AccessContext> {
  if (!account.personId) {
    throw new HttpError('FORBIDDEN', { message: 'Учётная запись не связана со школой. Обратитесь к оператору.' });
  }
  const personId = account.personId;
  const [relations, reference] = await Promise.all([getPersonWithRelations(personId), getSchoolReference()]);
  // п. 3.1, 152-ФЗ: no data without a consent in force for this person (their own, or a parent's for a minor).
  if (!relations.consents.some((c) => c.withdrawnAt === undefined)) throw new HttpError('CONSENT_REQUIRED');
  const year = yearOn(reference, localDateOf(Date.now(), functionEnv().SCHOOL_TIME_ZONE)) ?? reference.years.at(-1);
  const structure = year ? await getYearStructure(year.id) : undefined;
  const today = localDateOf(Date.now(), functionEnv().SCHOOL_TIME_ZONE);
  const current = relations.enrollments.find((e) => e.from <= today && (!e.to || today <= e.to)) ?? relations.enrollments.at(-1);
  return {
    userId: principal.userId,
    personId,
    name: relations.person ? fullName(relations.person) : account.displayName,
    roles: principal.roles,
    teaches: (structure?.assignments ?? [])
      .filter((a) => a.teacherId === personId)
      .map((a) => ({ classId: a.classId, groupId: a.subgroupId ?? a.classId, subjectId: a.subjectId })),
    classTeacherOf: (structure?.classTeachers ?? []).filter((c) => c.teacherId === personId).map((c) => c.classId),
    children: relations.children.map((c) => ({ studentId: c.studentId, name: fullName(c), classId: c.classId, subgroupIds: c.subgroupIds })),
    ...(current ? { enrollment: { classId: current.classId, subgroupIds: current.subgroupIds } } : {}),
  };
}
