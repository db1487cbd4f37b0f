/**
 * The values a mark may take, as plain constants and predicates — no schema library, so the web
 * can compute averages with the domain's rules without carrying zod (mark.ts has the schemas).
 */

/** Numeric marks. */
export const NUMERIC_MARK_VALUES = ['1', '2', '3', '4', '5'] as const;
/** Non-numeric marks: освобождён, зачёт, незачёт, не аттестован. */
export const NON_NUMERIC_MARK_VALUES = ['ОСВ', 'ЗЧ', 'НЗ', 'н/а'] as const;
/** Every value a current mark may take. */
export const MARK_VALUES = [...NUMERIC_MARK_VALUES, ...NON_NUMERIC_MARK_VALUES] as const;

export type NumericMarkValue = (typeof NUMERIC_MARK_VALUES)[number];
export type MarkValue = (typeof MARK_VALUES)[number];

/** «1, 2, 3, 4, 5, ОСВ, ЗЧ, НЗ, н/а» — for messages. */
export const MARK_VALUES_TEXT = MARK_VALUES.join(', ');

export function isMarkValue(value: string): value is MarkValue {
  return (MARK_VALUES as readonly string[]).includes(value);
}

export function isNumericMarkValue(value: string): value is NumericMarkValue {
  return (NUMERIC_MARK_VALUES as readonly string[]).includes(value);
}
