/**
 * Calendar dates `YYYY-MM-DD` for the pages, without Intl (the same text in every browser and in
 * the unit tests). A date means that day in the school; arithmetic is done in UTC so no time
 * zone or daylight-saving change can shift it.
 */

import { addDays, isIsoDate, isValidTimeZone, localDateOf, weekdayOf } from '#shared/domain/date-math.ts';

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

/** Sunday first, as Date.getUTCDay() counts. */
const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'] as const;

/** The API's own date arithmetic (shared/domain/date-math.ts, zod-free). */
export { addDays, isIsoDate };

/** Monday of the week `iso` falls in. */
export function mondayOf(iso: string): string {
  return addDays(iso, -(weekdayOf(iso) - 1));
}

let schoolTimeZone: string | undefined;

/**
 * The school's time zone (`timeZone` of /config.json), set once at start: "today" is then the
 * school's date whatever the browser's zone is (a parent abroad, a laptop set to UTC). Pages
 * that get the school's date from the API (`today` of a journal) prefer that.
 */
export function setSchoolTimeZone(timeZone: string | undefined): void {
  schoolTimeZone = timeZone;
}

/** Today in the school's time zone when it is known (as the API computes it), else in the browser's. */
export function todayIso(now: Date = new Date(), timeZone: string | undefined = schoolTimeZone): string {
  if (timeZone && isValidTimeZone(timeZone)) return localDateOf(now, timeZone);
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** The date as a UTC midnight, to read its parts (throws on a string that is no date). */
function toUtc(iso: string): Date {
  if (!isIsoDate(iso)) throw new RangeError(`Not a date: ${iso}`);
  return new Date(`${iso}T00:00:00Z`);
}

/** `2026-11-05` → `05.11` (journal column headers). */
export function formatDayMonth(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
}

/** `2026-11-05` → `05.11.2026`. */
export function formatShortDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** `2026-11-05` → `5 ноября`. */
export function formatDayMonthText(iso: string): string {
  const date = toUtc(iso);
  return `${date.getUTCDate()} ${MONTHS_GENITIVE[date.getUTCMonth()]}`;
}

/** `2026-11-05` → `четверг`. */
export function weekdayName(iso: string): string {
  return WEEKDAYS[toUtc(iso).getUTCDay()] ?? '';
}

/** `2026-11-23` → `Понедельник, 23 ноября`. */
export function formatDayHeading(iso: string): string {
  const name = weekdayName(iso);
  return `${name.charAt(0).toLocaleUpperCase('ru')}${name.slice(1)}, ${formatDayMonthText(iso)}`;
}

/**
 * The school week (Monday–Saturday) as text: `23–28 ноября 2026`, `30 ноября – 5 декабря 2026`,
 * `29 декабря 2025 – 3 января 2026`.
 */
export function formatWeekRange(monday: string): string {
  const start = toUtc(monday);
  const end = toUtc(addDays(monday, 5));
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  if (sameYear && start.getUTCMonth() === end.getUTCMonth()) {
    return `${start.getUTCDate()}–${end.getUTCDate()} ${MONTHS_GENITIVE[end.getUTCMonth()]} ${end.getUTCFullYear()}`;
  }
  const from = `${formatDayMonthText(monday)}${sameYear ? '' : ` ${start.getUTCFullYear()}`}`;
  return `${from} – ${formatDayMonthText(addDays(monday, 5))} ${end.getUTCFullYear()}`;
}
