import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';
import { notificationIdSchema } from '#shared/domain/ids.ts';
import {
  emailModeSchema,
  notificationSchema,
  notificationSettingsSchema,
  notificationTopicSchema,
} from '#shared/domain/notification.ts';
import { versionSchema } from '#shared/domain/version.ts';
import { clientRequestIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/**
 * Notifications (п. 2.4, 2.5): the bell, its list and each recipient's settings. Every caller
 * works on their own notifications only, so nothing in these routes names another person.
 */
export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    unreadCount: z.number().int().min(0),
    /** Pass as `cursor` for the next (older) page; absent on the last page. */
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'NotificationList' });

export const listNotifications = defineOperation({
  operationId: 'listNotifications',
  method: 'GET',
  path: '/api/me/notifications',
  area: 'notifications',
  access: 'authenticated',
  tag: 'notifications',
  summary: 'The caller’s notifications, newest first, with the unread count (the bell)',
  query: z.object({
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(200).optional(),
  }),
  response: notificationListSchema,
});

export const markNotificationsReadBodySchema = z
  .object({
    /** These notifications; or every unread one with `all`. */
    ids: z.array(notificationIdSchema).max(50, { error: 'Не больше 50 уведомлений за раз' }).optional(),
    all: z.boolean().optional(),
  })
  .refine((b) => (b.ids?.length ?? 0) > 0 || b.all === true, { error: 'Укажите уведомления или all: true' })
  .meta({ id: 'MarkNotificationsReadBody' });

export const markNotificationsRead = defineOperation({
  operationId: 'markNotificationsRead',
  method: 'POST',
  path: '/api/me/notifications/read',
  area: 'notifications',
  access: 'authenticated',
  tag: 'notifications',
  summary: 'Mark the caller’s notifications read (idempotent: reading twice changes nothing)',
  body: markNotificationsReadBodySchema,
  response: z.object({ unreadCount: z.number().int().min(0) }).meta({ id: 'MarkNotificationsReadResult' }),
});

export const notificationSettingsViewSchema = z
  .object({
    settings: notificationSettingsSchema,
    /** The school's defaults (what «Как в школе» restores). */
    schoolDefaults: notificationSettingsSchema,
    /** True while the recipient has not chosen their own. */
    isSchoolDefault: z.boolean(),
    /** Where e-mail goes (the person's contacts), or null: then nothing is e-mailed. */
    email: z.string().nullable(),
    /** 0 while the school's defaults apply. */
    version: z.number().int().min(0),
  })
  .meta({ id: 'NotificationSettingsView' });

export const getNotificationSettings = defineOperation({
  operationId: 'getNotificationSettings',
  method: 'GET',
  path: '/api/me/notification-settings',
  area: 'notifications',
  access: 'authenticated',
  tag: 'notifications',
  summary: 'The caller’s notification settings per topic and channel, with the school’s defaults',
  response: notificationSettingsViewSchema,
});

export const updateNotificationSettingsBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    /** The version read (0 while the school's defaults apply). */
    expectedVersion: versionSchema.or(z.literal(0)),
    /** The new settings, or null to return to the school's defaults. */
    settings: notificationSettingsSchema.nullable(),
  })
  .meta({ id: 'UpdateNotificationSettingsBody' });

export const updateNotificationSettings = defineOperation({
  operationId: 'updateNotificationSettings',
  method: 'PUT',
  path: '/api/me/notification-settings',
  area: 'notifications',
  access: 'authenticated',
  tag: 'notifications',
  summary: 'Save the caller’s notification settings (versioned, audited, idempotent)',
  body: updateNotificationSettingsBodySchema,
  response: notificationSettingsViewSchema,
  errors: ['CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
});

/** What an unsubscribe link stops: one topic's e-mail, or all e-mail. */
export const unsubscribeScopeSchema = notificationTopicSchema.or(z.literal('all')).meta({ id: 'UnsubscribeScope' });

export const unsubscribeBodySchema = z
  .object({ token: z.string().min(10).max(2000, { error: 'Ссылка слишком длинная' }) })
  .meta({ id: 'UnsubscribeBody' });

export const unsubscribePreviewSchema = z
  .object({
    scope: unsubscribeScopeSchema,
    /** The recipient's address, partly hidden (в***@mail.ru). */
    maskedEmail: z.string().nullable(),
    expiresAt: instantSchema,
    /** Current e-mail setting of the topics the link stops. */
    current: z.record(z.string(), emailModeSchema),
  })
  .meta({ id: 'UnsubscribePreview' });

export const previewUnsubscribe = defineOperation({
  operationId: 'previewUnsubscribe',
  method: 'POST',
  path: '/api/unsubscribe/preview',
  area: 'notifications',
  access: 'public',
  tag: 'notifications',
  summary: 'What an unsubscribe link from an e-mail stops (signed, expiring; no sign-in)',
  body: unsubscribeBodySchema,
  response: unsubscribePreviewSchema,
  errors: ['UNSUBSCRIBE_LINK_INVALID'],
});

export const unsubscribe = defineOperation({
  operationId: 'unsubscribe',
  method: 'POST',
  path: '/api/unsubscribe',
  area: 'notifications',
  access: 'public',
  tag: 'notifications',
  summary: 'Stop the e-mail an unsubscribe link names (signed, expiring; no sign-in; idempotent)',
  body: unsubscribeBodySchema,
  response: unsubscribePreviewSchema,
  errors: ['UNSUBSCRIBE_LINK_INVALID'],
});
