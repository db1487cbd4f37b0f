import { localDateOf, localTimeOf, startOfDay, addDays, toEpochMs, type InstantInput } from '../date-math.ts';
import type { EmailMode, NotificationSettings, QuietHours } from '../notification.ts';

/**
 * When a notification's e-mail goes out (п. 2.4: parents informed in time, without waking them).
 * «Сразу» waits a few minutes after the change — a teacher correcting a slip within them tells
 * nobody — and never in the recipient's quiet hours; «Раз в день» goes at the digest time. All
 * wall-clock times are the school's.
 */
export const INSTANT_SETTLE_MS = 10 * 60_000;

/** The moment of `time` (HH:MM) on `date` in the zone. */
function at(date: string, time: string, timeZone: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  // Offsets are whole hours or minutes, and the day's start carries the day's offset.
  return startOfDay(date, timeZone) + (h * 60 + m) * 60_000;
}

/** Is a moment inside the quiet hours (a span that may cross midnight)? */
export function inQuietHours(moment: InstantInput, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const t = localTimeOf(moment, timeZone);
  return quiet.from < quiet.to ? t >= quiet.from && t < quiet.to : t >= quiet.from || t < quiet.to;
}

/** The first moment at or after `moment` outside the quiet hours. */
export function afterQuietHours(moment: number, quiet: QuietHours | null, timeZone: string): number {
  if (!inQuietHours(moment, quiet, timeZone) || !quiet) return moment;
  const today = localDateOf(moment, timeZone);
  const endToday = at(today, quiet.to, timeZone);
  return endToday > moment ? endToday : at(addDays(today, 1), quiet.to, timeZone);
}

/** The next digest moment strictly after `moment` (today's if still ahead, else tomorrow's), outside quiet hours. */
export function nextDigestAt(moment: number, settings: Pick<NotificationSettings, 'digestTime' | 'quietHours'>, timeZone: string): number {
  const today = localDateOf(moment, timeZone);
  let t = at(today, settings.digestTime, timeZone);
  if (t <= moment) t = at(addDays(today, 1), settings.digestTime, timeZone);
  return afterQuietHours(t, settings.quietHours, timeZone);
}

/** When the e-mail about a change made at `changedAt` goes, or null when it is not e-mailed. */
export function mailTime(
  mode: EmailMode,
  changedAt: InstantInput,
  settings: Pick<NotificationSettings, 'digestTime' | 'quietHours'>,
  timeZone: string,
): string | null {
  const t = toEpochMs(changedAt);
  if (mode === 'off') return null;
  const when = mode === 'instant' ? afterQuietHours(t + INSTANT_SETTLE_MS, settings.quietHours, timeZone) : nextDigestAt(t, settings, timeZone);
  return new Date(when).toISOString();
}
