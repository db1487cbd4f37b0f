/**
 * Instants (ISO 8601 UTC from the API) shown in the school's local time, and Russian number
 * agreement. No Intl: the output is the same in every browser. The offset is the browser's
 * unless given (unit tests pass it).
 */

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The local wall-clock parts of an instant; null when it is not a date. */
function localParts(iso: string, offsetMinutes?: number): { y: number; m: number; d: number; hh: number; mm: number } | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const offset = offsetMinutes ?? -new Date(at).getTimezoneOffset();
  const local = new Date(at + offset * 60_000);
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    hh: local.getUTCHours(),
    mm: local.getUTCMinutes(),
  };
}

/** `2026-09-01T05:30:00Z` → `01.09.2026` (local date). */
export function formatInstantDate(iso: string, offsetMinutes?: number): string {
  const p = localParts(iso, offsetMinutes);
  return p ? `${pad(p.d)}.${pad(p.m)}.${p.y}` : '';
}

/** `2026-09-01T05:30:00Z` → `01.09.2026, 08:30` (Moscow). */
export function formatInstantDateTime(iso: string, offsetMinutes?: number): string {
  const p = localParts(iso, offsetMinutes);
  return p ? `${pad(p.d)}.${pad(p.m)}.${p.y}, ${pad(p.hh)}:${pad(p.mm)}` : '';
}

/** Russian agreement: plural(1, 'минута', 'минуты', 'минут') → «минута»; 3 → «минуты»; 11 → «минут». */
export function plural(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs >= 11 && abs <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/** «через 15 минут» from seconds (rounded up to whole minutes, at least one). */
export function minutesFromSeconds(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${plural(minutes, 'минуту', 'минуты', 'минут')}`;
}

/** A decimal in the Russian way, without trailing zeros: 1.5 → «1,5», 2 → «2», 0.25 → «0,25». */
export function formatDecimal(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}
