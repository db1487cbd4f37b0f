// Plain modules only (no schemas): the web computes the same averages with these rules.
import { isNumericMarkValue, type NumericMarkValue } from '../mark-values.ts';
import type { WorkType } from '../work-types.ts';

/** Fraction from which a weighted average is rounded up when suggesting a period mark (x.5 → up). */
export const DEFAULT_ROUNDING_THRESHOLD = 0.5;

/** What the average needs of a mark. */
export type AveragedMark = {
  values: readonly string[];
  workTypeId: string;
  /** Per-mark override of the work type's weight. */
  weight?: number | undefined;
};

/** The weight of a mark: its own override, else its work type's weight, else 1. */
export function markWeight(mark: AveragedMark, workTypes: readonly Pick<WorkType, 'id' | 'weight'>[]): number {
  return mark.weight ?? workTypes.find((w) => w.id === mark.workTypeId)?.weight ?? 1;
}

/**
 * Weighted average of current marks: Σ(value × weight) / Σ(weight). Non-numeric marks (ОСВ,
 * ЗЧ, НЗ, н/а) are left out; each value of a double mark «5/4» counts as a mark of that
 * weight. Null when there is no numeric mark. The caller picks the marks (one student, one
 * subject, one period).
 */
export function weightedAverage(marks: readonly AveragedMark[], workTypes: readonly Pick<WorkType, 'id' | 'weight'>[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const mark of marks) {
    const weight = markWeight(mark, workTypes);
    for (const value of mark.values) {
      if (!isNumericMarkValue(value)) continue;
      sum += Number(value) * weight;
      weights += weight;
    }
  }
  return weights === 0 ? null : sum / weights;
}

/** The average as shown: two decimals (4.333… → 4.33). */
export function roundAverage(average: number): number {
  return Math.round(average * 100 + Number.EPSILON) / 100;
}

/**
 * A suggested period mark from the weighted average: the whole part, plus one when the
 * fraction reaches the threshold (default 0.5: 3.5 → 4, 3.49 → 3; a school may set e.g.
 * 0.6). Only a suggestion — the teacher sets the final mark and decides. The average is
 * first rounded to two decimals, as shown to the teacher, so 3.4999… counts as 3.5.
 */
export function suggestPeriodMark(
  average: number | null,
  threshold: number = DEFAULT_ROUNDING_THRESHOLD,
): NumericMarkValue | null {
  if (average === null) return null;
  const shown = roundAverage(average);
  const whole = Math.floor(shown);
  const fraction = Math.round((shown - whole) * 100) / 100;
  const mark = Math.min(5, Math.max(1, fraction >= threshold ? whole + 1 : whole));
  return String(mark) as NumericMarkValue;
}

const decimal = (n: number) => String(roundAverage(n)).replace('.', ',');

/**
 * The weighted average written out, as the teacher checks it: «(5·1 + 4·2 + 3·2) / (1 + 2 + 2) = 3,8».
 * Each value of a double mark is a term of its own; non-numeric marks are left out (as the average
 * leaves them out). Undefined when there is no numeric mark.
 */
export function averageFormula(marks: readonly AveragedMark[], workTypes: readonly Pick<WorkType, 'id' | 'weight'>[]): string | undefined {
  const terms: { value: string; weight: number }[] = [];
  for (const mark of marks) {
    const weight = markWeight(mark, workTypes);
    for (const value of mark.values) if (isNumericMarkValue(value)) terms.push({ value, weight });
  }
  const average = weightedAverage(marks, workTypes);
  if (average === null) return undefined;
  const sum = terms.map((t) => `${t.value}·${decimal(t.weight)}`).join(' + ');
  const weights = terms.map((t) => decimal(t.weight)).join(' + ');
  return `(${sum}) / (${weights}) = ${decimal(average)}`;
}
