import { getUsageReport } from '#shared/api/reports.ts';
import { getUsageReport as run } from '#functions/reports/usage-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getUsageReportHandler = httpHandler(getUsageReport, async ({ ctx, query, log }) => run(ctx, query, log));
