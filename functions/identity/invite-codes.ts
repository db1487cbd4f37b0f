import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy, type InviteeResource } from '#shared/authz/policy.ts';
import type { Role } from '#shared/api/identity.ts';
import type { InviteScope } from '#shared/api/invitations.ts';
import { INVITE_CODE_DEFAULT_DAYS } from '#shared/config/access-settings.ts';
import { newId } from '#shared/domain/ids.ts';
import { localDateOf } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { invitationCodeFromBytes, invitationCodeSchema } from '#shared/domain/invitation-code.ts';
import { personSchema, type Person } from '#shared/domain/person.ts';
import { commitAudited, IdempotencyKeyReused, WriteConflict, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { getInvite, getRegister, inviteItem, inviteState, type StoredInvite } from '#functions/data/invitation-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { fullName, getClassFamilies, getStaff, peopleLinks, personItem, type PersonLink } from '#functions/data/people-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/http/lib/authorize.ts';
import { HttpError } from '#functions/http/lib/http-error.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { scopeKeyOf, scopeOfKey, scopeTitle } from './invite-scope.ts';

/** sha256 of the canonical code text: the only form a code is kept in. */
export const hashCode = (canonical: string) => createHash('sha256').update(canonical).digest('hex');

/** Invitees per transaction: a code, its audit event, perhaps a revoked earlier code and a new person, each audited. */
const INVITEES_PER_TRANSACTION = 12;

type Candidate = { personId: string; name: string; kind: 'staff' | 'student' | 'parent'; note?: string; roles: Role[]; link?: PersonLink };

/**
 * Everyone a register may issue codes to, read from the database (never from the request):
 * a class's current students and their parents (one Query of the class partition), or the
 * staff (one Query of the staff index).
 */
async function candidatesOf(scope: InviteScope, today: string): Promise<Candidate[]> {
  if (scope.kind === 'staff') {
    const staff = await getStaff();
    return staff
      .filter((p) => !p.archivedAt)
      .map((p) => ({
        personId: p.id,
        name: fullName(p),
        kind: 'staff' as const,
        ...(p.position ? { note: p.position } : {}),
        roles: ['teacher'] as Role[],
        link: { hasAccount: Boolean(p.userId), contacts: p.contacts, contactsVersion: p.contactsVersion ?? 0 },
      }));
  }
  const { students, parents } = await getClassFamilies(scope.classId);
  const current = students.filter((s) => !s.to || s.to >= today);
  const currentIds = new Set(current.map((s) => s.studentId));
  const byParent = new Map<string, Candidate & { children: string[] }>();
  for (const line of parents) {
    if (!currentIds.has(line.studentId)) continue;
    const child = current.find((s) => s.studentId === line.studentId)!;
    const childName = `${child.lastName} ${child.firstName}`;
    const existing = byParent.get(line.parentId);
    if (existing) existing.children.push(childName);
    else byParent.set(line.parentId, { personId: line.parentId, name: fullName(line), kind: 'parent', children: [childName], roles: ['parent'] });
  }
  return [
    ...current.map((s) => ({ personId: s.studentId, name: fullName(s), kind: 'student' as const, roles: ['student'] as Role[] })),
    ...[...byParent.values()].map(({ children, ...p }) => ({ ...p, note: `${children.length > 1 ? 'дети' : 'ребёнок'}: ${children.join(', ')}` })),
  ];
}

const toEntry = (i: StoredInvite, now: string) => ({
  id: i.id,
  personId: i.personId,
  personName: i.personName,
  ...(i.note ? { note: i.note } : {}),
  roles: i.roles,
  issuedById: i.issuedBy,
  issuedByName: i.issuedByName,
  issuedAt: i.issuedAt,
  expiresAt: i.expiresAt,
  status: inviteState(i, now),
  ...(i.usedAt ? { usedAt: i.usedAt } : {}),
  ...(i.revokedAt ? { revokedAt: i.revokedAt } : {}),
});

/** The school's date (who is in a class today), not UTC's. */
const today = (now: Date) => localDateOf(now.getTime(), functionEnv().SCHOOL_TIME_ZONE);

export async function listInvitees(ctx: AccessContext, scope: InviteScope, log: Logger, now = new Date()) {
  enforce(policy.listInvitees(ctx, scope), ctx, log);
  const [people, register] = await Promise.all([candidatesOf(scope, today(now)), getRegister(scopeKeyOf(scope))]);
  // Staff profiles came whole from the staff index; a class's people need their profiles' links.
  const links = scope.kind === 'staff' ? new Map(people.map((p) => [p.personId, p.link!])) : await peopleLinks(people.map((p) => p.personId));
  const at = now.toISOString();
  return {
    scope,
    title: scopeTitle(scope),
    people: people.map((p) => {
      const codes = register.filter((r) => r.personId === p.personId);
      const link = links.get(p.personId);
      const state = link?.hasAccount ? 'account' : codes.some((c) => inviteState(c, at) === 'active') ? 'invited' : 'none';
      const { link: _, ...candidate } = p;
      return {
        ...candidate,
        state: state as 'account' | 'invited' | 'none',
        ...(link ? { contacts: link.contacts, contactsVersion: link.contactsVersion } : {}),
      };
    }),
  };
}

export async function listInviteCodes(ctx: AccessContext, scope: InviteScope, log: Logger, now = new Date()) {
  enforce(policy.listInviteCodes(ctx, scope), ctx, log);
  const register = await getRegister(scopeKeyOf(scope));
  return { scope, title: scopeTitle(scope), entries: register.map((i) => toEntry(i, now.toISOString())) };
}

type IssueInput = {
  clientRequestId: string;
  scope: InviteScope;
  invitees: ({ personId: string; roles: Role[] } | { newStaff: { lastName: string; firstName: string; middleName?: string | undefined; position?: string | undefined }; roles: Role[] })[];
  validDays?: number | undefined;
};

/**
 * Issues codes (п. 3.1). Each invitee is looked up in the register's own people; the policy then
 * decides on what the database says they are. A person's earlier unused code is revoked in the
 * same transaction, so one person never holds two live codes. The code text is returned once
 * and never stored: a replayed request answers with the entries but without the texts.
 */
export async function issueInviteCodes(ctx: AccessContext, input: IssueInput, log: Logger, now = new Date()) {
  const at = now.toISOString();
  const [people, register] = await Promise.all([candidatesOf(input.scope, today(now)), getRegister(scopeKeyOf(input.scope))]);
  const resolved = input.invitees.map((inv) => {
    if ('newStaff' in inv) return { inv, candidate: undefined, resource: { kind: input.scope.kind === 'staff' ? 'staff' : 'unknown', roles: inv.roles } as InviteeResource };
    const candidate = people.find((p) => p.personId === inv.personId);
    return { inv, candidate, resource: { kind: candidate?.kind ?? 'unknown', roles: inv.roles } as InviteeResource };
  });
  enforce(policy.issueInviteCodes(ctx, { scope: input.scope, invitees: resolved.map((r) => r.resource) }), ctx, log);
  const personIds = resolved.flatMap((r) => (r.candidate ? [r.candidate.personId] : []));
  if (new Set(personIds).size !== personIds.length) {
    throw new HttpError('VALIDATION_FAILED', { fields: [{ path: 'body.invitees', message: 'Один человек указан дважды' }] });
  }

  const expiresAt = new Date(now.getTime() + (input.validDays ?? INVITE_CODE_DEFAULT_DAYS) * 86_400_000).toISOString();
  const scopeKey = scopeKeyOf(input.scope);
  const issued: { entry: ReturnType<typeof toEntry>; code: string }[] = [];
  const chunks: AuditedWrite[][] = [];
  let writes: AuditedWrite[] = [];
  resolved.forEach(({ inv, candidate }, n) => {
    let person: { id: string; name: string; note?: string | undefined };
    if ('newStaff' in inv) {
      const created: Person = personSchema.parse({
        id: newId('person', now.getTime(), randomBytes(10)),
        kind: 'staff',
        lastName: inv.newStaff.lastName,
        firstName: inv.newStaff.firstName,
        ...(inv.newStaff.middleName ? { middleName: inv.newStaff.middleName } : {}),
        ...(inv.newStaff.position ? { position: inv.newStaff.position } : {}),
        contacts: {},
      });
      writes.push({
        item: { Put: { TableName: tableName(), Item: personItem(created), ConditionExpression: 'attribute_not_exists(pk)' } },
        audit: { entityType: 'person', entityKey: `PERSON#${created.id}`, action: 'create', before: null, after: { kind: 'staff', name: fullName(created) } },
      });
      person = { id: created.id, name: fullName(created), note: created.position };
    } else {
      person = { id: candidate!.personId, name: candidate!.name, note: candidate!.note };
      for (const old of register.filter((r) => r.personId === person.id && inviteState(r, at) === 'active')) {
        writes.push({
          item: {
            Update: {
              TableName: tableName(),
              Key: keys.inviteCode(old.id),
              UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
              ExpressionAttributeValues: { ':at': at, ':by': ctx.personId },
            },
          },
          audit: { entityType: 'invitation-code', entityKey: `INVITE#${old.id}`, action: 'update', before: { status: 'active' }, after: { status: 'revoked', reason: 'reissued' } },
        });
      }
    }
    const code = invitationCodeFromBytes(randomBytes(8));
    const invite: StoredInvite = {
      ...invitationCodeSchema.parse({
        id: newId('invitationCode', now.getTime(), randomBytes(10)),
        codeHash: hashCode(code),
        roles: inv.roles,
        scopeKey,
        personId: person.id,
        issuedBy: ctx.personId,
        issuedAt: at,
        expiresAt,
      }),
      personName: person.name,
      issuedByName: ctx.name,
      ...(person.note ? { note: person.note } : {}),
    };
    writes.push({
      item: { Put: { TableName: tableName(), Item: inviteItem(invite), ConditionExpression: 'attribute_not_exists(pk)' } },
      audit: {
        entityType: 'invitation-code',
        entityKey: `INVITE#${invite.id}`,
        action: 'create',
        before: null,
        after: { personId: invite.personId, roles: invite.roles, scope: scopeKey, expiresAt },
      },
    });
    issued.push({ entry: toEntry(invite, at), code });
    if ((n + 1) % INVITEES_PER_TRANSACTION === 0) {
      chunks.push(writes);
      writes = [];
    }
  });
  if (writes.length > 0) chunks.push(writes);

  let replayed = false;
  const perChunk = INVITEES_PER_TRANSACTION;
  for (const [i, chunk] of chunks.entries()) {
    const entries = issued.slice(i * perChunk, (i + 1) * perChunk).map((x) => x.entry);
    try {
      const out = await commitAudited({
        clientRequestId: i === 0 ? input.clientRequestId : `${input.clientRequestId}#${i}`,
        operation: 'issueInviteCodes',
        actor: { userId: ctx.userId, personId: ctx.personId, role: ctx.roles.includes('operator') ? 'operator' : 'teacher' },
        // The request as asked (not the random codes), so a retry is recognised.
        request: { scope: input.scope, invitees: input.invitees, validDays: input.validDays ?? null },
        writes: chunk,
        // Stored for a retry: the entries, never the code texts.
        result: entries,
        now,
      });
      if (out.replayed) {
        replayed = true;
        const stored = out.result;
        issued.splice(i * perChunk, stored.length, ...stored.map((entry) => ({ entry, code: '' })));
      }
    } catch (error) {
      if (error instanceof IdempotencyKeyReused) throw new HttpError('IDEMPOTENCY_KEY_REUSED');
      if (error instanceof WriteConflict) throw new HttpError('CONFLICT', { message: 'Коды этого человека только что изменились. Обновите страницу и повторите.' });
      throw error;
    }
  }
  log.info('invite codes issued', { scope: input.scope.kind, count: issued.length, replayed });
  return { codes: issued.map((x) => ({ ...x.entry, ...(x.code ? { code: x.code } : {}) })), replayed };
}

export async function revokeInviteCode(ctx: AccessContext, codeId: string, clientRequestId: string, log: Logger, now = new Date()) {
  const invite = await getInvite(codeId);
  if (!invite) throw new HttpError('NOT_FOUND', { message: 'Такого кода нет.' });
  // Decided on the register the stored code is in, never on anything in the request.
  enforce(policy.revokeInviteCode(ctx, scopeOfKey(invite.scopeKey)), ctx, log);
  const at = now.toISOString();
  const state = inviteState(invite, at);
  if (state === 'revoked') return toEntry(invite, at);
  if (state !== 'active') throw new HttpError('RULE_VIOLATED', { message: state === 'used' ? 'Код уже использован: отзывать нечего.' : 'Срок действия кода уже истёк.' });
  try {
    await commitAudited({
      clientRequestId,
      operation: 'revokeInviteCode',
      actor: { userId: ctx.userId, personId: ctx.personId },
      request: { codeId },
      writes: [
        {
          item: {
            Update: {
              TableName: tableName(),
              Key: keys.inviteCode(codeId),
              UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
              ExpressionAttributeValues: { ':at': at, ':by': ctx.personId },
            },
          },
          audit: { entityType: 'invitation-code', entityKey: `INVITE#${codeId}`, action: 'update', before: { status: 'active' }, after: { status: 'revoked' } },
        },
      ],
      result: null,
      now,
    });
  } catch (error) {
    if (error instanceof IdempotencyKeyReused) throw new HttpError('IDEMPOTENCY_KEY_REUSED');
    if (!(error instanceof WriteConflict)) throw error;
  }
  const current = await getInvite(codeId);
  return toEntry(current ?? invite, at);
}
