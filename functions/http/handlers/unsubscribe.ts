import { unsubscribe } from '#shared/api/notifications.ts';
import { unsubscribeByLink } from '#functions/notifications/notification-settings.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const unsubscribeHandler = httpHandler(unsubscribe, async ({ body, log }) => unsubscribeByLink(body.token, log));
