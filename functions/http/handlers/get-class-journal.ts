import { getClassJournal } from '#shared/api/journal.ts';
import { openClassJournal } from '#functions/journal/open-journal.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getClassJournalHandler = httpHandler(getClassJournal, async ({ ctx, params, query, log }) =>
  openClassJournal(ctx, { ...params, periodId: query.periodId }, log),
);
