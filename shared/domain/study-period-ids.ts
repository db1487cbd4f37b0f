/**
 * Study periods by id — pure and free of zod (the page builds its period choices from it):
 * `2026-2027-q1` is the first quarter of 2026/27, `2026-2027-y` the year.
 */
export const studyPeriodKinds = ['quarter', 'trimester', 'half-year', 'year'] as const;
export type StudyPeriodKind = (typeof studyPeriodKinds)[number];

/** How many periods of a kind a year has, and the letter used in ids. */
export const studyPeriodKindInfo: Record<StudyPeriodKind, { count: number; letter: string; label: string }> = {
  quarter: { count: 4, letter: 'q', label: 'четверть' },
  trimester: { count: 3, letter: 't', label: 'триместр' },
  'half-year': { count: 2, letter: 'h', label: 'полугодие' },
  year: { count: 1, letter: 'y', label: 'год' },
};

/** `<year>-<letter><number>`, the year without a number. */
export const STUDY_PERIOD_ID = /^(\d{4}-\d{4})-(q[1-4]|t[1-3]|h[12]|y)$/;

/** `2026-2027-q1`, `2026-2027-y`. */
export function studyPeriodIdOf(academicYearId: string, kind: StudyPeriodKind, number: number): string {
  const { letter } = studyPeriodKindInfo[kind];
  return kind === 'year' ? `${academicYearId}-${letter}` : `${academicYearId}-${letter}${number}`;
}

/** `2026-2027-q2` → the year, the kind and its number; undefined for anything else. */
export function parseStudyPeriodId(id: string): { academicYearId: string; kind: StudyPeriodKind; number: number } | undefined {
  const m = STUDY_PERIOD_ID.exec(id);
  if (!m) return undefined;
  const part = m[2]!;
  const kind = studyPeriodKinds.find((k) => studyPeriodKindInfo[k].letter === part.charAt(0))!;
  return { academicYearId: m[1]!, kind, number: kind === 'year' ? 1 : Number(part.slice(1)) };
}

/** «1 четверть», «2 полугодие», «Год». */
export function studyPeriodName(kind: StudyPeriodKind, number: number): string {
  return kind === 'year' ? 'Год' : `${number} ${studyPeriodKindInfo[kind].label}`;
}
