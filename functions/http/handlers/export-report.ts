import { exportReport } from '#shared/api/control.ts';
import { exportReport as run } from '#functions/reports/export-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const exportReportHandler = httpHandler(exportReport, async ({ ctx, body, log }) => run(ctx, body, log));
