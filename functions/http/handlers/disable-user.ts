import { disableUser } from '#shared/api/users.ts';
import { disableUser as disable } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const disableUserHandler = httpHandler(disableUser, async ({ ctx, params, body, log }) => disable(ctx, { userId: params.userId, ...body }, log));
