import type { StudyPeriod } from '#shared/domain/study-period.ts';
import { studyPeriodFor } from '#shared/domain/rules/calendar.ts';
import { NotFoundError } from '#functions/lib/errors.ts';

/**
 * The period a page shows: the one asked for, else the one of today for the grade, else (in the
 * holidays) the last one that has begun, else the first.
 */
export function choosePeriod(periods: readonly StudyPeriod[], grade: number, today: string, periodId?: string): StudyPeriod {
  if (periodId) {
    const asked = periods.find((p) => p.id === periodId && p.grades.includes(grade));
    if (!asked) throw new NotFoundError('Такого учебного периода для этого класса нет.');
    return asked;
  }
  const own = periods.filter((p) => p.grades.includes(grade) && p.kind !== 'year').sort((a, b) => a.startDate.localeCompare(b.startDate));
  const current = studyPeriodFor(today, grade, own);
  const period = current ?? own.filter((p) => p.startDate <= today).at(-1) ?? own[0];
  if (!period) throw new NotFoundError('Учебные периоды для этого класса не заданы.');
  return period;
}
