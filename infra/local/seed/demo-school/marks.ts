/**
 * Mark values with a plausible distribution: each student has a consistent ability (plus a per
 * subject offset), one lesson's mark adds noise; the thresholds give about 5 — 30 %, 4 — 40 %,
 * 3 — 22 %, 2 — 7 %, 1 — under 1 % across the school. Control works are a little harsher.
 * Credit subjects get ЗЧ/НЗ; students exempt from physical education get ОСВ.
 */
import type { MarkValue, NumericMarkValue } from '#shared/domain/mark.ts';
import type { Student } from './model.ts';
import type { SubjectKey } from './curriculum.ts';
import type { Random } from './random.ts';

const NOISE_SD = 0.55;
/** Total standard deviation of the latent score: ability (0.8), subject offset (0.35), noise. */
const TOTAL_SD = Math.sqrt(0.8 ** 2 + 0.35 ** 2 + NOISE_SD ** 2);
/** Standard-normal quantiles of the cumulative targets 0.8 %, 7.5 %, 30 %, 70 %. */
const CUTS = [-2.41, -1.44, -0.524, 0.524].map((z) => z * TOTAL_SD);

export function numericMark(rng: Random, student: Student, subject: SubjectKey, shift = 0): NumericMarkValue {
  const z = student.ability + (student.subjectOffset[subject] ?? 0) + rng.normal(0, NOISE_SD) + shift;
  if (z < CUTS[0]!) return '1';
  if (z < CUTS[1]!) return '2';
  if (z < CUTS[2]!) return '3';
  if (z < CUTS[3]!) return '4';
  return '5';
}

/** A double mark «5/4» (e.g. a dictation: spelling / grammar task): the second value near the first. */
export function doubleMark(rng: Random, student: Student, subject: SubjectKey, shift = 0): [NumericMarkValue, NumericMarkValue] {
  const first = numericMark(rng, student, subject, shift);
  const second = Math.min(5, Math.max(2, Number(first) + rng.weighted([[-1, 45], [0, 35], [1, 20]])));
  return [first, String(second) as NumericMarkValue];
}

export function creditMark(rng: Random, student: Student): MarkValue {
  return student.ability < -1.2 && rng.chance(0.3) ? 'НЗ' : 'ЗЧ';
}

/** Students with a medical group other than the main one are assessed positively in PE (п. 6.2): no 1 or 2. */
export function peMark(rng: Random, student: Student): NumericMarkValue {
  const value = numericMark(rng, student, 'pe', 0.5);
  return student.person.healthGroup && Number(value) < 3 ? '3' : value;
}
