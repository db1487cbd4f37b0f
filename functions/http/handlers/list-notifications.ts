import { listNotifications } from '#shared/api/notifications.ts';
import { listMyNotifications } from '#functions/notifications/my-notifications.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listNotificationsHandler = httpHandler(listNotifications, async ({ ctx, query, log }) => listMyNotifications(ctx, query, log));
