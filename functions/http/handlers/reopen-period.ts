import { reopenPeriod } from '#shared/api/final-marks.ts';
import { reopenPeriod as reopen } from '#functions/journal/final-marks.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const reopenPeriodHandler = httpHandler(reopenPeriod, async ({ ctx, params, body, log }) => reopen(ctx, { ...params, ...body }, log));
