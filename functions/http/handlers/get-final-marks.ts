import { getFinalMarks } from '#shared/api/final-marks.ts';
import { getFinalMarks as get } from '#functions/journal/final-marks.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getFinalMarksHandler = httpHandler(getFinalMarks, async ({ ctx, params, query, log }) => get(ctx, { ...params, periodId: query.periodId }, log));
