import { previewUnsubscribe } from '#shared/api/notifications.ts';
import { previewUnsubscribe as preview } from '#functions/notifications/notification-settings.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const previewUnsubscribeHandler = httpHandler(previewUnsubscribe, async ({ body }) => preview(body.token));
