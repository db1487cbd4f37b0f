import { runControlCheck } from '#shared/api/control.ts';
import { runControlCheck as run } from '#functions/reports/control-reports.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const runControlCheckHandler = httpHandler(runControlCheck, async ({ ctx, params, log }) => run(ctx, params.check, log));
