/**
 * Calendar dates `YYYY-MM-DD` for the pages, without Intl (the same text in every browser and in
 * the unit tests). A date means that day in the school; arithmetic is done in UTC so no time
 * zone or daylight-saving change can shift it.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function toUtc(iso: string): Date {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`Not a date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function fromUtc(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(iso: string, days: number): string {
  const date = toUtc(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** Monday of the week `iso` falls in. */
export function mondayOf(iso: string): string {
  const weekday = toUtc(iso).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((weekday + 6) % 7));
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

/** Today in the school's time zone when it is known, else in the browser's. */
export function todayIso(now: Date = new Date(), timeZone: string | undefined = schoolTimeZone): string {
  if (timeZone) {
    try {
      // en-CA writes dates as YYYY-MM-DD; only the numbers are read.
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
      const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
      const iso = `${part('year')}-${part('month')}-${part('day')}`;
      if (isIsoDate(iso)) return iso;
    } catch {
      // an unknown zone: the browser's date below
    }
  }
  const y = String(now.getFullYear()).padStart(4, '0');
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
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
