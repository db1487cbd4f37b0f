import { MARK_VALUES_TEXT, isMarkValue, isNumericMarkValue, type MarkValue } from '../mark.ts';
import type { Subject } from '../subject.ts';
import { violation, type RuleViolation } from './violation.ts';

/**
 * п. 5.1 (marks are entered accurately): the values of one journal cell. A cell holds one value
 * from 1–5, ОСВ, ЗЧ, НЗ, н/а, or a double mark of two numeric values («5/4»). A subject graded
 * by credit (зачёт/незачёт) takes no numeric marks.
 */
export function checkMarkValues(
  values: readonly string[],
  subject?: Pick<Subject, 'grading'>,
): RuleViolation[] {
  if (values.length === 0) return [violation('п. 5.1', 'MARK_EMPTY', 'Отметка не указана')];
  const out: RuleViolation[] = [];
  for (const value of values) {
    if (!isMarkValue(value)) {
      out.push(
        violation('п. 5.1', 'MARK_VALUE_INVALID', `Недопустимая отметка «${value}». Допустимые значения: ${MARK_VALUES_TEXT}`, {
          value,
        }),
      );
    }
  }
  if (values.length > 2) {
    out.push(
      violation('п. 5.1', 'MARK_DOUBLE_TOO_MANY', 'В одной клетке можно поставить не больше двух отметок, например 5/4', {
        count: values.length,
      }),
    );
  } else if (values.length === 2 && values.some((v) => isMarkValue(v) && !isNumericMarkValue(v))) {
    out.push(
      violation('п. 5.1', 'MARK_DOUBLE_NON_NUMERIC', 'Двойная отметка может состоять только из чисел от 1 до 5, например 5/4'),
    );
  }
  if (subject?.grading === 'credit' && values.some(isNumericMarkValue)) {
    out.push(
      violation('п. 5.1', 'MARK_NUMERIC_IN_CREDIT_SUBJECT', 'По этому предмету ставится только «ЗЧ» или «НЗ» (безотметочное обучение)'),
    );
  }
  return out;
}

const ALIASES: Record<string, MarkValue> = {
  ОСВ: 'ОСВ',
  ЗЧ: 'ЗЧ',
  НЗ: 'НЗ',
  'Н/А': 'н/а',
  НА: 'н/а',
};

/**
 * Reads what a teacher typed into a cell: `5`, `5/4`, `зч`, `Н/А`, ` 4 / 3 `. Letters may be
 * in any case; the result is canonical values, or the violations that `checkMarkValues` gives.
 */
export function parseMarkInput(text: string): { values: MarkValue[]; violations: [] } | { values: null; violations: RuleViolation[] } {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  const whole = ALIASES[compact];
  const parts = whole ? [whole] : compact.split('/').map((p) => ALIASES[p] ?? p);
  const violations = checkMarkValues(compact === '' ? [] : parts);
  if (violations.length > 0) return { values: null, violations };
  return { values: parts as MarkValue[], violations: [] };
}
