import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Role } from '#shared/api/identity.ts';
import { RATE_LIMITS } from '#shared/config/access-settings.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { localDateOf } from '#shared/domain/dates.ts';
import { CURRENT_CONSENT_VERSION } from '#shared/consent/documents.ts';
import { getConsentText } from './consents.ts';
import { consentSchema } from '#shared/domain/consent.ts';
import { newId } from '#shared/domain/ids.ts';
import { normalizeInvitationCode } from '#shared/domain/invitation-code.ts';
import type { Person } from '#shared/domain/person.ts';
import { accountItem, endSessions, findAccountByLogin, getAccount, type Account } from '#functions/data/account-repository.ts';
import { sessionBoundary } from './account-status.ts';
import { commitAudited, WriteConflict, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { consentItems, type StoredConsent } from '#functions/data/consent-repository.ts';
import { findInviteByHash, inviteState, type StoredInvite } from '#functions/data/invitation-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { fullName, getPersonWithRelations, type ChildLine, type ConsentLine } from '#functions/data/people-repository.ts';
import { blockedFor, countFailure, type RateKey } from '#functions/data/rate-limit-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { HttpError } from '#functions/http/lib/http-error.ts';
import type { RequestSource } from '#functions/http/lib/request-source.ts';
import { cognito } from '#functions/lib/aws-clients.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { classNameOf } from './invite-scope.ts';
import { hashCode } from './invite-codes.ts';

const ADULT_AGE = 18;

/** Limits that apply to this address and, once the code is known, to this code. */
function rateKeys(source: RequestSource, codeHash?: string): RateKey[] {
  return [
    { bucket: 'redeem-ip', key: source.ip, rule: RATE_LIMITS.redeemFailuresPerAddress },
    ...(codeHash ? [{ bucket: 'redeem-code', key: codeHash, rule: RATE_LIMITS.redeemFailuresPerCode }] : []),
  ];
}

async function refuseIfBlocked(limits: RateKey[]): Promise<void> {
  const wait = await blockedFor(limits);
  if (wait !== undefined) {
    const minutes = Math.max(1, Math.ceil(wait / 60));
    throw new HttpError('RATE_LIMITED', {
      message: `Слишком много неудачных попыток. Повторите через ${minutes} мин.`,
      headers: { 'retry-after': String(wait) },
    });
  }
}

/** Counts a failed attempt against the address (and the code), then throws the error. */
async function fail(limits: RateKey[], error: HttpError): Promise<never> {
  await countFailure(limits);
  throw error;
}

type OpenCode = {
  invite: StoredInvite;
  codeHash: string;
  person: Person;
  children: ChildLine[];
  consents: ConsentLine[];
  limits: RateKey[];
};

/**
 * A code that may be redeemed now, with its person. Wrong, used, revoked and expired codes get
 * the same answer, and each such attempt counts against the address.
 */
async function openCode(text: string, source: RequestSource, nowIso: string): Promise<OpenCode> {
  const byAddress = rateKeys(source);
  await refuseIfBlocked(byAddress);
  const canonical = normalizeInvitationCode(text);
  if (!canonical) return fail(byAddress, new HttpError('INVITE_CODE_INVALID'));
  const codeHash = hashCode(canonical);
  const limits = rateKeys(source, codeHash);
  await refuseIfBlocked(limits);
  const invite = await findInviteByHash(codeHash);
  if (!invite || inviteState(invite, nowIso) !== 'active') return fail(limits, new HttpError('INVITE_CODE_INVALID'));
  const relations = await getPersonWithRelations(invite.personId);
  if (!relations.person || relations.person.archivedAt) return fail(limits, new HttpError('INVITE_CODE_INVALID'));
  return { invite, codeHash, person: relations.person, children: relations.children, consents: relations.consents, limits };
}

function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** A minor student's consent is given by a parent (152-ФЗ ст. 9 ч. 6), not at their own redemption. */
const needsParentConsent = (person: Person, today: string) =>
  person.kind === 'student' && (!person.birthDate || ageOn(person.birthDate, today) < ADULT_AGE);

const inForce = (consents: readonly ConsentLine[]) => consents.find((c) => c.withdrawnAt === undefined);

/** Who among the person and their children already has a consent in force (one Query per child). */
async function coveredByConsent(open: OpenCode): Promise<Map<string, ConsentLine>> {
  const covered = new Map<string, ConsentLine>();
  const own = inForce(open.consents);
  if (own) covered.set(open.person.id, own);
  await Promise.all(
    open.children.map(async (c) => {
      const line = inForce((await getPersonWithRelations(c.studentId)).consents);
      if (line) covered.set(c.studentId, line);
    }),
  );
  return covered;
}

/** Whose consent the redeemer is asked for: themselves, and a parent's children. */
function consentSubjects(open: OpenCode, today: string) {
  if (needsParentConsent(open.person, today)) return [];
  return [
    { personId: open.person.id, name: fullName(open.person), relation: 'self' as const, kind: open.person.kind, className: undefined as string | undefined },
    ...(open.invite.roles.includes('parent')
      ? open.children.map((c) => ({ personId: c.studentId, name: fullName(c), relation: 'child' as const, kind: 'student' as const, className: classNameOf(c.classId) }))
      : []),
  ];
}

function noteOf(open: OpenCode): string | undefined {
  if (open.person.kind === 'staff') return open.person.position;
  if (open.person.kind === 'parent') return open.children.map((c) => `${c.firstName} (${classNameOf(c.classId)})`).join(', ') || undefined;
  return open.invite.scopeKey === 'staff' ? undefined : classNameOf(open.invite.scopeKey);
}

const schoolToday = (now: Date) => localDateOf(now.getTime(), functionEnv().SCHOOL_TIME_ZONE);

export async function previewInviteCode(code: string, source: RequestSource, now = new Date()) {
  const open = await openCode(code, source, now.toISOString());
  const today = schoolToday(now);
  const existing = open.person.userId ? await getAccount(open.person.userId) : undefined;
  const subjects = consentSubjects(open, today);
  // Those already covered still show (as given), so the parent sees whom the account reaches.
  const covered = subjects.length > 0 ? await coveredByConsent(open) : new Map<string, ConsentLine>();
  const parentConsent = needsParentConsent(open.person, today) ? inForce(open.consents) : undefined;
  const note = noteOf(open);
  return {
    personName: fullName(open.person),
    roles: open.invite.roles,
    ...(note ? { note } : {}),
    expiresAt: open.invite.expiresAt,
    ...(existing ? { existingLogin: existing.login } : {}),
    document: getConsentText(CURRENT_CONSENT_VERSION),
    consentFor: subjects.map((s) => ({
      name: s.name,
      relation: s.relation,
      alreadyGiven: covered.has(s.personId),
    })),
    ...(parentConsent?.signedByName ? { consentGivenBy: parentConsent.signedByName } : {}),
    canRedeem: !needsParentConsent(open.person, today) || parentConsent !== undefined,
  };
}

type RedeemInput = { code: string; login: string; password: string; consent: { documentVersion: string } };

/**
 * Redeems a code: checks it, creates the user in the pool (or, for a person who already has an
 * account, sets the new password — the school's way to recover a forgotten one), then commits in
 * one transaction: the code used (conditionally: a concurrent redemption loses), the account and
 * the person's link to it, the consents, and their audit events. If that transaction fails, the
 * user just created is deleted again.
 */
export async function redeemInviteCode(input: RedeemInput, source: RequestSource, log: Logger, now = new Date()) {
  const at = now.toISOString();
  const today = schoolToday(now);
  let open: OpenCode;
  try {
    open = await openCode(input.code, source, at);
  } catch (error) {
    const replay = await replayOf(input, error);
    if (replay) return replay;
    throw error;
  }
  // The consent accepted must be the text in force: a page opened before a new version was published reads it again.
  if (input.consent.documentVersion !== CURRENT_CONSENT_VERSION) {
    throw new HttpError('VALIDATION_FAILED', {
      message: 'Текст согласия обновился. Прочитайте его ещё раз и примите.',
      fields: [{ path: 'body.consent.documentVersion', message: 'Текст согласия обновился' }],
    });
  }
  if (needsParentConsent(open.person, today) && !inForce(open.consents)) {
    return fail(
      open.limits,
      new HttpError('RULE_VIOLATED', {
        message: 'Согласие на обработку персональных данных несовершеннолетнего даёт родитель. Попросите родителя активировать свой код и дать согласие, затем повторите.',
      }),
    );
  }

  const { USER_POOL_ID: UserPoolId } = functionEnv();
  const existing = open.person.userId ? await getAccount(open.person.userId) : undefined;
  if (existing?.status === 'disabled' && existing.disabledReason === 'operator') {
    return fail(open.limits, new HttpError('RULE_VIOLATED', { message: 'Учётная запись отключена оператором школы. Обратитесь к оператору.' }));
  }
  const login = existing?.login ?? input.login;
  let createdUserId: string | undefined;
  if (!existing) {
    if (await findAccountByLogin(login)) return fail(open.limits, new HttpError('LOGIN_TAKEN'));
    createdUserId = await createPoolUser(UserPoolId, login, fullName(open.person), input.password, open.invite.roles, open.limits);
  } else {
    await setPassword(UserPoolId, login, input.password, open.limits);
  }
  const userId = existing?.userId ?? createdUserId!;

  const writes: AuditedWrite[] = [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.inviteCode(open.invite.id),
          UpdateExpression: 'SET usedAt = :at, usedByUserId = :user, usedByLogin = :login',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND validUntil > :at',
          ExpressionAttributeValues: { ':at': at, ':user': userId, ':login': login },
        },
      },
      audit: { entityType: 'invitation-code', entityKey: `INVITE#${open.invite.id}`, action: 'update', before: { status: 'active' }, after: { status: 'used', userId } },
    },
  ];
  if (!existing) {
    writes.push(
      {
        item: {
          Put: {
            TableName: tableName(),
            Item: accountItem({ userId, login, displayName: fullName(open.person), personId: open.person.id, roles: open.invite.roles }, at),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        audit: { entityType: 'account', entityKey: `ACCOUNT#${userId}`, action: 'create', before: null, after: { login, roles: open.invite.roles, personId: open.person.id } },
      },
      {
        item: {
          Update: {
            TableName: tableName(),
            Key: keys.person(open.person.id),
            UpdateExpression: 'SET userId = :user',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(userId)',
            ExpressionAttributeValues: { ':user': userId },
          },
        },
      },
    );
  } else {
    // The code's roles join the account's (a teacher who becomes coordinator gets a code for both);
    // an account disabled because its consent was withdrawn comes back with the consent given now.
    const roles = [...new Set([...existing.roles, ...open.invite.roles])];
    const reactivate = existing.status === 'disabled';
    if (reactivate || roles.length !== existing.roles.length) {
      writes.push({
        item: {
          Update: {
            TableName: tableName(),
            Key: keys.account(userId),
            UpdateExpression: `SET #status = :active, #roles = :roles, version = version + :one${reactivate ? ' REMOVE disabledReason, disabledAt' : ''}`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeNames: { '#status': 'status', '#roles': 'roles' },
            ExpressionAttributeValues: { ':active': 'active', ':roles': roles, ':one': 1, ':version': existing.version },
          },
        },
        audit: {
          entityType: 'account',
          entityKey: `ACCOUNT#${userId}`,
          action: 'update',
          before: { status: existing.status, roles: existing.roles },
          after: { status: 'active', roles, reason: reactivate ? 'new consent' : 'roles added by a code' },
        },
      });
    }
  }
  const signer = { id: open.person.id, name: fullName(open.person) };
  // Recorded for whoever has no consent in force yet; the others stay covered by theirs.
  const covered = await coveredByConsent(open);
  for (const subject of consentSubjects(open, today).filter((s) => !covered.has(s.personId))) {
    const stored: StoredConsent = {
      ...consentSchema.parse({
        id: newId('consent', now.getTime(), randomBytes(10)),
        personId: subject.personId,
        signedById: signer.id,
        documentVersion: CURRENT_CONSENT_VERSION,
        acceptedAt: at,
        source: { channel: 'online', ip: source.ip, userAgent: source.userAgent },
      }),
      personName: subject.name,
      personKind: subject.kind,
      ...(subject.className ? { className: subject.className } : {}),
      signedByName: signer.name,
    };
    const [primary, line] = consentItems(stored);
    writes.push(
      {
        item: { Put: { TableName: tableName(), Item: primary!, ConditionExpression: 'attribute_not_exists(pk)' } },
        audit: { entityType: 'consent', entityKey: `CONSENT#${stored.id}`, action: 'create', before: null, after: { personId: subject.personId, signedById: signer.id, version: CURRENT_CONSENT_VERSION } },
      },
      { item: { Put: { TableName: tableName(), Item: line!, ConditionExpression: 'attribute_not_exists(pk)' } } },
    );
  }

  try {
    await commitAudited({
      clientRequestId: `redeem-${open.invite.id}`,
      operation: 'redeemInviteCode',
      actor: { userId, personId: open.person.id, ...(open.invite.roles[0] ? { role: open.invite.roles[0] } : {}) },
      request: { code: open.invite.id, login },
      writes,
      result: null,
      now,
    });
  } catch (error) {
    if (createdUserId) await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: login })).catch(() => undefined);
    if (error instanceof WriteConflict) throw new HttpError('INVITE_CODE_INVALID');
    throw error;
  }
  if (existing) {
    // A new password ends the sessions of the old one (a lost or shared password).
    await endSessions(userId, sessionBoundary(now));
    for (const role of open.invite.roles.filter((r) => !existing.roles.includes(r))) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: login, GroupName: role }));
    }
    await cognito.send(new AdminEnableUserCommand({ UserPoolId, Username: login }));
    await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: login }));
  }
  log.info('invite code redeemed', { roles: open.invite.roles, created: !existing });
  const roles = existing ? [...new Set([...existing.roles, ...open.invite.roles])] : open.invite.roles;
  return { login, displayName: fullName(open.person), roles, created: !existing };
}

/**
 * A retried redemption (the answer was lost) finds its code used: if it was used moments ago
 * for this very login, answer as the first time did rather than "invalid code".
 */
async function replayOf(input: RedeemInput, error: unknown) {
  if (!(error instanceof HttpError) || error.code !== 'INVITE_CODE_INVALID') return undefined;
  const canonical = normalizeInvitationCode(input.code);
  const invite = canonical ? await findInviteByHash(hashCode(canonical)) : undefined;
  if (!invite?.usedAt || invite.usedByLogin !== input.login || Date.now() - Date.parse(invite.usedAt) > 10 * 60_000) return undefined;
  const account: Account | undefined = invite.usedByUserId ? await getAccount(invite.usedByUserId) : undefined;
  if (!account) return undefined;
  return { login: account.login, displayName: account.displayName, roles: invite.roles, created: true };
}

async function createPoolUser(UserPoolId: string, login: string, name: string, password: string, roles: Role[], limits: RateKey[]): Promise<string> {
  try {
    await cognito.send(
      new AdminCreateUserCommand({ UserPoolId, Username: login, UserAttributes: [{ Name: 'name', Value: name }], MessageAction: 'SUPPRESS' }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'UsernameExistsException') return fail(limits, new HttpError('LOGIN_TAKEN'));
    throw error;
  }
  try {
    await setPassword(UserPoolId, login, password, limits);
    for (const role of roles) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: login, GroupName: role }));
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username: login }));
    const sub = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error('user pool returned no sub');
    return sub;
  } catch (error) {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: login })).catch(() => undefined);
    throw error;
  }
}

async function setPassword(UserPoolId: string, login: string, password: string, limits: RateKey[]): Promise<void> {
  try {
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: login, Password: password, Permanent: true }));
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidPasswordException') {
      return fail(
        limits,
        new HttpError('VALIDATION_FAILED', {
          message: 'Пароль не подходит: выберите другой (не короче 10 символов, с заглавной и строчной буквой, цифрой и знаком; не из ранее использованных).',
          fields: [{ path: 'body.password', message: 'Пароль не подходит' }],
        }),
      );
    }
    throw error;
  }
}
