import { getSubstitutionReport } from '#shared/api/reports.ts';
import { getSubstitutionReport as run } from '#functions/reports/substitution-report.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getSubstitutionReportHandler = httpHandler(getSubstitutionReport, async ({ ctx, query, log }) => run(ctx, query, log));
