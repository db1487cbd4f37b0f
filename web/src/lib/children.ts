import type { ApiClient } from './api.ts';
import { apiPath, type Child } from './journal.ts';

/**
 * A parent's children (`GET /api/me/children`), in the API's order — the one order of children
 * everywhere (by grade, then name: shared/domain/children-order.ts); the pages keep it.
 */
export async function loadChildren(api: ApiClient): Promise<Child[]> {
  const { children } = await api.get<{ children: Child[] }>(apiPath(['me', 'children']));
  return children;
}
