import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterUsers, statusText, type User } from './users.ts';

const user = (login: string, displayName: string, roles: User['roles'], status: User['status'] = 'active', disabledReason?: User['disabledReason']): User => ({
  userId: login,
  login,
  displayName,
  roles,
  status,
  ...(disabledReason ? { disabledReason } : {}),
  createdAt: '2026-09-01T08:00:00Z',
  version: 1,
});

const users = [
  user('teacher', 'Кузнецова Марина Алексеевна', ['teacher']),
  user('parent', 'Морозов Дмитрий Игоревич', ['parent'], 'disabled', 'operator'),
  user('fedorov', 'Фёдоров Пётр', ['parent'], 'disabled', 'consent-withdrawn'),
  user('coordinator', 'Белов Андрей Сергеевич', ['coordinator', 'teacher']),
];

describe('filterUsers', () => {
  it('finds by any words of the login or the name, ignoring case and ё', () => {
    expect(filterUsers(users, { ...EMPTY_FILTER, text: 'морозов' }).map((u) => u.login)).toEqual(['parent']);
    expect(filterUsers(users, { ...EMPTY_FILTER, text: 'федоров петр' }).map((u) => u.login)).toEqual(['fedorov']);
    expect(filterUsers(users, { ...EMPTY_FILTER, text: 'COORD' }).map((u) => u.login)).toEqual(['coordinator']);
  });
  it('filters by role and status', () => {
    expect(filterUsers(users, { ...EMPTY_FILTER, role: 'teacher' }).map((u) => u.login)).toEqual(['teacher', 'coordinator']);
    expect(filterUsers(users, { ...EMPTY_FILTER, status: 'disabled', role: 'parent' })).toHaveLength(2);
    expect(filterUsers(users, EMPTY_FILTER)).toHaveLength(4);
  });
});

describe('statusText', () => {
  it('says why an account is disabled', () => {
    expect(users.map(statusText)).toEqual(['активна', 'отключена оператором', 'отключена: согласие отозвано', 'активна']);
  });
});
