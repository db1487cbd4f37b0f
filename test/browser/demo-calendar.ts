import { addDays, localDateOf, type IsoDate } from '../../shared/domain/dates.ts';
import type { StudyPeriod } from '../../shared/domain/study-period.ts';
import { buildCalendar, mondayOf, type SchoolCalendar } from '../../infra/local/seed/demo-school/calendar.ts';

/**
 * What the browser server's demo school holds on the day the tests run. It is seeded from the
 * real date (infra/local/seed: lessons from 1 September up to yesterday, final marks of the
 * periods that ended before today), so the tests compute from the same calendar which week and
 * which period have lessons, instead of looking around on the page and asserting only what they
 * happen to find.
 */

/** The demo school's time zone (infra/schools/demo.json), as the browser's (playwright.config.ts). */
export const SCHOOL_TIME_ZONE = 'Europe/Moscow';

/** Today in the school, as the server seeded it. */
export function schoolToday(now = Date.now()): IsoDate {
  return localDateOf(now, SCHOOL_TIME_ZONE);
}

export function demoCalendar(today: IsoDate = schoolToday()): SchoolCalendar {
  return buildCalendar(today);
}

/** The Monday of the week the diary opens with (the week of today; on Sunday, the week ending). */
export function currentWeek(today: IsoDate = schoolToday()): IsoDate {
  return mondayOf(today);
}

/**
 * The latest week before the current one with at least `minDays` school days of the grade — all
 * of them held, with topics, homework and marks; null in the first days of a school year.
 */
export function lastPastSchoolWeek(grade: number, minDays = 3, today: IsoDate = schoolToday()): IsoDate | null {
  const calendar = demoCalendar(today);
  for (let monday = addDays(currentWeek(today), -7); monday >= mondayOf(calendar.year.startDate); monday = addDays(monday, -7)) {
    if (calendar.schoolDays(monday, addDays(monday, 5), grade).length >= minDays) return monday;
  }
  return null;
}

/** Weeks from the current one back to `monday` (how often to press «Предыдущая неделя»). */
export function weeksBack(monday: IsoDate, today: IsoDate = schoolToday()): number {
  return Math.round((Date.parse(currentWeek(today)) - Date.parse(monday)) / (7 * 86_400_000));
}

/** The grade's quarters (half-years for 10–11) in order. */
export function periodsOf(grade: number, today: IsoDate = schoolToday()): StudyPeriod[] {
  return demoCalendar(today)
    .periods.filter((p) => p.kind !== 'year' && p.grades.includes(grade))
    .sort((a, b) => a.startDate.localeCompare(b.startDate));
}

/** How many school days of the period the grade has had before today (lessons held). */
export function daysHeld(period: StudyPeriod, grade: number, today: IsoDate = schoolToday()): number {
  const calendar = demoCalendar(today);
  const end = [period.endDate, addDays(today, -1)].sort()[0]!;
  return end < period.startDate ? 0 : calendar.schoolDays(period.startDate, end, grade).length;
}

/** The grade's periods with at least `minDays` school days held, in order. */
export function periodsWithLessons(grade: number, minDays: number, today: IsoDate = schoolToday()): StudyPeriod[] {
  return periodsOf(grade, today).filter((p) => daysHeld(p, grade, today) >= minDays);
}

/** Periods whose final marks the demo school holds: ended before yesterday (seed/demo-school/finals.ts). */
export function periodsWithFinalMarks(grade: number, today: IsoDate = schoolToday()): StudyPeriod[] {
  return periodsOf(grade, today).filter((p) => grade >= 2 && addDays(p.endDate, 1) < today);
}
