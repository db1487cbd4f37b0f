import { declareDistanceDays } from '#shared/api/distance.ts';
import { declareDistanceDays as declare } from '#functions/journal/distance-days.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const declareDistanceDaysHandler = httpHandler(declareDistanceDays, async ({ ctx, body, log }) => declare(ctx, body, log));
