import { enableUser } from '#shared/api/users.ts';
import { enableUser as enable } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const enableUserHandler = httpHandler(enableUser, async ({ ctx, params, body, log }) => enable(ctx, { userId: params.userId, ...body }, log));
