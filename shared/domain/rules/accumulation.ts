/**
 * Накопляемость (п. 7.4 b: presence and objectivity of current marks): how many marks a student
 * should have by now in one journal, given the lessons held. Nothing is asked before 5 lessons;
 * then 3 marks, and one more for every 10 lessons beyond the first 10 (a 1-hour subject's quarter
 * of ~8 lessons: 3; a 5-hour subject's quarter of ~40 lessons: 6). docs/metrics.md says the same.
 */
export function requiredMarks(lessonsHeld: number): number {
  if (lessonsHeld < 5) return 0;
  return 3 + Math.floor(Math.max(0, lessonsHeld - 10) / 10);
}

/** Marks that count: every entry but ОСВ (an exemption is not an assessment). */
export function countsAsMark(values: readonly string[]): boolean {
  return values.some((v) => v !== 'ОСВ');
}
