import { getPerformanceReport } from '#shared/api/reports.ts';
import { getPerformanceReport as run } from '#functions/reports/performance-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getPerformanceReportHandler = httpHandler(getPerformanceReport, async ({ ctx, query, log }) => run(ctx, query, log));
