/**
 * Invitation codes: the register pages (`#/invitations`, `#/invitations/staff`,
 * `#/invitations/<classId>`), the slips printed once, and the labels of the register. Pure.
 */
import type { z } from 'zod';
import type {
  inviteRegisterEntrySchema,
  inviteRegisterSchema,
  inviteScopeSchema,
  inviteStatusSchema,
  inviteeCandidateSchema,
  issuedInviteCodeSchema,
} from '#shared/api/invitations.ts';
import { INVITE_CODE_DEFAULT_DAYS } from '#shared/config/access-settings.ts';
import { formatInstantDateTime } from './format.ts';
import { apiPath, type JournalRef } from './journal.ts';
import type { Role } from './roles.ts';

export type InviteScope = z.output<typeof inviteScopeSchema>;
export type InviteStatus = z.output<typeof inviteStatusSchema>;
export type InviteRegisterEntry = z.output<typeof inviteRegisterEntrySchema>;
export type InviteRegister = z.output<typeof inviteRegisterSchema>;
export type IssuedInviteCode = z.output<typeof issuedInviteCodeSchema>;
export type InviteeCandidate = z.output<typeof inviteeCandidateSchema>;
export type StaffRole = Extract<Role, 'director' | 'coordinator' | 'operator' | 'teacher'>;
export type InvitePurpose = InviteRegisterEntry['purpose'];

/** The route segment of the staff register: `#/invitations/staff`. */
export const STAFF_SEGMENT = 'staff';

export const STAFF_ROLES: readonly StaffRole[] = ['director', 'coordinator', 'operator', 'teacher'];

/** How long a new code is valid: the choices offered, the default first in the API's eyes. */
export const VALIDITY_OPTIONS: readonly number[] = [7, 14, 30];
export const DEFAULT_VALID_DAYS = INVITE_CODE_DEFAULT_DAYS;

export const STATUS_LABELS: Record<InviteStatus, string> = {
  active: 'активен',
  used: 'использован',
  expired: 'истёк',
  revoked: 'отозван',
};

export const STATE_LABELS: Record<InviteeCandidate['state'], string> = {
  account: 'есть учётная запись',
  invited: 'код выдан',
  none: 'нет',
};

/**
 * What a code is for: making the account (activation), or setting a new password for the
 * account a person already has — the operator's in-person recovery (decision 19).
 */
export const PURPOSE_LABELS: Record<InvitePurpose, string> = {
  activation: 'активация',
  recovery: 'восстановление доступа',
};

/** The heading of a printed slip. */
export const SLIP_KINDS: Record<InvitePurpose, string> = {
  activation: 'Пригласительный код',
  recovery: 'Код восстановления доступа к учётной записи',
};

/** Why the class teacher is not offered people who have an account (the API refuses them that code). */
export const RECOVERY_BY_OPERATOR =
  'У кого уже есть учётная запись, тем код здесь не выдаётся: восстановить доступ к учётной записи (например, если забыт пароль) может только школьный оператор.';

/**
 * Whether the page offers a code for this person: to someone with an account a code sets a new
 * password, and only the operator issues that (recovery); the class teacher makes accounts only.
 * Nobody is offered a code for themselves (the API refuses it: another operator issues it).
 */
export function canIssueTo(person: Pick<InviteeCandidate, 'state' | 'personId'>, canRecover: boolean, selfPersonId?: string): boolean {
  if (selfPersonId !== undefined && person.personId === selfPersonId) return false;
  return person.state !== 'account' || canRecover;
}

/** The scope of a route segment: `staff` or a class id. */
export function scopeOf(segment: string): InviteScope {
  return segment === STAFF_SEGMENT ? { kind: 'staff' } : { kind: 'class', classId: segment };
}

/** The query of listInviteCodes and listInvitees. */
export function scopeQuery(scope: InviteScope): Record<string, string> {
  return scope.kind === 'staff' ? { scope: 'staff' } : { scope: 'class', classId: scope.classId };
}

export function inviteCodesPath(scope: InviteScope): string {
  return apiPath(['invite-codes'], scopeQuery(scope));
}

export function inviteesPath(scope: InviteScope): string {
  return apiPath(['invitees'], scopeQuery(scope));
}

export type ClassRef = { classId: string; className: string; grade: number };

/** Distinct classes of the journals, by grade then name («5А» before «5Б» before «10А»). */
export function classesOf(journals: readonly Pick<JournalRef, 'classId' | 'className' | 'grade'>[]): ClassRef[] {
  const byId = new Map<string, ClassRef>();
  for (const j of journals) if (!byId.has(j.classId)) byId.set(j.classId, { classId: j.classId, className: j.className, grade: j.grade });
  return [...byId.values()].sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'ru'));
}

/** Classes from `me.classTeacherOf` (no grade there): the grade is the leading number of the name. */
export function ledClasses(classTeacherOf: readonly { classId: string; className: string }[]): ClassRef[] {
  return classesOf(classTeacherOf.map((c) => ({ ...c, grade: Number.parseInt(c.className, 10) || 0 })));
}

/** The status cell: «использован 03.09.2026», «отозван», … */
export function statusText(entry: Pick<InviteRegisterEntry, 'status'>): string {
  return STATUS_LABELS[entry.status];
}

/** The address a slip sends people to: the site itself with the activation route. */
export function activationUrl(location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}#/activate`;
}

/** A confirm text when some of the chosen people already have an account or an active code. */
export function reissueWarning(people: readonly Pick<InviteeCandidate, 'name' | 'state'>[]): string | null {
  const withAccount = people.filter((p) => p.state === 'account').map((p) => p.name);
  const invited = people.filter((p) => p.state === 'invited').map((p) => p.name);
  const parts: string[] = [];
  if (withAccount.length > 0) {
    parts.push(
      `Уже есть учётная запись: ${withAccount.join(', ')}. Код выдаётся для восстановления доступа: при его активации человек задаст новый пароль (логин прежний), прежний пароль перестанет действовать, сеансы на всех устройствах завершатся.`,
    );
  }
  if (invited.length > 0) {
    parts.push(`Уже выдан действующий код: ${invited.join(', ')}. Прежний код будет отозван.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The text of the «issue» button for the chosen people. */
export function issueButtonText(people: readonly Pick<InviteeCandidate, 'state'>[]): string {
  if (people.length === 0) return 'Выдать коды';
  const recovery = people.filter((p) => p.state === 'account').length;
  const total = `Выдать коды (${people.length})`;
  return recovery > 0 ? `${total}, из них для восстановления доступа — ${recovery}` : total;
}

/**
 * «Мои данные»: the password was last set with a recovery code — when, and who issued the code,
 * so that a recovery the holder did not ask for is noticed.
 */
export function lastRecoveryText(lastRecovery: { at: string; issuedByName: string }, offsetMinutes?: number): string {
  const when = formatInstantDateTime(lastRecovery.at, offsetMinutes).replace(', ', ' в ');
  return `Пароль последний раз установлен по коду восстановления ${when}, код выдал(а) ${lastRecovery.issuedByName}. Если это были не вы — обратитесь к школьному оператору.`;
}

/** A new staff member as typed, trimmed; optional parts dropped when empty. */
export function newStaffMember(input: { lastName: string; firstName: string; middleName: string; position: string }): {
  lastName: string;
  firstName: string;
  middleName?: string;
  position?: string;
} {
  const middleName = input.middleName.trim();
  const position = input.position.trim();
  return {
    lastName: input.lastName.trim(),
    firstName: input.firstName.trim(),
    ...(middleName ? { middleName } : {}),
    ...(position ? { position } : {}),
  };
}

/** The register, newest issue first (the API's order is kept for equal times). */
export function sortRegister(entries: readonly InviteRegisterEntry[]): InviteRegisterEntry[] {
  return [...entries].sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : 0));
}
