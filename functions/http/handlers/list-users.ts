import { listUsers } from '#shared/api/users.ts';
import { listUsers as list } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listUsersHandler = httpHandler(listUsers, async ({ ctx, query, log }) => list(ctx, query, log));
