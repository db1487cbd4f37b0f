import * as z from 'zod';
import { academicYearIdSchema, curriculumLineIdSchema, subjectIdSchema } from './ids.ts';
import { gradeSchema } from './school-class.ts';

/** One line of the curriculum (учебный план): a subject's hours for a grade level in a year. */
export const curriculumLineSchema = z
  .object({
    id: curriculumLineIdSchema,
    academicYearId: academicYearIdSchema,
    grade: gradeSchema,
    subjectId: subjectIdSchema,
    /** Hours per week, in halves: 0.5, 1, 1.5 … */
    hoursPerWeek: z
      .number()
      .min(0.5, { error: 'Часов в неделю — от 0,5 до 40' })
      .max(40, { error: 'Часов в неделю — от 0,5 до 40' })
      .refine((h) => Number.isInteger(h * 2), { error: 'Часы в неделю указываются с шагом 0,5' }),
    /** Hours per year (e.g. 34 weeks × 5 = 170). */
    hoursPerYear: z.number().int().min(1).max(1400),
    /** Обязательная часть or часть, формируемая участниками образовательных отношений. */
    part: z.enum(['mandatory', 'elective'], { error: 'Часть плана: mandatory или elective' }).default('mandatory'),
    /** For profile classes, e.g. «технологический». */
    profile: z.string().max(80).optional(),
  })
  .meta({ id: 'CurriculumLine', description: 'Curriculum: grade × subject × hours per week and per year (п. 7.4)' });
export type CurriculumLine = z.infer<typeof curriculumLineSchema>;
