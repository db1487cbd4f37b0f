import type { z } from 'zod';
import type { notificationListSchema } from '#shared/api/notifications.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { policy } from '#shared/authz/policy.ts';
import { countUnread, listNotificationsPage, listUnread, markRead } from '#functions/data/notification-repository.ts';
import { enforce } from '#functions/lib/authorize.ts';
import type { Logger } from '#functions/lib/logger.ts';
import { presenter } from './present.ts';

/**
 * The bell (п. 2.4): the caller's own notifications — the partition key is the caller's person,
 * so nothing another person received can be named here — newest first, with the unread count:
 * two Query side by side.
 */
export async function listMyNotifications(
  ctx: AccessContext,
  input: { limit: number; cursor?: string | undefined },
  log: Logger,
): Promise<z.input<typeof notificationListSchema>> {
  enforce(policy.listNotifications(ctx), ctx, log);
  const [page, unreadCount] = await Promise.all([listNotificationsPage(ctx.personId, input.limit, input.cursor), countUnread(ctx.personId)]);
  const present = await presenter(page.items);
  return { items: page.items.map(present), unreadCount, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/**
 * Read: the named ones or every unread one. Ids that are not the caller's are simply not found
 * under the caller's key (nothing to tell apart from an already read one); reading twice is a no-op.
 */
export async function markMyNotificationsRead(
  ctx: AccessContext,
  input: { ids?: string[] | undefined; all?: boolean | undefined },
  log: Logger,
  now = new Date(),
): Promise<{ unreadCount: number }> {
  enforce(policy.markNotificationsRead(ctx), ctx, log);
  const ids = input.all ? (await listUnread(ctx.personId)).map((u) => u.id) : [...new Set(input.ids ?? [])];
  const at = now.toISOString();
  for (let i = 0; i < ids.length; i += 10) await Promise.all(ids.slice(i, i + 10).map((id) => markRead(ctx.personId, id, at)));
  return { unreadCount: await countUnread(ctx.personId) };
}
