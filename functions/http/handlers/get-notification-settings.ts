import { getNotificationSettings } from '#shared/api/notifications.ts';
import { getMyNotificationSettings } from '#functions/notifications/notification-settings.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getNotificationSettingsHandler = httpHandler(getNotificationSettings, async ({ ctx, log }) => getMyNotificationSettings(ctx, log));
