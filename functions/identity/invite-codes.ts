import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy, type InviteeResource } from '#shared/authz/policy.ts';
import type { Role } from '#shared/domain/role.ts';
import type { InviteScope } from '#shared/api/invitations.ts';
import { INVITE_CODE_DEFAULT_DAYS } from '#shared/config/access-settings.ts';
import { newId } from '#shared/domain/ids.ts';
import { invitationCodeFromBytes, invitationCodeSchema } from '#shared/domain/invitation-code.ts';
import { invitationCodeStatus } from '#shared/domain/rules/invitation.ts';
import { personSchema, type Person } from '#shared/domain/person.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { getInvite, getLiveCodes, getRegister, inviteItems, liveCodeItem, type StoredInvite } from '#functions/data/invitation-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { fullName, getClassFamilies, getStaff, peopleLinks, personItem } from '#functions/data/people-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ConflictError, NotFoundError, RefusedError, ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';
import { scopeKeyOf, scopeOfKey, scopeTitle } from './invite-scope.ts';

/** sha256 of the canonical code text: the only form a code is kept in. */
export const hashCode = (canonical: string) => createHash('sha256').update(canonical).digest('hex');

/**
 * Invitees per transaction: per person a code, its audit event and the pointer from its hash, the
 * pointer to their live code, and an earlier code revoked (and audited) or a new person (and
 * audited) — 6 items, ×12 = 72 with the idempotency record.
 */
const INVITEES_PER_TRANSACTION = 12;

type Candidate = { personId: string; name: string; kind: 'staff' | 'student' | 'parent'; note?: string; roles: Role[] };

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
      .map((p) => ({ personId: p.id, name: fullName(p), kind: 'staff' as const, ...(p.position ? { note: p.position } : {}), roles: ['teacher'] as Role[] }));
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
  purpose: i.purpose ?? ('activation' as const),
  issuedById: i.issuedBy,
  issuedByName: i.issuedByName,
  issuedAt: i.issuedAt,
  expiresAt: i.expiresAt,
  status: invitationCodeStatus(i, now),
  ...(i.usedAt ? { usedAt: i.usedAt } : {}),
  ...(i.revokedAt ? { revokedAt: i.revokedAt } : {}),
});

export async function listInvitees(ctx: AccessContext, scope: InviteScope, log: Logger, now = new Date()) {
  enforce(policy.listInvitees(ctx, scope), ctx, log);
  const [people, register] = await Promise.all([candidatesOf(scope, schoolToday(now)), getRegister(scopeKeyOf(scope))]);
  const links = await peopleLinks(people.map((p) => p.personId));
  const at = now.toISOString();
  return {
    scope,
    title: scopeTitle(scope),
    people: people.map((p) => {
      const codes = register.filter((r) => r.personId === p.personId);
      const link = links.get(p.personId);
      const state = link?.hasAccount ? 'account' : codes.some((c) => invitationCodeStatus(c, at) === 'active') ? 'invited' : 'none';
      return { ...p, state: state as 'account' | 'invited' | 'none', ...(link ? { contacts: link.contacts, contactsVersion: link.contactsVersion } : {}) };
    }),
  };
}

export async function listInviteCodes(ctx: AccessContext, scope: InviteScope, log: Logger, now = new Date()) {
  enforce(policy.listInviteCodes(ctx, scope), ctx, log);
  const register = await getRegister(scopeKeyOf(scope));
  return { scope, title: scopeTitle(scope), entries: register.map((i) => toEntry(i, now.toISOString())) };
}

type NewStaff = { lastName: string; firstName: string; middleName?: string | undefined; position?: string | undefined };
type IssueInput = {
  clientRequestId: string;
  scope: InviteScope;
  invitees: ({ personId: string; roles: Role[] } | { newStaff: NewStaff; roles: Role[] })[];
  validDays?: number | undefined;
};

const revokeWrite = (codeId: string, by: string, at: string): AuditedWrite => ({
  item: {
    Update: {
      TableName: tableName(),
      Key: keys.inviteCode(codeId),
      UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeValues: { ':at': at, ':by': by },
    },
  },
  audit: { entityType: 'invitation-code', entityKey: `INVITE#${codeId}`, action: 'update', before: { status: 'active' }, after: { status: 'revoked', reason: 'reissued' } },
});

/**
 * Issues codes (п. 3.1). Each invitee is looked up in the register's own people, and whether
 * they already have an account is read from their profile as it is now; the policy then decides
 * on what the database says (a code for an existing account resets its password: the operator's
 * in-person recovery, never the class teacher's, never one's own). A person has one live code:
 * the earlier one is revoked and the pointer to the live code moves, in the same transaction, on
 * condition that it still points where it did — two issuers at the same moment get one success
 * and one conflict. The code text is returned once and never stored: a replayed request answers
 * with the entries but without the texts.
 */
export async function issueInviteCodes(ctx: AccessContext, input: IssueInput, log: Logger, now = new Date()) {
  const at = now.toISOString();
  const people = await candidatesOf(input.scope, schoolToday(now));
  const chosen = input.invitees.flatMap((inv) => ('personId' in inv ? [inv.personId] : []));
  if (new Set(chosen).size !== chosen.length) throw new ValidationError([{ path: 'body.invitees', message: 'Один человек указан дважды' }]);
  const [links, live] = await Promise.all([peopleLinks(chosen, { consistent: true }), getLiveCodes(chosen)]);
  const resolved = input.invitees.map((inv) => {
    if ('newStaff' in inv) {
      const resource: InviteeResource = { kind: input.scope.kind === 'staff' ? 'staff' : 'unknown', roles: inv.roles, hasAccount: false };
      return { inv, candidate: undefined, resource };
    }
    const candidate = people.find((p) => p.personId === inv.personId);
    const resource: InviteeResource = {
      kind: candidate?.kind ?? 'unknown',
      personId: inv.personId,
      roles: inv.roles,
      hasAccount: links.get(inv.personId)?.hasAccount ?? false,
    };
    return { inv, candidate, resource };
  });
  enforce(policy.issueInviteCodes(ctx, { scope: input.scope, invitees: resolved.map((r) => r.resource) }), ctx, log);

  const expiresAt = new Date(now.getTime() + (input.validDays ?? INVITE_CODE_DEFAULT_DAYS) * 86_400_000).toISOString();
  const scopeKey = scopeKeyOf(input.scope);
  const issued: { entry: ReturnType<typeof toEntry>; code: string }[] = [];
  const chunks: AuditedWrite[][] = [];
  let writes: AuditedWrite[] = [];
  resolved.forEach(({ inv, candidate, resource }, n) => {
    const code = invitationCodeFromBytes(randomBytes(8));
    const codeId = newId('invitationCode', now.getTime(), randomBytes(10));
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
      writes.push(
        {
          item: { Put: { TableName: tableName(), Item: personItem(created), ConditionExpression: 'attribute_not_exists(pk)' } },
          audit: { entityType: 'person', entityKey: `PERSON#${created.id}`, action: 'create', before: null, after: { kind: 'staff', name: fullName(created) } },
        },
        { item: { Put: { TableName: tableName(), Item: liveCodeItem(created.id, codeId), ConditionExpression: 'attribute_not_exists(pk)' } } },
      );
      person = { id: created.id, name: fullName(created), note: created.position };
    } else {
      person = { id: candidate!.personId, name: candidate!.name, note: candidate!.note };
      const previous = live.get(person.id);
      if (previous && invitationCodeStatus(previous, at) === 'active') writes.push(revokeWrite(previous.id, ctx.personId, at));
      writes.push({
        item: {
          Put: {
            TableName: tableName(),
            Item: liveCodeItem(person.id, codeId),
            // Still pointing where it did when read: a code issued meanwhile by someone else wins.
            ConditionExpression: previous ? 'codeId = :seen' : 'attribute_not_exists(pk)',
            ...(previous ? { ExpressionAttributeValues: { ':seen': previous.id } } : {}),
          },
        },
      });
    }
    const invite: StoredInvite = {
      ...invitationCodeSchema.parse({
        id: codeId,
        codeHash: hashCode(code),
        roles: inv.roles,
        scopeKey,
        personId: person.id,
        purpose: resource.hasAccount ? 'recovery' : 'activation',
        issuedBy: ctx.personId,
        issuedAt: at,
        expiresAt,
      }),
      personName: person.name,
      issuedByName: ctx.name,
      ...(person.note ? { note: person.note } : {}),
    };
    const [entry, byHash] = inviteItems(invite);
    writes.push({ item: { Put: { TableName: tableName(), Item: byHash, ConditionExpression: 'attribute_not_exists(pk)' } } });
    writes.push({
      item: { Put: { TableName: tableName(), Item: entry, ConditionExpression: 'attribute_not_exists(pk)' } },
      audit: {
        entityType: 'invitation-code',
        entityKey: `INVITE#${invite.id}`,
        action: 'create',
        before: null,
        after: { personId: invite.personId, roles: invite.roles, purpose: invite.purpose, scope: scopeKey, expiresAt },
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
  for (const [i, chunk] of chunks.entries()) {
    const entries = issued.slice(i * INVITEES_PER_TRANSACTION, (i + 1) * INVITEES_PER_TRANSACTION).map((x) => x.entry);
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
      onConflict: () => new ConflictError('Коды этого человека только что изменились. Обновите страницу и повторите.'),
    });
    if (out.replayed) {
      replayed = true;
      issued.splice(i * INVITEES_PER_TRANSACTION, out.result.length, ...out.result.map((entry) => ({ entry, code: '' })));
    }
  }
  log.info('invite codes issued', { scope: input.scope.kind, count: issued.length, replayed });
  return { codes: issued.map((x) => ({ ...x.entry, ...(x.code ? { code: x.code } : {}) })), replayed };
}

export async function revokeInviteCode(ctx: AccessContext, codeId: string, clientRequestId: string, log: Logger, now = new Date()) {
  const invite = await getInvite(codeId);
  if (!invite) throw new NotFoundError('Такого кода нет.');
  // Decided on the register the stored code is in, never on anything in the request.
  enforce(policy.revokeInviteCode(ctx, scopeOfKey(invite.scopeKey)), ctx, log);
  const at = now.toISOString();
  const state = invitationCodeStatus(invite, at);
  if (state === 'revoked') return toEntry(invite, at);
  if (state !== 'active') throw new RefusedError(state === 'used' ? 'Код уже использован: отзывать нечего.' : 'Срок действия кода уже истёк.');
  const write = revokeWrite(codeId, ctx.personId, at);
  write.audit = { ...write.audit!, after: { status: 'revoked' } };
  await commitAudited({
    clientRequestId,
    operation: 'revokeInviteCode',
    actor: { userId: ctx.userId, personId: ctx.personId },
    request: { codeId },
    writes: [write],
    result: null,
    now,
    // Used or revoked meanwhile: the answer below shows the code as it is now.
    onConflict: () => new ConflictError('Код только что изменился. Обновите страницу.'),
  }).catch((error: unknown) => {
    if (!(error instanceof ConflictError)) throw error;
  });
  const current = await getInvite(codeId);
  return toEntry(current ?? invite, at);
}
