/**
 * The one school clock: "today" and "the current year" in the school's time zone, never UTC's.
 * Every service that needs the date asks here, so a lesson's day, a deadline's day and who is in
 * a class today are the same day everywhere.
 */
import { localDateOf, type IsoDate } from '#shared/domain/dates.ts';
import { academicYearOn, type AcademicYear } from '#shared/domain/academic-year.ts';
import { functionEnv } from '#shared/config/function-env.ts';

/** The school's date of a moment (default: now). */
export function schoolToday(now: Date | number = Date.now()): IsoDate {
  return localDateOf(typeof now === 'number' ? now : now.getTime(), functionEnv().SCHOOL_TIME_ZONE);
}

/**
 * The academic year a school page means today: the one today falls in; in the summer between
 * two years, the last one that has begun; before any, the first.
 */
export function currentAcademicYear<Y extends Pick<AcademicYear, 'id' | 'startDate' | 'endDate'>>(years: readonly Y[], today: IsoDate = schoolToday()): Y | undefined {
  return academicYearOn(years, today);
}

/** The school's time zone (deadlines end at midnight there). */
export function schoolTimeZone(): string {
  return functionEnv().SCHOOL_TIME_ZONE;
}
