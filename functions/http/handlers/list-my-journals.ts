import { listMyJournals } from '#shared/api/journal.ts';
import { listMyJournalsFor } from '#functions/journal/my-journals.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listMyJournalsHandler = httpHandler(listMyJournals, async ({ ctx, log }) => listMyJournalsFor(ctx, log));
