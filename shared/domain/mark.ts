import * as z from 'zod';
import { instantSchema } from './dates.ts';
import { lessonIdSchema, markIdSchema, personIdSchema, workTypeIdSchema } from './ids.ts';
import { versionSchema } from './version.ts';
import { MARK_VALUES, MARK_VALUES_TEXT, isNumericMarkValue } from './mark-values.ts';

export * from './mark-values.ts';

/** One mark value. */
export const markValueSchema = z
  .enum(MARK_VALUES, { error: `Недопустимая отметка. Допустимые значения: ${MARK_VALUES_TEXT}` })
  .meta({ id: 'MarkValue', description: '1–5, ОСВ (освобождён), ЗЧ (зачёт), НЗ (незачёт), н/а (не аттестован)' });

/** The values in one cell: one, or two numeric for a double mark «5/4». */
export const markValuesSchema = z
  .array(markValueSchema)
  .min(1, { error: 'Укажите отметку' })
  .max(2, { error: 'В одной клетке не больше двух отметок' })
  .refine((values) => values.length < 2 || values.every(isNumericMarkValue), {
    error: 'Двойная отметка может состоять только из чисел от 1 до 5, например 5/4',
  })
  .meta({ id: 'MarkValues', description: 'One value, or two numeric values for a double mark «5/4»' });

/** `5/4`, `ЗЧ`. */
export function formatMarkValues(values: readonly string[]): string {
  return values.join('/');
}

/**
 * A current mark (отметка) of a student for a lesson. A lesson may have several marks per
 * student (different works); a double mark «5/4» in one cell is one mark with two values.
 */
export const markSchema = z
  .object({
    id: markIdSchema,
    lessonId: lessonIdSchema,
    studentId: personIdSchema,
    values: markValuesSchema,
    /** What the mark is for; its weight comes from the work type unless `weight` overrides it. */
    workTypeId: workTypeIdSchema,
    /** Weight override for this mark (0.1–10); normally absent. */
    weight: z.number().min(0.1).max(10).optional(),
    comment: z.string().max(500).optional(),
    /** A control-work mark entered after its deadline (п. 5.2): allowed, and flagged for the checks. */
    late: z.boolean().optional(),
    version: versionSchema,
    setBy: personIdSchema,
    setAt: instantSchema,
  })
  .meta({ id: 'Mark', description: 'A current mark of a student for a lesson (п. 5.1, 5.2)' });
export type Mark = z.infer<typeof markSchema>;
