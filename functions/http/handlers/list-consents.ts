import { listConsents } from '#shared/api/consents.ts';
import { listConsents as list } from '#functions/identity/consents.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listConsentsHandler = httpHandler(listConsents, async ({ ctx, query, log }) => list(ctx, query, log));
