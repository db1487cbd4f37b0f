/**
 * Notifications (п. 2.4, 2.5): the bell's and the list page's helpers — the calls by operationId,
 * the unread count in Russian, grouping by day, links into the web. Pure apart from the calls.
 *
 * The topic names and e-mail modes are copied from `shared/domain/notification.ts`, which is a
 * zod module: importing a value from it would bring zod into the bundle (docs/web.md, «API
 * calls»). `notifications.test.ts` keeps the copies equal to the originals.
 */
import type { ApiClient } from './api.ts';
import { addDays } from './dates.ts';
import { plural } from './format.ts';
import { routeHref } from './journal.ts';
import { callOperation, type OperationOutput } from './operations.ts';

export type NotificationList = OperationOutput<'listNotifications'>;
export type NotificationItem = NotificationList['items'][number];
export type NotificationTopic = NotificationItem['topic'];

/** The topics in the order the settings show them. */
export const NOTIFICATION_TOPICS = ['mark', 'absence', 'homework', 'final-mark'] as const satisfies readonly NotificationTopic[];

/** Russian names of the topics (= `notificationTopicNames` of shared/domain/notification.ts). */
export const NOTIFICATION_TOPIC_NAMES: Record<NotificationTopic, string> = {
  mark: 'Отметки',
  absence: 'Пропуски и опоздания',
  homework: 'Домашние задания',
  'final-mark': 'Итоговые отметки',
};

/** «Письма об отметках» — the topic after «о/об», for the unsubscribe page. */
export const NOTIFICATION_TOPIC_ABOUT: Record<NotificationTopic, string> = {
  mark: 'об отметках',
  absence: 'о пропусках и опозданиях',
  homework: 'о домашних заданиях',
  'final-mark': 'об итоговых отметках',
};

/** How many notifications the bell's panel shows. */
export const PANEL_LIMIT = 10;
/** How many the list page loads at a time («Показать ещё»). */
export const PAGE_LIMIT = 20;

export const EMPTY_TEXT =
  'Пока уведомлений нет. Здесь появятся новые отметки, пропуски, домашние задания и итоговые отметки.';

/** «1 непрочитанное», «2 непрочитанных», «5 непрочитанных», «21 непрочитанное». */
export function unreadText(count: number): string {
  return `${count} ${plural(count, 'непрочитанное', 'непрочитанных', 'непрочитанных')}`;
}

/** The bell's accessible name: «Уведомления: 3 непрочитанных»; just «Уведомления» with none (or not known yet). */
export function bellLabel(count: number | null): string {
  return count && count > 0 ? `Уведомления: ${unreadText(count)}` : 'Уведомления';
}

/** What the badge shows: the count, «99+» above 99; nothing with none. */
export function badgeText(count: number | null): string {
  if (!count || count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export function isUnread(item: NotificationItem): boolean {
  return item.readAt === undefined;
}

/**
 * The hash link of a notification's `link` (a web path such as `/diary/<studentId>/<weekStart>`
 * or `/marks/<studentId>/<periodId>`), each segment percent-encoded. A `?week=` on a diary path
 * becomes its week segment (the router ignores queries).
 */
export function notificationHref(link: string): string {
  const [pathPart = '', query = ''] = link.split('?', 2);
  const segments = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const week = new URLSearchParams(query).get('week');
  if (segments[0] === 'diary' && segments.length === 2 && week) segments.push(week);
  return segments.length === 0 ? '#/' : routeHref(...segments);
}

/** The parts of an instant in the browser's zone (unless an offset in minutes is given, as the tests do). */
function localOf(instant: string, offsetMinutes?: number): { date: string; time: string } | null {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return null;
  const offset = offsetMinutes ?? -new Date(at).getTimezoneOffset();
  const iso = new Date(at + offset * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «Сегодня», «Вчера», «5 декабря»; another year's day with its year: «29 декабря 2025». */
export function dayLabel(day: string, today: string): string {
  if (day === today) return 'Сегодня';
  if (day === addDays(today, -1)) return 'Вчера';
  const [y, m, d] = day.split('-');
  const text = `${Number(d)} ${MONTHS_GENITIVE[Number(m) - 1] ?? ''}`;
  return y === today.slice(0, 4) ? text : `${text} ${y}`;
}

/** When it came, for the bell: «сегодня, 14:05», «вчера, 09:10», «5 декабря, 14:05». */
export function whenText(instant: string, today: string, offsetMinutes?: number): string {
  const local = localOf(instant, offsetMinutes);
  if (!local) return '';
  const day = dayLabel(local.date, today);
  return `${day === 'Сегодня' || day === 'Вчера' ? day.toLocaleLowerCase('ru') : day}, ${local.time}`;
}

/** The time of day only («14:05»), for an item under its day's heading. */
export function timeText(instant: string, offsetMinutes?: number): string {
  return localOf(instant, offsetMinutes)?.time ?? '';
}

export type DayGroup = { day: string; label: string; items: NotificationItem[] };

/**
 * The list by day of its last change (`updatedAt`, the moment a notification shows), newest day
 * first; within a day in the order given (the API's: newest first).
 */
export function groupByDay(items: readonly NotificationItem[], today: string, offsetMinutes?: number): DayGroup[] {
  const groups = new Map<string, DayGroup>();
  for (const item of items) {
    const day = localOf(item.updatedAt, offsetMinutes)?.date ?? item.date;
    let group = groups.get(day);
    if (!group) {
      group = { day, label: dayLabel(day, today), items: [] };
      groups.set(day, group);
    }
    group.items.push(item);
  }
  return [...groups.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

/** Name the child on each item when there is more than one child (of the account, or in the list). */
export function showStudentNames(childrenCount: number, items: readonly NotificationItem[]): boolean {
  return childrenCount > 1 || new Set(items.map((i) => i.studentId)).size > 1;
}

/** Another page appended to what is shown: the newer copy of a notification already there wins its place. */
export function appendPage(shown: readonly NotificationItem[], page: readonly NotificationItem[]): NotificationItem[] {
  const ids = new Set(shown.map((i) => i.id));
  return [...shown, ...page.filter((i) => !ids.has(i.id))];
}

/** The items as read (locally, once the API took it): `ids`, or all with none given. */
export function markedRead(items: readonly NotificationItem[], at: string, ids?: readonly string[]): NotificationItem[] {
  const chosen = ids ? new Set(ids) : null;
  return items.map((i) => (i.readAt === undefined && (!chosen || chosen.has(i.id)) ? { ...i, readAt: at } : i));
}

export function listNotifications(api: ApiClient, limit: number, cursor?: string): Promise<NotificationList> {
  return callOperation(api, 'listNotifications', { query: { limit, ...(cursor ? { cursor } : {}) } });
}

/** Marks these notifications read, or every unread one without ids; the unread count after it. */
export async function markNotificationsRead(api: ApiClient, ids?: readonly string[]): Promise<number> {
  const body = ids ? { ids: [...ids] } : { all: true };
  const result = await callOperation(api, 'markNotificationsRead', { body });
  return result.unreadCount;
}
