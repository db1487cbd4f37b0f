import { getClassJournal } from '#shared/api/journal.ts';
import { loadAccessContext } from '#functions/identity/access-context.ts';
import { openClassJournal } from '#functions/journal/open-journal.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getClassJournalHandler = httpHandler(getClassJournal, async ({ principal, account, params, query, log }) =>
  openClassJournal(await loadAccessContext(principal, account), { ...params, periodId: query.periodId }, log),
);
