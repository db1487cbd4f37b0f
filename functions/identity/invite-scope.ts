import { classDisplayName } from '#shared/domain/school-class.ts';
import { parseClassId } from '#shared/domain/ids.ts';
import type { InviteScope } from '#shared/api/invitations.ts';
import { STAFF_SCOPE } from '#functions/data/invitation-repository.ts';
import { ValidationError } from '#functions/lib/errors.ts';

/** The register key of a scope: the class id, or `staff`. */
export const scopeKeyOf = (scope: InviteScope) => (scope.kind === 'class' ? scope.classId : STAFF_SCOPE);

export function scopeOfKey(scopeKey: string): InviteScope {
  return scopeKey === STAFF_SCOPE ? { kind: 'staff' } : { kind: 'class', classId: scopeKey };
}

/** «5А» from a class id (the id carries grade and letter: no read needed). */
export function classNameOf(classId: string): string {
  const parsed = parseClassId(classId);
  return parsed ? classDisplayName(parsed.grade, parsed.letter) : classId;
}

export function scopeTitle(scope: InviteScope): string {
  return scope.kind === 'staff' ? 'Сотрудники' : `${classNameOf(scope.classId)} класс`;
}

/** From the list query (`scope=class&classId=…`). */
export function scopeFromQuery(q: { scope: 'class' | 'staff'; classId?: string | undefined }): InviteScope {
  if (q.scope === 'staff') return { kind: 'staff' };
  if (!q.classId) throw new ValidationError([{ path: 'query.classId', message: 'Укажите класс' }]);
  return { kind: 'class', classId: q.classId };
}
