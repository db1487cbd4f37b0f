import { getThematicPlan } from '#shared/api/lessons.ts';
import { thematicPlanOf } from '#functions/journal/thematic-plan.ts';
import { httpHandler } from '../lib/http-handler.ts';

export const getThematicPlanHandler = httpHandler(getThematicPlan, async ({ ctx, params, log }) => thematicPlanOf(ctx, params, log));
