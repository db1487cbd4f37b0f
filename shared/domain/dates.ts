import * as z from 'zod';
import { isValidTimeZone } from './date-math.ts';

/**
 * Dates and times, without libraries.
 *
 * - A calendar date is an ISO string `YYYY-MM-DD` (`IsoDate`): lesson dates, period bounds,
 *   birth dates. It has no time zone; it means that day in the school's time zone.
 * - A moment is an ISO 8601 UTC string with `Z` (`Instant`), e.g. `2026-09-01T05:30:00.000Z`:
 *   when something was filled, set, sent. Such strings sort chronologically as text.
 * - A day begins and ends in the school's IANA time zone (`Europe/Moscow`,
 *   `Asia/Yekaterinburg` …); `startOfDay` / `endOfDay` find those moments with `Intl`.
 *
 * Range naming: calendar spans (year, period, holidays) use `startDate`/`endDate`; membership
 * records (enrollment, assignment, guardianship) use `from`/`to`; the timetable uses
 * `validFrom`/`validTo`. All bounds are inclusive; a missing end means "open".
 */

/** A calendar date `YYYY-MM-DD`. */
export const isoDateSchema = z
  .iso.date({ error: 'Дата должна быть в формате ГГГГ-ММ-ДД, например 2026-09-01' })
  .meta({ id: 'IsoDate', description: 'Calendar date YYYY-MM-DD (the day in the school time zone)' });
export type IsoDate = z.infer<typeof isoDateSchema>;

/** A moment in time: ISO 8601 in UTC with `Z`. */
export const instantSchema = z
  .iso.datetime({ error: 'Время должно быть в формате ISO 8601 (UTC), например 2026-09-01T05:30:00Z' })
  .meta({ id: 'Instant', description: 'A moment, ISO 8601 UTC with Z, e.g. 2026-09-01T05:30:00.000Z' });
export type Instant = z.infer<typeof instantSchema>;

/** A wall-clock time `HH:MM` (bell schedule). */
export const timeOfDaySchema = z
  .iso.time({ precision: -1, error: 'Время должно быть в формате ЧЧ:ММ, например 08:30' })
  .meta({ id: 'TimeOfDay', description: 'Wall-clock time HH:MM in the school time zone' });
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;

/** An IANA time zone such as `Europe/Moscow`. */
export const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: 'Укажите часовой пояс IANA, например Europe/Moscow' })
  .meta({ id: 'TimeZone', description: 'IANA time zone, e.g. Europe/Moscow' });

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z
  .number()
  .int()
  .min(1, { error: 'День недели — число от 1 (понедельник) до 7 (воскресенье)' })
  .max(7, { error: 'День недели — число от 1 (понедельник) до 7 (воскресенье)' })
  .meta({ id: 'Weekday', description: 'ISO weekday, 1 = Monday … 7 = Sunday' });

// The arithmetic itself, free of zod (the page imports it from there).
export * from './date-math.ts';
