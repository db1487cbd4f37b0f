import { randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '#shared/domain/role.ts';
import { RATE_LIMITS } from '#shared/config/access-settings.ts';
import { CURRENT_CONSENT_VERSION } from '#shared/consent/documents.ts';
import { consentSchema } from '#shared/domain/consent.ts';
import { newId } from '#shared/domain/ids.ts';
import { normalizeInvitationCode } from '#shared/domain/invitation-code.ts';
import type { Person } from '#shared/domain/person.ts';
import { activeConsent, consentIsRepresentatives, mayConsentFor } from '#shared/domain/rules/consent.ts';
import { invitationCodeStatus } from '#shared/domain/rules/invitation.ts';
import { accountItem, endSessions, findAccountByLogin, getAccount, type Account } from '#functions/data/account-repository.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { consentItems, type StoredConsent } from '#functions/data/consent-repository.ts';
import { claimInvite, findInviteByHash, releaseInvite, type StoredInvite } from '#functions/data/invitation-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { queuedMailItem } from '#functions/data/mail-queue-repository.ts';
import { fullName, getPersonWithRelations, type ChildLine, type ConsentLine } from '#functions/data/people-repository.ts';
import { release, reserve, type RateKey, type Reservation } from '#functions/data/rate-limit-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { InviteCodeInvalidError, LoginTakenError, RateLimitedError, RefusedError, ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import type { RequestSource } from '#functions/lib/request-source.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';
import { boundaryPassed, sessionBoundary } from './account-status.ts';
import { getConsentText } from './consents.ts';
import { classNameOf } from './invite-scope.ts';
import { hashCode } from './invite-codes.ts';
import { addToGroups, createPoolUser, deletePoolUser, endPoolSessions, PasswordRefused, setPoolPassword } from './pool-users.ts';

/** How long one redemption may hold its code (pool calls and one transaction take well under a second). */
const CLAIM_MS = 60_000;

const passwordRefused = () =>
  new ValidationError(
    [{ path: 'body.password', message: 'Пароль не подходит' }],
    'Пароль не подходит: выберите другой (не короче 10 символов, с заглавной и строчной буквой, цифрой и знаком; не из ранее использованных).',
  );

type OpenCode = {
  invite: StoredInvite;
  person: Person;
  children: ChildLine[];
  consents: ConsentLine[];
  /** Attempts taken under the address and code limits, given back when the attempt succeeds. */
  reservation: Reservation;
};

function tooMany(retryAfter: number): RateLimitedError {
  return new RateLimitedError(retryAfter, `Слишком много неудачных попыток. Повторите через ${Math.max(1, Math.ceil(retryAfter / 60))} мин.`);
}

/** Takes one attempt under these limits (atomically: a parallel burst passes no more than the limit). */
async function attempt(limits: RateKey[]): Promise<Reservation> {
  const out = await reserve(limits);
  if ('retryAfter' in out) throw tooMany(out.retryAfter);
  return out.reservation;
}

/**
 * A code that may be redeemed now, with its person. Wrong, used, revoked and expired codes get
 * the same answer; each attempt is taken from the address's limit (and the code's, once it is
 * known) before it is tried, and given back only if it succeeds.
 */
async function openCode(text: string, source: RequestSource, nowIso: string): Promise<OpenCode> {
  const byAddress = await attempt([{ bucket: 'redeem-ip', key: source.ip, rule: RATE_LIMITS.redeemFailuresPerAddress }]);
  const canonical = normalizeInvitationCode(text);
  if (!canonical) throw new InviteCodeInvalidError();
  const codeHash = hashCode(canonical);
  const byCode = await attempt([{ bucket: 'redeem-code', key: codeHash, rule: RATE_LIMITS.redeemFailuresPerCode }]);
  const reservation = { taken: [...byAddress.taken, ...byCode.taken] };
  const invite = await findInviteByHash(codeHash);
  if (!invite || invitationCodeStatus(invite, nowIso) !== 'active') throw new InviteCodeInvalidError();
  const relations = await getPersonWithRelations(invite.personId, { consistent: true });
  if (!relations.person || relations.person.archivedAt) throw new InviteCodeInvalidError();
  return { invite, person: relations.person, children: relations.children, consents: relations.consents, reservation };
}

/** Who among the person and their children already has a consent in force (one Query per child). */
async function coveredByConsent(open: OpenCode, now: Date): Promise<Map<string, ConsentLine>> {
  const covered = new Map<string, ConsentLine>();
  const own = activeConsent(open.consents, open.person.id, now);
  if (own) covered.set(open.person.id, own);
  await Promise.all(
    open.children.map(async (c) => {
      const line = activeConsent((await getPersonWithRelations(c.studentId, { consistent: true })).consents, c.studentId, now);
      if (line) covered.set(c.studentId, line);
    }),
  );
  return covered;
}

/**
 * Whose consent the redeemer gives: their own — unless they are a minor student, whose consent is
 * a legal representative's — and, with a parent's code, each child they legally represent
 * (152-ФЗ ст. 9 ч. 6): a relative who follows the diary but is not a legal representative is not asked.
 */
function consentSubjects(open: OpenCode, today: string) {
  if (consentIsRepresentatives(open.person, today)) return [];
  return [
    { personId: open.person.id, name: fullName(open.person), relation: 'self' as const, kind: open.person.kind, className: undefined as string | undefined },
    ...(open.invite.roles.includes('parent')
      ? open.children
          .filter(mayConsentFor)
          .map((c) => ({ personId: c.studentId, name: fullName(c), relation: 'child' as const, kind: 'student' as const, className: classNameOf(c.classId) }))
      : []),
  ];
}

function noteOf(open: OpenCode): string | undefined {
  if (open.person.kind === 'staff') return open.person.position;
  if (open.person.kind === 'parent') return open.children.map((c) => `${c.firstName} (${classNameOf(c.classId)})`).join(', ') || undefined;
  return open.invite.scopeKey === 'staff' ? undefined : classNameOf(open.invite.scopeKey);
}

/** The account a code is redeemed for: none for an activation code, the person's own for a recovery code. */
async function accountFor(open: OpenCode): Promise<Account | undefined> {
  const existing = open.person.userId ? await getAccount(open.person.userId, { consistent: true }) : undefined;
  const purpose = open.invite.purpose ?? 'activation';
  // An activation code (from a class teacher, say) never touches an account made meanwhile; a
  // recovery code needs the account it was issued for. Both read as an unusable code.
  if ((purpose === 'activation') !== (existing === undefined)) throw new InviteCodeInvalidError();
  return existing;
}

export async function previewInviteCode(code: string, source: RequestSource, now = new Date()) {
  const open = await openCode(code, source, now.toISOString());
  const today = schoolToday(now);
  const existing = await accountFor(open);
  const subjects = consentSubjects(open, today);
  // Those already covered still show (as given), so the parent sees whom the account reaches.
  const covered = subjects.length > 0 ? await coveredByConsent(open, now) : new Map<string, ConsentLine>();
  const representative = consentIsRepresentatives(open.person, today) ? activeConsent(open.consents, open.person.id, now) : undefined;
  const note = noteOf(open);
  await release(open.reservation);
  return {
    personName: fullName(open.person),
    roles: open.invite.roles,
    ...(note ? { note } : {}),
    expiresAt: open.invite.expiresAt,
    ...(existing ? { existingLogin: existing.login } : {}),
    document: getConsentText(CURRENT_CONSENT_VERSION),
    consentFor: subjects.map((s) => ({ name: s.name, relation: s.relation, alreadyGiven: covered.has(s.personId) })),
    ...(representative?.signedByName ? { consentGivenBy: representative.signedByName } : {}),
    canRedeem: !consentIsRepresentatives(open.person, today) || Boolean(representative),
  };
}

type RedeemInput = { code: string; login: string; password: string; consent: { documentVersion: string } };

/**
 * Redeems a code. The code is first held for this one redemption (a lease: of two at the same
 * moment the other is answered as for a used code, before it creates anything). Then the pool:
 * a new user in the code's groups, or — a recovery code from the operator — the new password of
 * the existing account. Then one transaction: the code used (while still held), the account and
 * the person's link, the consents, a notice to the account's e-mail on recovery, and their audit
 * events. If anything fails before the commit, the user just made is deleted and the code let go.
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
    throw new ValidationError([{ path: 'body.consent.documentVersion', message: 'Текст согласия обновился' }], 'Текст согласия обновился. Прочитайте его ещё раз и примите.');
  }
  if (consentIsRepresentatives(open.person, today) && !activeConsent(open.consents, open.person.id, now)) {
    throw new RefusedError(
      'Согласие на обработку персональных данных несовершеннолетнего даёт его законный представитель. Попросите родителя активировать свой код и дать согласие, затем повторите.',
    );
  }
  const existing = await accountFor(open);
  if (existing?.status === 'disabled' && existing.disabledReason === 'operator') {
    throw new RefusedError('Учётная запись отключена оператором школы. Обратитесь к оператору.');
  }
  const login = existing?.login ?? input.login;
  if (!existing && (await findAccountByLogin(login))) throw new LoginTakenError();

  const claim = randomUUID();
  if (!(await claimInvite(open.invite.id, claim, at, new Date(now.getTime() + CLAIM_MS).toISOString()))) throw new InviteCodeInvalidError();
  let createdUserId: string | undefined;
  try {
    if (existing) await setPoolPassword(login, input.password);
    else createdUserId = await createPoolUser(login, fullName(open.person), input.password, open.invite.roles);
    const userId = existing?.userId ?? createdUserId!;
    await commitAudited({
      clientRequestId: `redeem-${open.invite.id}`,
      operation: 'redeemInviteCode',
      actor: { userId, personId: open.person.id, ...(open.invite.roles[0] ? { role: open.invite.roles[0] } : {}) },
      request: { code: open.invite.id, login },
      writes: [...(await redemptionWrites(open, { userId, login, existing, claim, at, now, today, source }))],
      result: null,
      now,
      // The claim ran out, or the account changed meanwhile: as for a code used by someone else.
      onConflict: () => new InviteCodeInvalidError(),
    });
  } catch (error) {
    if (createdUserId) await deletePoolUser(login);
    await releaseInvite(open.invite.id, claim);
    throw error instanceof PasswordRefused ? passwordRefused() : error;
  }
  await release(open.reservation);
  const roles = existing ? [...new Set([...existing.roles, ...open.invite.roles])] : open.invite.roles;
  if (existing) {
    // A new password ends the sessions of the old one (a lost or shared password); the answer
    // waits for the boundary, so signing in right after with the new password works.
    const boundary = sessionBoundary(now);
    await endSessions(existing.userId, boundary);
    await addToGroups(login, open.invite.roles.filter((r) => !existing.roles.includes(r)));
    await endPoolSessions(login);
    await boundaryPassed(boundary);
  }
  log.info('invite code redeemed', { roles: open.invite.roles, created: !existing });
  return { login, displayName: fullName(open.person), roles, created: !existing };
}

type Redemption = { userId: string; login: string; existing: Account | undefined; claim: string; at: string; now: Date; today: string; source: RequestSource };

/** The transaction's writes: the code used (while held), the account, the person's link, the consents, the recovery notice. */
async function redemptionWrites(open: OpenCode, r: Redemption): Promise<AuditedWrite[]> {
  const { userId, login, existing, at } = r;
  const writes: AuditedWrite[] = [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.inviteCode(open.invite.id),
          UpdateExpression: 'SET usedAt = :at, usedByUserId = :user, usedByLogin = :login REMOVE claimToken, claimUntil',
          ConditionExpression: 'claimToken = :claim AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at, ':user': userId, ':login': login, ':claim': r.claim },
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
    writes.push(...recoveryWrites(open, existing, r));
  }
  const signer = { id: open.person.id, name: fullName(open.person) };
  // Recorded for whoever has no consent in force yet; the others stay covered by theirs.
  const covered = await coveredByConsent(open, r.now);
  for (const subject of consentSubjects(open, r.today).filter((s) => !covered.has(s.personId))) {
    const stored: StoredConsent = {
      ...consentSchema.parse({
        id: newId('consent', r.now.getTime(), randomBytes(10)),
        personId: subject.personId,
        signedById: signer.id,
        documentVersion: CURRENT_CONSENT_VERSION,
        acceptedAt: at,
        source: { channel: 'online', ip: r.source.ip, userAgent: r.source.userAgent },
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
  return writes;
}

/**
 * A recovery (decision 19): the account records who recovered it and when — «Мои данные» shows it
 * to the holder — takes the code's roles beside its own (the operator may grant staff roles to
 * someone else, never to themselves), comes back if its consent had been withdrawn (the consent
 * is given now), and a notice goes to the holder's e-mail when the school has one.
 */
function recoveryWrites(open: OpenCode, existing: Account, r: Redemption): AuditedWrite[] {
  const roles = [...new Set([...existing.roles, ...open.invite.roles])];
  const reactivate = existing.status === 'disabled';
  const writes: AuditedWrite[] = [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.account(existing.userId),
          UpdateExpression: `SET #status = :active, #roles = :roles, recoveredAt = :at, recoveredByName = :by, version = version + :one${reactivate ? ' REMOVE disabledReason, disabledAt' : ''}`,
          // Not disabled by the operator meanwhile (that decision stands).
          ConditionExpression: 'attribute_exists(pk) AND (#status = :active OR disabledReason <> :operator)',
          ExpressionAttributeNames: { '#status': 'status', '#roles': 'roles' },
          ExpressionAttributeValues: { ':active': 'active', ':roles': roles, ':one': 1, ':at': r.at, ':by': open.invite.issuedByName, ':operator': 'operator' },
        },
      },
      audit: {
        entityType: 'account',
        entityKey: `ACCOUNT#${existing.userId}`,
        action: 'update',
        before: { status: existing.status, roles: existing.roles },
        after: { status: 'active', roles, reason: 'password recovered with a code', issuedBy: open.invite.issuedBy },
      },
    },
  ];
  const email = open.person.contacts?.email;
  if (email) {
    const { SCHOOL_NAME, WEB_URL } = functionEnv();
    writes.push({
      item: {
        Put: {
          TableName: tableName(),
          Item: queuedMailItem(
            {
              mailId: `recovery-${open.invite.id}`,
              to: [email],
              subject: `${SCHOOL_NAME}: пароль вашей учётной записи изменён`,
              text: [
                `Здравствуйте, ${fullName(open.person)}!`,
                '',
                `Пароль учётной записи «${existing.login}» в электронном журнале изменён ${r.at.slice(0, 10)} по пригласительному коду восстановления доступа, который выдал(а) ${open.invite.issuedByName}. Все прежние сеансы завершены.`,
                '',
                'Если пароль меняли не вы, сразу обратитесь к школьному оператору.',
                '',
                WEB_URL,
              ].join('\n'),
              purpose: 'account:recovered',
            },
            r.now,
          ),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    });
  }
  return writes;
}

/**
 * A retried redemption (the answer was lost) finds its code used: if it was used moments ago
 * for this very login, answer as the first time did rather than "invalid code".
 */
async function replayOf(input: RedeemInput, error: unknown) {
  if (!(error instanceof InviteCodeInvalidError)) return undefined;
  const canonical = normalizeInvitationCode(input.code);
  const invite = canonical ? await findInviteByHash(hashCode(canonical)) : undefined;
  if (!invite?.usedAt || invite.usedByLogin !== input.login || Date.now() - Date.parse(invite.usedAt) > 10 * 60_000) return undefined;
  const account: Account | undefined = invite.usedByUserId ? await getAccount(invite.usedByUserId, { consistent: true }) : undefined;
  if (!account) return undefined;
  return { login: account.login, displayName: account.displayName, roles: account.roles as Role[], created: (invite.purpose ?? 'activation') === 'activation' };
}
