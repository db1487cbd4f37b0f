import { getSummarySheet } from '#shared/api/reports.ts';
import { getSummarySheet as run } from '#functions/reports/summary-sheet.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getSummarySheetHandler = httpHandler(getSummarySheet, async ({ ctx, query, log }) => run(ctx, query, log));
