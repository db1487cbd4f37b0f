/** The operator's list of accounts (`#/users`): filtering and the status text. Pure. */
import type { z } from 'zod';
import type { userSchema } from '#shared/api/users.ts';
import type { Role } from './roles.ts';

export type User = z.output<typeof userSchema>;

export type UserFilter = { text: string; role: Role | ''; status: User['status'] | '' };

export const EMPTY_FILTER: UserFilter = { text: '', role: '', status: '' };

export function statusText(user: Pick<User, 'status' | 'disabledReason'>): string {
  if (user.status === 'active') return 'активна';
  if (user.disabledReason === 'consent-withdrawn') return 'отключена: согласие отозвано';
  if (user.disabledReason === 'operator') return 'отключена оператором';
  return 'отключена';
}

/** Case- and ё-insensitive «contains» over login and name. */
function fold(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е');
}

export function filterUsers(users: readonly User[], filter: UserFilter): User[] {
  const words = fold(filter.text).split(/\s+/).filter((w) => w !== '');
  return users.filter((user) => {
    if (filter.role !== '' && !user.roles.includes(filter.role)) return false;
    if (filter.status !== '' && user.status !== filter.status) return false;
    const haystack = fold(`${user.login} ${user.displayName}`);
    return words.every((w) => haystack.includes(w));
  });
}
