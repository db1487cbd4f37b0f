import { listDistanceDays } from '#shared/api/distance.ts';
import { listDistanceDays as list } from '#functions/journal/distance-days.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const listDistanceDaysHandler = httpHandler(listDistanceDays, async ({ ctx, log }) => list(ctx, log));
