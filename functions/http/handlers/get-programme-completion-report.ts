import { getProgrammeCompletionReport } from '#shared/api/reports.ts';
import { getProgrammeCompletionReport as run } from '#functions/reports/programme-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getProgrammeCompletionReportHandler = httpHandler(getProgrammeCompletionReport, async ({ ctx, query, log }) => run(ctx, query, log));
