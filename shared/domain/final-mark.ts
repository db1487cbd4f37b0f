import * as z from 'zod';
import { instantSchema } from './dates.ts';
import { classIdSchema, personIdSchema, studyPeriodIdSchema, subjectIdSchema } from './ids.ts';
import { versionSchema } from './version.ts';

/** Allowed final marks (п. 6.2: «н/а» included). */
export const FINAL_MARK_VALUES = ['1', '2', '3', '4', '5', 'н/а', 'ЗЧ', 'НЗ', 'ОСВ'] as const;
export type FinalMarkValue = (typeof FINAL_MARK_VALUES)[number];
export const FINAL_MARK_VALUES_TEXT = FINAL_MARK_VALUES.join(', ');

export function isFinalMarkValue(value: string): value is FinalMarkValue {
  return (FINAL_MARK_VALUES as readonly string[]).includes(value);
}

export const finalMarkValueSchema = z
  .enum(FINAL_MARK_VALUES, { error: `Недопустимая итоговая отметка. Допустимые значения: ${FINAL_MARK_VALUES_TEXT}` })
  .meta({ id: 'FinalMarkValue', description: '1–5, н/а (не аттестован), ЗЧ, НЗ, ОСВ (п. 6.2)' });

/**
 * A final mark (итоговая отметка) for a study period — quarter, trimester, half-year or year —
 * keyed by (student, subject, study period). Due no later than one day after the period (п. 6.1).
 */
export const finalMarkSchema = z
  .object({
    studentId: personIdSchema,
    subjectId: subjectIdSchema,
    studyPeriodId: studyPeriodIdSchema,
    /** The class the student was in when the mark was set. */
    classId: classIdSchema,
    /** The journal it was set in: the class, or the student's subgroup for a split subject (п. 5.5). */
    groupId: z.string().min(1).max(60),
    value: finalMarkValueSchema,
    comment: z.string().max(500).optional(),
    /** Set after its deadline, a day after the period (п. 6.1): allowed, and flagged. */
    late: z.boolean().optional(),
    version: versionSchema,
    setBy: personIdSchema,
    setAt: instantSchema,
  })
  .meta({ id: 'FinalMark', description: 'Quarter/half-year/year mark (п. 6.1, 6.2)' });
export type FinalMark = z.infer<typeof finalMarkSchema>;
