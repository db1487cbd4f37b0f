/**
 * Russian formatting of a report's values, shared by the CSV and PDF renderers (the XLSX one
 * writes real numbers with number formats of the same precision, see xlsx.ts).
 */
import type { ReportCell, ReportColumnKind } from './report-document.ts';

/** Decimal places per column kind: 12 · 4,25 · 87,5 %. */
export const DECIMALS: Record<Exclude<ReportColumnKind, 'text'>, number> = { integer: 0, decimal: 2, percent: 1 };

/** A no-break space: «87,5 %» and «1 234» never break across lines. */
const NBSP = '\u00a0';

/**
 * A number as a Russian reader writes it: decimal comma, fixed places for its kind. `grouping`
 * adds no-break thousands separators (for print; CSV leaves them out so Excel reads a number).
 */
export function formatNumber(value: number, kind: ReportColumnKind, options: { grouping?: boolean } = {}): string {
  if (!Number.isFinite(value)) return '';
  const places = kind === 'text' ? undefined : DECIMALS[kind];
  const fixed = places === undefined ? String(Math.round(value * 1e6) / 1e6) : value.toFixed(places);
  // "-0.0" from a tiny negative is still zero to a reader.
  const signless = /^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed;
  const [whole = '', fraction] = signless.split('.');
  const grouped = options.grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP) : whole;
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

/**
 * A cell as printed (PDF): numbers by kind, the percent sign after a no-break space; an empty
 * number is a dash (no value, not zero), an empty text is left blank.
 */
export function formatCellForPrint(cell: ReportCell, kind: ReportColumnKind): string {
  if (cell === null) return kind === 'text' ? '' : '—';
  if (typeof cell === 'string') return cell;
  const text = formatNumber(cell, kind, { grouping: true });
  return kind === 'percent' && text !== '' ? `${text}${NBSP}%` : text;
}

/** «Сформирован 06.12.2026 20:15» — the instant in the school's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

export function generatedLine(iso: string, timeZone: string): string {
  return `Сформирован ${formatDateTime(iso, timeZone)}`;
}

/** Numeric columns align right in print and get number formats in a sheet. */
export function isNumericKind(kind: ReportColumnKind): boolean {
  return kind !== 'text';
}
