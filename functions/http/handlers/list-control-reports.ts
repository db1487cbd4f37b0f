import { listControlReports } from '#shared/api/control.ts';
import { listControlReports as run } from '#functions/reports/control-reports.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listControlReportsHandler = httpHandler(listControlReports, async ({ ctx, query, log }) => run(ctx, query, log));
