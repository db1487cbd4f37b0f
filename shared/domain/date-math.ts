/**
 * Date arithmetic on ISO calendar dates (`YYYY-MM-DD`) and instants (ISO 8601 UTC), and the
 * school's day in its IANA time zone — pure and free of zod, so the page computes "the next
 * day" or "today at the school" exactly as the API does (the schemas are in dates.ts).
 */

/** A calendar date `YYYY-MM-DD` (the day in the school's time zone). */
export type IsoDate = string;
/** A moment: ISO 8601 in UTC with `Z`. */
export type Instant = string;
/** A wall-clock time `HH:MM`. */
export type TimeOfDay = string;

/** A moment as the functions accept it: a Date, an ISO string or epoch milliseconds. */
export type InstantInput = Date | string | number;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(value: string): boolean {
  if (!value.includes('/') && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** True for a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function dateToUtcMs(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`Not an ISO date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function utcMsToDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

/** -1, 0 or 1; ISO dates compare as text. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  const day = new Date(dateToUtcMs(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `date` within [from, to], both inclusive; a missing bound is open. */
export function isDateWithin(date: IsoDate, from: IsoDate | null | undefined, to: IsoDate | null | undefined): boolean {
  return (from == null || date >= from) && (to == null || date <= to);
}

/** Do the inclusive ranges [aFrom, aTo] and [bFrom, bTo] share a day? */
export function rangesOverlap(aFrom: IsoDate, aTo: IsoDate, bFrom: IsoDate, bTo: IsoDate): boolean {
  return aFrom <= bTo && bFrom <= aTo;
}

/** `01.09.2026` — the Russian way to write a date in messages. */
export function formatDateRu(date: IsoDate): string {
  const m = ISO_DATE.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

/** Milliseconds since the epoch; throws on an unparseable string (a programming error). */
export function toEpochMs(instant: InstantInput): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not a moment in time: ${String(instant)}`);
  return ms;
}

/** The canonical Instant string of epoch milliseconds. */
export function toInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

// ---- time zones ------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClock(ms: number, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof WallClock] = Number(part.value);
  }
  return out;
}

/** The zone's offset from UTC at a moment, in milliseconds (Moscow: +3 h). */
export function zoneOffsetMs(instant: InstantInput, timeZone: string): number {
  const ms = toEpochMs(instant);
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallClock(whole, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/** The calendar date a moment falls on in the time zone. */
export function localDateOf(instant: InstantInput, timeZone: string): IsoDate {
  const w = wallClock(toEpochMs(instant), timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The wall-clock time `HH:MM` of a moment in the time zone. */
export function localTimeOf(instant: InstantInput, timeZone: string): TimeOfDay {
  const w = wallClock(toEpochMs(instant), timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/**
 * The first moment of `date` in the time zone (epoch ms). Where midnight is skipped by a
 * clock change, the day begins at the change.
 */
export function startOfDay(date: IsoDate, timeZone: string): number {
  const wallMidnight = dateToUtcMs(date);
  const offsets = new Set(
    [wallMidnight - DAY_MS, wallMidnight, wallMidnight + DAY_MS].map((t) => zoneOffsetMs(t, timeZone)),
  );
  let best: number | undefined;
  for (const offset of offsets) {
    const candidate = wallMidnight - offset;
    if (localDateOf(candidate, timeZone) === date && (best === undefined || candidate < best)) best = candidate;
  }
  if (best !== undefined) return best;
  // Unreachable for real zones; fall back to the offset at wall midnight.
  return wallMidnight - zoneOffsetMs(wallMidnight, timeZone);
}

/** The first moment after `date` in the time zone (exclusive end of the day, epoch ms). */
export function endOfDay(date: IsoDate, timeZone: string): number {
  return startOfDay(addDays(date, 1), timeZone);
}
