import { signOutEverywhere } from '#shared/api/identity.ts';
import { signOutEverywhere as signOut } from '#functions/identity/users.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const signOutEverywhereHandler = httpHandler(signOutEverywhere, async ({ account, log }) => signOut(account, log));
