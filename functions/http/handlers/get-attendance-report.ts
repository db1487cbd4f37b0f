import { getAttendanceReport } from '#shared/api/reports.ts';
import { getAttendanceReport as run } from '#functions/reports/attendance-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getAttendanceReportHandler = httpHandler(getAttendanceReport, async ({ ctx, query, log }) => run(ctx, query, log));
