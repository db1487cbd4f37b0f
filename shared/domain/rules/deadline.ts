import { addDays, endOfDay, formatDateRu, toInstant, type Instant, type IsoDate } from '../dates.ts';

/**
 * A deadline in the school's time zone: the last day something may be done, and the moment
 * that day ends (exclusive: done at or after `endsAt` is late).
 */
export type Deadline = {
  /** The last allowed day, e.g. `2026-09-03`. */
  lastDay: IsoDate;
  /** The first moment after the last day in the school time zone, ISO UTC. */
  endsAt: Instant;
};

/** The deadline `days` calendar days after `date`, ending at midnight of the school time zone. */
export function deadlineAfter(date: IsoDate, days: number, timeZone: string): Deadline {
  const lastDay = addDays(date, days);
  return { lastDay, endsAt: toInstant(endOfDay(lastDay, timeZone)) };
}

/** «до 03.09.2026 включительно». */
export function describeDeadline(deadline: Deadline): string {
  return `до ${formatDateRu(deadline.lastDay)} включительно`;
}
