import { getMarkHistory } from '#shared/api/journal.ts';
import { markHistory } from '#functions/journal/mark-history.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getMarkHistoryHandler = httpHandler(getMarkHistory, async ({ ctx, params, log }) => markHistory(ctx, params, log));
