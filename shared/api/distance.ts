import * as z from 'zod';
import { isoDateSchema } from '#shared/domain/dates.ts';
import { classIdSchema } from '#shared/domain/ids.ts';
import { clientRequestIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

export const distanceDayViewSchema = z
  .object({
    classId: classIdSchema,
    className: z.string(),
    date: isoDateSchema,
    reason: z.string(),
    declaredByName: z.string(),
    declaredAt: z.string(),
    /** Lessons of that class and day turned into distance lessons. */
    lessons: z.number().int(),
  })
  .meta({ id: 'DistanceDayView' });

export const declareDistanceDays = defineOperation({
  operationId: 'declareDistanceDays',
  method: 'POST',
  path: '/api/distance-days',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'The administration declares distance days (п. 5.7): for these classes and dates every lesson becomes a distance lesson, with the reason',
  body: z
    .object({
      clientRequestId: clientRequestIdSchema,
      classIds: z.array(classIdSchema).min(1, { error: 'Выберите классы' }).max(40),
      dates: z.array(isoDateSchema).min(1, { error: 'Выберите дни' }).max(14, { error: 'Не больше 14 дней за раз' }),
      reason: z.string().trim().min(3, { error: 'Укажите причину, например «актированный день (мороз)»' }).max(300),
    })
    .meta({ id: 'DeclareDistanceDaysBody' }),
  response: z.object({ days: z.array(distanceDayViewSchema), replayed: z.boolean() }).meta({ id: 'DeclaredDistanceDays' }),
  successStatus: 201,
  errors: ['NOT_FOUND', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

export const listDistanceDays = defineOperation({
  operationId: 'listDistanceDays',
  method: 'GET',
  path: '/api/distance-days',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'The distance days declared this school year (п. 5.7), newest first',
  response: z.object({ days: z.array(distanceDayViewSchema) }).meta({ id: 'DistanceDays' }),
});
