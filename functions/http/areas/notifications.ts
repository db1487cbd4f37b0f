/** Lambda entry for the `notifications` area: the bell, its list, the settings and the unsubscribe link. */
import { areaRouter } from '../lib/area-router.ts';
import { getNotificationSettingsHandler } from '../handlers/get-notification-settings.ts';
import { listNotificationsHandler } from '../handlers/list-notifications.ts';
import { markNotificationsReadHandler } from '../handlers/mark-notifications-read.ts';
import { previewUnsubscribeHandler } from '../handlers/preview-unsubscribe.ts';
import { unsubscribeHandler } from '../handlers/unsubscribe.ts';
import { updateNotificationSettingsHandler } from '../handlers/update-notification-settings.ts';

export const handler = areaRouter([
  listNotificationsHandler,
  markNotificationsReadHandler,
  getNotificationSettingsHandler,
  updateNotificationSettingsHandler,
  previewUnsubscribeHandler,
  unsubscribeHandler,
]);
