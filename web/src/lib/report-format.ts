/**
 * Numbers of the reports the Russian way, the same in every browser (no Intl): a decimal comma,
 * a non-breaking space before «%» and between thousands. Pure.
 */

/** Between a number and «%», and between groups of thousands: never broken across lines. */
const NBSP = '\u00a0';

/** 1234 → «1 234», 87 → «87»; negative numbers keep their sign. */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** 87.5 → «87,5 %», 100 → «100 %», 40.94 → «40,9 %»; null (nothing counted) → «—». */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.round(value * 10) / 10;
  return `${String(rounded).replace('.', ',')}${NBSP}%`;
}

/** An average mark with two decimals: 4.25 → «4,25», 4 → «4,00»; null → «—». */
export function formatMark(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(2).replace('.', ',');
}

/** A share of a whole as a percentage (one decimal), or null when the whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Bytes as the operator reads them: «812 Б», «3,4 КБ», «12,5 МБ», «1,2 ГБ». */
export function formatBytes(bytes: number): string {
  const units = ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = unit === 0 ? String(Math.round(value)) : String(Math.round(value * 10) / 10).replace('.', ',');
  return `${text}${NBSP}${units[unit]}`;
}
