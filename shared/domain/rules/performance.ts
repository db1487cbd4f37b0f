/**
 * п. 2.3, 7.3, 7.4 (b): the school's performance figures — успеваемость, качество знаний, СОУ and
 * the average mark — from students' results. A result is one student's standing in one subject for
 * a period: their final mark, or the rounded weighted average of the period's marks. The formulas
 * are written out in docs/metrics.md, and the screens print them.
 */
import { suggestPeriodMark } from './average.ts';

/** One student × subject result. `exempt` (ОСВ) and `none` (no marks) are not counted at all. */
export type ResultValue = '5' | '4' | '3' | '2' | '1' | 'н/а' | 'ЗЧ' | 'НЗ' | 'exempt' | 'none';

export type Figures = {
  n: number;
  n5: number;
  n4: number;
  n3: number;
  n2: number;
  nNa: number;
  nPass: number;
  nFail: number;
  successRate: number | null;
  qualityRate: number | null;
  sou: number | null;
  average: number | null;
};

/** СОУ weights (В. П. Симонов): «5» 100 %, «4» 64 %, «3» 36 %, «2» 16 %, «н/а» 7 %. */
export const SOU_WEIGHTS = { n5: 1, n4: 0.64, n3: 0.36, n2: 0.16, nNa: 0.07 } as const;

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const share = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

/** The counts of a set of results, and the figures; `n` counts results (student × subject). */
export function figuresOfResults(results: readonly ResultValue[]): Figures {
  const c = { n5: 0, n4: 0, n3: 0, n2: 0, nNa: 0, nPass: 0, nFail: 0, sum: 0, numeric: 0 };
  for (const r of results) {
    switch (r) {
      case '5': c.n5++; c.sum += 5; c.numeric++; break;
      case '4': c.n4++; c.sum += 4; c.numeric++; break;
      case '3': c.n3++; c.sum += 3; c.numeric++; break;
      case '2': c.n2++; c.sum += 2; c.numeric++; break;
      case '1': c.n2++; c.sum += 1; c.numeric++; break;
      case 'н/а': c.nNa++; break;
      case 'ЗЧ': c.nPass++; break;
      case 'НЗ': c.nFail++; break;
      default: break;
    }
  }
  const graded = c.n5 + c.n4 + c.n3 + c.n2 + c.nNa;
  const n = graded + c.nPass + c.nFail;
  const souPoints = c.n5 * SOU_WEIGHTS.n5 + c.n4 * SOU_WEIGHTS.n4 + c.n3 * SOU_WEIGHTS.n3 + c.n2 * SOU_WEIGHTS.n2 + c.nNa * SOU_WEIGHTS.nNa;
  return {
    n,
    n5: c.n5,
    n4: c.n4,
    n3: c.n3,
    n2: c.n2,
    nNa: c.nNa,
    nPass: c.nPass,
    nFail: c.nFail,
    successRate: share(n - c.n2 - c.nNa - c.nFail, n),
    qualityRate: share(c.n5 + c.n4, graded),
    sou: graded > 0 ? round1((souPoints / graded) * 100) : null,
    average: c.numeric > 0 ? round2(c.sum / c.numeric) : null,
  };
}

/**
 * A student's standing across their subjects, by their weakest result: «н/а» if any, else «2»
 * if any failing (2, 1, незачёт), else «3» if any 3, else «4» if any 4, else «5» (отличник).
 * Credit results count only for failing. Null when nothing is counted.
 */
export function studentStanding(results: readonly ResultValue[]): '5' | '4' | '3' | '2' | 'н/а' | null {
  const counted = results.filter((r) => r !== 'exempt' && r !== 'none');
  if (counted.length === 0) return null;
  if (counted.includes('н/а')) return 'н/а';
  if (counted.some((r) => r === '2' || r === '1' || r === 'НЗ')) return '2';
  if (counted.includes('3')) return '3';
  if (counted.includes('4')) return '4';
  return '5';
}

/**
 * A class (or the school) counted by students: N students with a counted result; успеваемость
 * and качество by each student's standing (успевающий: no failing result and no «н/а»; качество:
 * every graded result 4 or 5); СОУ and the average over all their results.
 */
export function figuresOfStudents(perStudent: readonly (readonly ResultValue[])[]): Figures {
  const all = figuresOfResults(perStudent.flat());
  const standing = perStudent.map(studentStanding).filter((s): s is NonNullable<typeof s> => s !== null);
  const count = (v: string) => standing.filter((s) => s === v).length;
  const n = standing.length;
  const n5 = count('5');
  const n4 = count('4');
  const n2 = count('2');
  const nNa = count('н/а');
  return {
    ...all,
    n,
    n5,
    n4,
    n3: count('3'),
    n2,
    nNa,
    nPass: 0,
    nFail: 0,
    successRate: share(n - n2 - nNa, n),
    qualityRate: share(n5 + n4, n),
  };
}

/** A final mark as a result. */
export function resultOfFinal(value: string): ResultValue {
  if (value === 'ОСВ') return 'exempt';
  if (['5', '4', '3', '2', '1', 'н/а', 'ЗЧ', 'НЗ'].includes(value)) return value as ResultValue;
  return 'none';
}

/**
 * A result from the period's current marks: the weighted average rounded at the school's
 * threshold (2,50 → 3 at 0,5); with no numeric mark, «н/а» if one was given, the last credit mark,
 * exempt when every mark is ОСВ, else none.
 */
export function resultOfCurrent(average: number | null, values: readonly string[], threshold: number): ResultValue {
  const suggested = suggestPeriodMark(average, threshold);
  if (suggested !== null) return suggested;
  if (values.includes('н/а')) return 'н/а';
  const credit = [...values].reverse().find((v) => v === 'ЗЧ' || v === 'НЗ');
  if (credit) return credit as ResultValue;
  if (values.length > 0 && values.every((v) => v === 'ОСВ')) return 'exempt';
  return 'none';
}
