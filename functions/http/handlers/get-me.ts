import { getMe } from '#shared/api/identity.ts';
import { describeMe } from '#functions/identity/me.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getMeHandler = httpHandler(getMe, async ({ principal, account }) => describeMe(principal, account));
