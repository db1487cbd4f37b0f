import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { notificationSettingsViewSchema, unsubscribePreviewSchema } from '#shared/api/notifications.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { defaultNotificationSettings, NOTIFICATION_TOPICS, type EmailMode, type NotificationSettings } from '#shared/domain/notification.ts';
import { commitAudited } from '#functions/data/audited-transaction.ts';
import { keys } from '#functions/data/keys.ts';
import { getRecipientFacts, getSettingsItem, settingsItem } from '#functions/data/notification-repository.ts';
import { getSchoolReference } from '#functions/data/school-repository.ts';
import { tableName } from '#functions/data/table.ts';
import { enforce } from '#functions/lib/authorize.ts';
import { AppError, ConflictError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { readUnsubscribeToken } from './unsubscribe-link.ts';

type View = z.input<typeof notificationSettingsViewSchema>;

async function schoolDefaults(): Promise<NotificationSettings> {
  return (await getSchoolReference()).settings?.notificationDefaults ?? defaultNotificationSettings();
}

/** «Настройки уведомлений»: the caller's own choice, or the school's; and where e-mail goes. One Query. */
export async function getMyNotificationSettings(ctx: AccessContext, log: Logger): Promise<View> {
  enforce(policy.getNotificationSettings(ctx), ctx, log);
  const [facts, defaults] = await Promise.all([getRecipientFacts(ctx.personId), schoolDefaults()]);
  return {
    settings: facts.settings?.settings ?? defaults,
    schoolDefaults: defaults,
    isSchoolDefault: !facts.settings,
    email: facts.person?.contacts?.email ?? null,
    version: facts.settings?.version ?? 0,
  };
}

/**
 * Saves the caller's settings on the version they read (0: the school's defaults were in force),
 * audited and idempotent; null returns to the school's defaults (the item goes).
 */
export async function updateMyNotificationSettings(
  ctx: AccessContext,
  input: { clientRequestId: string; expectedVersion: number; settings: NotificationSettings | null },
  log: Logger,
  now = new Date(),
): Promise<View> {
  enforce(policy.updateNotificationSettings(ctx), ctx, log);
  const [facts, defaults] = await Promise.all([getRecipientFacts(ctx.personId), schoolDefaults()]);
  const version = input.settings ? input.expectedVersion + 1 : 0;
  const view: View = {
    settings: input.settings ?? defaults,
    schoolDefaults: defaults,
    isSchoolDefault: input.settings === null,
    email: facts.person?.contacts?.email ?? null,
    version,
  };
  const out = await commitAudited({
    clientRequestId: input.clientRequestId,
    operation: 'updateNotificationSettings',
    actor: { userId: ctx.userId, personId: ctx.personId },
    request: { expectedVersion: input.expectedVersion, settings: input.settings },
    writes: [settingsWrite(ctx.personId, input.expectedVersion, input.settings, ctx.personId, now, facts.settings?.settings ?? null)],
    result: view,
    now,
    onConflict: () => new ConflictError('Настройки уведомлений изменены на другом устройстве. Обновите страницу и проверьте их.'),
  });
  return out.result;
}

function settingsWrite(personId: string, expectedVersion: number, settings: NotificationSettings | null, by: string, now: Date, before: NotificationSettings | null) {
  const condition =
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
  const audit = { entityType: 'settings' as const, entityKey: `NOTIFYSETTINGS#${personId}`, action: 'update' as const, before, after: settings };
  if (settings === null) {
    return { item: { Delete: { TableName: tableName(), Key: keys.notificationSettings(personId), ...condition } }, audit };
  }
  return { item: { Put: { TableName: tableName(), Item: settingsItem(personId, settings, expectedVersion + 1, by, now.toISOString()), ...condition } }, audit };
}

class UnsubscribeLinkInvalidError extends AppError {
  constructor() {
    super('UNSUBSCRIBE_LINK_INVALID');
  }
}

/** в***@mail.ru: enough to recognise one's own address, not to learn someone else's. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

type Preview = z.input<typeof unsubscribePreviewSchema>;

/** What the link stops, for the page before the button (opening a link changes nothing: mail scanners open links). */
export async function previewUnsubscribe(token: string, now = new Date()): Promise<Preview> {
  const link = await readUnsubscribeToken(token, now);
  if (!link) throw new UnsubscribeLinkInvalidError();
  const [facts, defaults] = await Promise.all([getRecipientFacts(link.recipientId), schoolDefaults()]);
  if (!facts.person) throw new UnsubscribeLinkInvalidError();
  const settings = facts.settings?.settings ?? defaults;
  const topics = link.scope === 'all' ? NOTIFICATION_TOPICS : [link.scope];
  return {
    scope: link.scope,
    maskedEmail: facts.person.contacts?.email ? maskEmail(facts.person.contacts.email) : null,
    expiresAt: link.expiresAt,
    current: Object.fromEntries(topics.map((t) => [t, settings.topics[t].email])) as Record<string, EmailMode>,
  };
}

/**
 * The link's recipient gets no more e-mail of its scope: their settings with e-mail off there
 * (from the school's defaults if they had none), audited as done by the link. Already off:
 * nothing is written. A concurrent change is read again and applied on top (a few tries).
 */
export async function unsubscribeByLink(token: string, log: Logger, now = new Date()): Promise<Preview> {
  const link = await readUnsubscribeToken(token, now);
  if (!link) throw new UnsubscribeLinkInvalidError();
  const topics = link.scope === 'all' ? NOTIFICATION_TOPICS : [link.scope];
  for (let attempt = 0; attempt < 3; attempt++) {
    const [facts, current, defaults] = await Promise.all([getRecipientFacts(link.recipientId), getSettingsItem(link.recipientId), schoolDefaults()]);
    if (!facts.person) throw new UnsubscribeLinkInvalidError();
    const settings = current?.settings ?? defaults;
    if (topics.every((t) => settings.topics[t].email === 'off')) return previewUnsubscribe(token, now);
    const next: NotificationSettings = {
      ...settings,
      topics: { ...settings.topics, ...Object.fromEntries(topics.map((t) => [t, { ...settings.topics[t], email: 'off' }])) },
    };
    try {
      await commitAudited({
        clientRequestId: randomUUID(),
        operation: 'unsubscribe',
        actor: { userId: 'unsubscribe-link', personId: link.recipientId },
        request: { scope: link.scope },
        writes: [settingsWrite(link.recipientId, current?.version ?? 0, next, link.recipientId, now, settings)],
        result: null,
        now,
      });
      log.info('unsubscribed by link', { scope: link.scope });
      return previewUnsubscribe(token, now);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError('Настройки уведомлений как раз сейчас меняются. Повторите через минуту.');
}
