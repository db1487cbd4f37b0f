import { markNotificationsRead } from '#shared/api/notifications.ts';
import { markMyNotificationsRead } from '#functions/notifications/my-notifications.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const markNotificationsReadHandler = httpHandler(markNotificationsRead, async ({ ctx, body, log }) => markMyNotificationsRead(ctx, body, log));
