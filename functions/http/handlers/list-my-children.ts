import { listMyChildren } from '#shared/api/journal.ts';
import { listChildrenOf } from '#functions/journal/my-children.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listMyChildrenHandler = httpHandler(listMyChildren, async ({ ctx, log }) => listChildrenOf(ctx, log));
