import { getJournalKeepingReport } from '#shared/api/reports.ts';
import { getJournalKeepingReport as run } from '#functions/reports/journal-keeping-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getJournalKeepingReportHandler = httpHandler(getJournalKeepingReport, async ({ ctx, query, log }) => run(ctx, query, log));
