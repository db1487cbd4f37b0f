import { getMarkAccumulationReport } from '#shared/api/reports.ts';
import { getMarkAccumulationReport as run } from '#functions/reports/accumulation-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getMarkAccumulationReportHandler = httpHandler(getMarkAccumulationReport, async ({ ctx, query, log }) => run(ctx, query, log));
