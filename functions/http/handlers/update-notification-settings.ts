import { updateNotificationSettings } from '#shared/api/notifications.ts';
import { updateMyNotificationSettings } from '#functions/notifications/notification-settings.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const updateNotificationSettingsHandler = httpHandler(updateNotificationSettings, async ({ ctx, body, log }) => updateMyNotificationSettings(ctx, body, log));
