import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { CURRENT_CONSENT_VERSION, consentDocument } from '#shared/consent/documents.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { ADULT_AGE, ageOn } from '#shared/domain/rules/consent.ts';
import { getAccount } from '#functions/data/account-repository.ts';
import { commitAudited, type AuditedWrite } from '#functions/data/audited-transaction.ts';
import { getConsent, listConsentRegister, type StoredConsent } from '#functions/data/consent-repository.ts';
import { keys } from '#functions/data/keys.ts';
import { getPerson } from '#functions/data/people-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { ConflictError, NotFoundError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { schoolToday } from '#functions/lib/school-clock.ts';
import { boundaryPassed, disableInPool, disableWrite, sessionBoundary } from './account-status.ts';

export function getConsentText(version: string | undefined) {
  const doc = consentDocument(version ?? CURRENT_CONSENT_VERSION, functionEnv().SCHOOL_NAME);
  if (!doc) throw new NotFoundError('Такой версии текста согласия нет.');
  return { ...doc, paragraphs: [...doc.paragraphs] };
}

export const toConsentEntry = (c: StoredConsent) => ({
  id: c.id,
  personId: c.personId,
  personName: c.personName,
  personKind: c.personKind,
  ...(c.className ? { className: c.className } : {}),
  signedById: c.signedById,
  signedByName: c.signedByName,
  documentVersion: c.documentVersion,
  acceptedAt: c.acceptedAt,
  channel: c.source.channel,
  from: c.source.channel === 'online' ? `${c.source.ip}, ${c.source.userAgent || 'браузер не указан'}` : `бумажная форма № ${c.source.documentRef}`,
  ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
  ...(c.withdrawnByName ? { withdrawnByName: c.withdrawnByName } : {}),
});

export async function listConsents(ctx: AccessContext, page: { cursor?: string | undefined; limit: number }, log: Logger) {
  enforce(policy.listConsents(ctx), ctx, log);
  const { consents, nextCursor } = await listConsentRegister({ limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  return { entries: consents.map(toConsentEntry), ...(nextCursor ? { nextCursor } : {}) };
}

/**
 * Withdrawal (152-ФЗ ст. 9 ч. 2): the consent and its copy on the person are marked withdrawn and
 * the person's account is disabled, in one transaction; the account's sessions end at once. The
 * consent record itself is kept as proof of what was agreed and when (docs/personal-data.md).
 */
export async function withdrawConsent(ctx: AccessContext, consentId: string, clientRequestId: string, log: Logger, now = new Date()) {
  const consent = await getConsent(consentId);
  if (!consent) throw new NotFoundError('Такого согласия нет.');
  const person = await getPerson(consent.personId, { consistent: true });
  // A student who came of age decides about their own data, whoever consented for them as a child.
  const subjectIsAdult = Boolean(person?.birthDate && ageOn(person.birthDate, schoolToday(now)) >= ADULT_AGE);
  enforce(policy.withdrawConsent(ctx, { signedById: consent.signedById, personId: consent.personId, subjectIsAdult }), ctx, log);
  if (consent.withdrawnAt) return toConsentEntry(consent);
  const at = now.toISOString();
  const account = person?.userId ? await getAccount(person.userId, { consistent: true }) : undefined;
  const writes: AuditedWrite[] = [
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.consent(consentId),
          UpdateExpression: 'SET withdrawnAt = :at, withdrawnBy = :by, withdrawnByName = :name',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(withdrawnAt)',
          ExpressionAttributeValues: { ':at': at, ':by': ctx.personId, ':name': ctx.name },
        },
      },
      audit: { entityType: 'consent', entityKey: `CONSENT#${consentId}`, action: 'update', before: { withdrawnAt: null }, after: { withdrawnAt: at } },
    },
    {
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.consentOnPerson(consent.personId, consentId),
          UpdateExpression: 'SET withdrawnAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        },
      },
    },
  ];
  if (person) {
    // Contacts serve notifications only, which need the consent: they go with it.
    writes.push({
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.person(person.id),
          UpdateExpression: 'SET contacts = :none',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':none': {} },
        },
      },
      audit: { entityType: 'person', entityKey: `PERSON#${person.id}`, action: 'update', before: { contacts: 'set' }, after: { contacts: 'removed on consent withdrawal' } },
    });
  }
  if (account && account.status === 'active') writes.push(disableWrite(account, 'consent-withdrawn', now));
  await commitAudited({
    clientRequestId,
    operation: 'withdrawConsent',
    actor: { userId: ctx.userId, personId: ctx.personId, ...(ctx.roles.includes('operator') ? { role: 'operator' as const } : {}) },
    request: { consentId },
    writes,
    result: null,
    now,
    onConflict: () => new ConflictError('Согласие или учётная запись только что изменились. Обновите страницу и проверьте.'),
  });
  if (account) {
    await disableInPool(account.login);
    await boundaryPassed(sessionBoundary(now));
  }
  log.info('consent withdrawn', { by: ctx.personId === consent.signedById ? 'signer' : 'operator' });
  return toConsentEntry((await getConsent(consentId))!);
}
