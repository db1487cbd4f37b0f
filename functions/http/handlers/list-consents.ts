import { listConsents } from '#shared/api/consents.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { listConsents as list } from '#functions/identity/consents.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listConsentsHandler = httpHandler(listConsents, async ({ principal, account, query, log }) =>
  list(await loadAccessContext(principal, account), query, log),
);
