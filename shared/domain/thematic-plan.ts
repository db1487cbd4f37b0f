import * as z from 'zod';
import { isoDateSchema } from './dates.ts';
import {
  academicYearIdSchema,
  classIdSchema,
  personIdSchema,
  subgroupIdSchema,
  subjectIdSchema,
  thematicPlanIdSchema,
  thematicTopicIdSchema,
  workTypeIdSchema,
} from './ids.ts';

/** One topic of a thematic plan, in order. */
export const thematicTopicSchema = z
  .object({
    id: thematicTopicIdSchema,
    /** 1, 2, 3 … the order in the plan. */
    number: z.number().int().min(1),
    /** Раздел (section), e.g. «Морфология». */
    section: z.string().max(200).optional(),
    title: z.string().min(2, { error: 'Укажите тему' }).max(500),
    /** Hours (lessons) for the topic. */
    hours: z.number().int().min(1, { error: 'Часы по теме — не меньше 1' }).max(200),
    /** A planned work: practical, laboratory, control … (the work type says which). */
    workTypeId: workTypeIdSchema.optional(),
    /** The topic of that work (п. 5.4). */
    workTopic: z.string().min(2).max(500).optional(),
    plannedDate: isoDateSchema.optional(),
  })
  .meta({ id: 'ThematicTopic', description: 'A topic of the thematic plan with hours and an optional planned work' });
export type ThematicTopic = z.infer<typeof thematicTopicSchema>;

/** Thematic plan without cross-field checks (for deriving request bodies with pick/omit). */
export const thematicPlanBaseSchema = z.object({
  id: thematicPlanIdSchema,
  academicYearId: academicYearIdSchema,
  subjectId: subjectIdSchema,
  classId: classIdSchema,
  /** For a subgroup's own plan (п. 5.5). */
  subgroupId: subgroupIdSchema.optional(),
  teacherId: personIdSchema,
  /** «Рабочая программа по математике, 5 класс». */
  title: z.string().max(300).optional(),
  topics: z.array(thematicTopicSchema),
});

/**
 * КТП, календарно-тематическое планирование: the ordered topics of a subject for a class or
 * subgroup; programme completion is checked against it each quarter (п. 7.4).
 */
export const thematicPlanSchema = thematicPlanBaseSchema
  .superRefine((plan, ctx) => {
    plan.topics.forEach((t, i) => {
      if (t.number !== i + 1) {
        ctx.addIssue({ code: 'custom', path: ['topics', i, 'number'], message: `Темы нумеруются по порядку: ожидался номер ${i + 1}` });
      }
    });
  })
  .meta({ id: 'ThematicPlan', description: 'Calendar-thematic plan (КТП): ordered topics with hours and works' });
export type ThematicPlan = z.infer<typeof thematicPlanSchema>;

/** Total planned hours. */
export function plannedHours(plan: Pick<ThematicPlan, 'topics'>): number {
  return plan.topics.reduce((sum, t) => sum + t.hours, 0);
}
