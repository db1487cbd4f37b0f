import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TOPICS as SHARED_TOPICS, notificationTopicNames } from '#shared/domain/notification.ts';
import {
  NOTIFICATION_TOPICS,
  NOTIFICATION_TOPIC_NAMES,
  appendPage,
  badgeText,
  bellLabel,
  dayLabel,
  groupByDay,
  listNotifications,
  markNotificationsRead,
  markedRead,
  notificationHref,
  showStudentNames,
  timeText,
  unreadText,
  whenText,
  type NotificationItem,
} from './notifications.ts';
import { fakeApi, json } from './notifications-test-support.ts';

function item(id: string, updatedAt: string, extra: Partial<NotificationItem> = {}): NotificationItem {
  return {
    id,
    topic: 'mark',
    studentId: 'p-anna',
    studentName: 'Морозова Анна',
    subjectName: 'Математика',
    date: updatedAt.slice(0, 10),
    title: 'Математика: новая отметка 5',
    text: 'Контрольная работа, вес 2',
    link: '/diary/p-anna/2026-11-30',
    createdAt: updatedAt,
    updatedAt,
    ...extra,
  };
}

describe('the copies of the shared names', () => {
  it('keeps the topics and their Russian names equal to shared/domain/notification.ts (a zod module the web does not import)', () => {
    expect([...NOTIFICATION_TOPICS]).toEqual([...SHARED_TOPICS]);
    expect(NOTIFICATION_TOPIC_NAMES).toEqual(notificationTopicNames);
  });
});

describe('the unread count in Russian', () => {
  it('agrees with the number', () => {
    expect(unreadText(1)).toBe('1 непрочитанное');
    expect(unreadText(2)).toBe('2 непрочитанных');
    expect(unreadText(4)).toBe('4 непрочитанных');
    expect(unreadText(5)).toBe('5 непрочитанных');
    expect(unreadText(11)).toBe('11 непрочитанных');
    expect(unreadText(21)).toBe('21 непрочитанное');
    expect(unreadText(22)).toBe('22 непрочитанных');
  });
  it('names the bell with the count, and without it when there is none', () => {
    expect(bellLabel(3)).toBe('Уведомления: 3 непрочитанных');
    expect(bellLabel(1)).toBe('Уведомления: 1 непрочитанное');
    expect(bellLabel(0)).toBe('Уведомления');
    expect(bellLabel(null)).toBe('Уведомления');
  });
  it('shows the badge only with unread ones, at most «99+»', () => {
    expect(badgeText(null)).toBe('');
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

describe('days and times', () => {
  it('says «Сегодня», «Вчера», or the day; another year’s with its year', () => {
    expect(dayLabel('2026-12-07', '2026-12-07')).toBe('Сегодня');
    expect(dayLabel('2026-12-06', '2026-12-07')).toBe('Вчера');
    expect(dayLabel('2026-12-05', '2026-12-07')).toBe('5 декабря');
    expect(dayLabel('2026-12-31', '2027-01-01')).toBe('Вчера');
    expect(dayLabel('2026-12-29', '2027-01-02')).toBe('29 декабря 2026');
  });
  it('tells the bell when it came, in local time', () => {
    const msk = 180;
    expect(whenText('2026-12-07T11:05:00.000Z', '2026-12-07', msk)).toBe('сегодня, 14:05');
    expect(whenText('2026-12-06T22:30:00.000Z', '2026-12-07', msk)).toBe('сегодня, 01:30');
    expect(whenText('2026-12-06T06:10:00.000Z', '2026-12-07', msk)).toBe('вчера, 09:10');
    expect(whenText('2026-12-05T11:05:00.000Z', '2026-12-07', msk)).toBe('5 декабря, 14:05');
    expect(whenText('not a date', '2026-12-07', msk)).toBe('');
    expect(timeText('2026-12-05T11:05:00.000Z', msk)).toBe('14:05');
  });
  it('groups by the local day of the last change, newest day first, keeping the order within a day', () => {
    const msk = 180;
    const items = [
      item('n1', '2026-12-07T09:00:00.000Z'),
      item('n2', '2026-12-06T21:30:00.000Z'), // 00:30 on the 7th in Moscow
      item('n3', '2026-12-06T08:00:00.000Z'),
      item('n4', '2026-12-05T08:00:00.000Z'),
      item('n5', '2026-12-07T08:00:00.000Z'), // out of order: still today's group
    ];
    const groups = groupByDay(items, '2026-12-07', msk);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['Сегодня', ['n1', 'n2', 'n5']],
      ['Вчера', ['n3']],
      ['5 декабря', ['n4']],
    ]);
    expect(groupByDay([], '2026-12-07')).toEqual([]);
  });
});

describe('links, names, pages', () => {
  it('turns the web path into a hash link, each segment encoded', () => {
    expect(notificationHref('/diary/p-anna/2026-11-30')).toBe('#/diary/p-anna/2026-11-30');
    expect(notificationHref('/diary/p-anna/2026-11-30/2026-12-03')).toBe('#/diary/p-anna/2026-11-30/2026-12-03');
    expect(notificationHref('/marks/p-anna/2026-2027-q2')).toBe('#/marks/p-anna/2026-2027-q2');
    expect(notificationHref('/diary/p-anna?week=2026-11-30')).toBe('#/diary/p-anna/2026-11-30');
    expect(notificationHref('/diary/c-2026-05-А')).toBe('#/diary/c-2026-05-%D0%90');
    expect(notificationHref('/diary/c-2026-05-%D0%90')).toBe('#/diary/c-2026-05-%D0%90');
    expect(notificationHref('')).toBe('#/');
  });
  it('names the child when the parent has several, or the list has several', () => {
    expect(showStudentNames(2, [])).toBe(true);
    expect(showStudentNames(1, [item('a', '2026-12-07T09:00:00.000Z')])).toBe(false);
    expect(showStudentNames(0, [item('a', '2026-12-07T09:00:00.000Z'), item('b', '2026-12-07T09:00:00.000Z', { studentId: 'p-kirill' })])).toBe(true);
  });
  it('appends a page without repeating what is shown', () => {
    const shown = [item('a', '2026-12-07T09:00:00.000Z'), item('b', '2026-12-07T08:00:00.000Z')];
    const page = [item('b', '2026-12-07T08:00:00.000Z'), item('c', '2026-12-06T08:00:00.000Z')];
    expect(appendPage(shown, page).map((i) => i.id)).toEqual(['a', 'b', 'c']);
  });
  it('marks read these or all, keeping when read ones were read', () => {
    const items = [item('a', '2026-12-07T09:00:00.000Z'), item('b', '2026-12-07T08:00:00.000Z', { readAt: '2026-12-07T08:30:00.000Z' }), item('c', '2026-12-06T08:00:00.000Z')];
    const at = '2026-12-07T10:00:00.000Z';
    expect(markedRead(items, at, ['a']).map((i) => i.readAt)).toEqual([at, '2026-12-07T08:30:00.000Z', undefined]);
    expect(markedRead(items, at).map((i) => i.readAt)).toEqual([at, '2026-12-07T08:30:00.000Z', at]);
  });
});

describe('the calls', () => {
  it('lists with the limit and the cursor', async () => {
    const { api, calls } = fakeApi([json({ items: [], unreadCount: 0 }), json({ items: [], unreadCount: 2, nextCursor: 'c2' })]);
    await listNotifications(api, 10);
    const second = await listNotifications(api, 20, 'c1');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/me/notifications?limit=10', 'GET /api/me/notifications?limit=20&cursor=c1']);
    expect(second).toEqual({ items: [], unreadCount: 2, nextCursor: 'c2' });
  });
  it('marks some read by id, or all', async () => {
    const { api, calls } = fakeApi([json({ unreadCount: 4 }), json({ unreadCount: 0 })]);
    expect(await markNotificationsRead(api, ['n1'])).toBe(4);
    expect(await markNotificationsRead(api)).toBe(0);
    expect(calls).toEqual([
      { method: 'POST', url: '/api/me/notifications/read', body: { ids: ['n1'] } },
      { method: 'POST', url: '/api/me/notifications/read', body: { all: true } },
    ]);
  });
});
