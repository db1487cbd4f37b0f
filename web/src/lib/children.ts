import type { ApiClient } from './api.ts';
import { apiPath, type Child } from './journal.ts';

/** A parent's children (`GET /api/me/children`). */
export async function loadChildren(api: ApiClient): Promise<Child[]> {
  const { children } = await api.get<{ children: Child[] }>(apiPath(['me', 'children']));
  return [...children].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}
