import { setFinalMarks } from '#shared/api/final-marks.ts';
import { setFinalMarks as set } from '#functions/journal/final-marks.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const setFinalMarksHandler = httpHandler(setFinalMarks, async ({ ctx, params, body, log }) => set(ctx, { ...params, ...body }, log));
