/**
 * «Контроль»: the scheduled control checks by name (functions/scheduled/schedules.ts) with their
 * Russian titles and clauses, what a run on demand did, and the backups' state in words. Pure.
 */
import type { ControlCheck } from '#shared/api/control.ts';
import type { BackupSummary } from '#shared/api/backups.ts';
import type { OperationOutput } from './operations.ts';
import { formatInstantDate, formatInstantDateTime, plural } from './format.ts';
import { formatBytes, formatCount } from './report-format.ts';

export type { ControlCheck, BackupSummary };
export type ControlReport = OperationOutput<'listControlReports'>['reports'][number];

/** In the order the page offers them. */
export const CONTROL_CHECKS: readonly { check: ControlCheck; title: string }[] = [
  { check: 'daily-fill-check', title: 'Ежедневная проверка заполнения журнала' },
  { check: 'monthly-operator-control', title: 'Ежемесячный контроль оператора (п. 5.11)' },
  { check: 'period-control', title: 'Справка по итогам периода (п. 7.3, 7.4)' },
  { check: 'final-marks-check', title: 'Проверка итоговых отметок (п. 6.1)' },
  { check: 'class-data-review', title: 'Напоминание классным руководителям (п. 6/4.1)' },
  { check: 'year-end-archive', title: 'Архив журналов за учебный год (п. 7.1)' },
];

export function checkTitle(check: ControlCheck): string {
  return CONTROL_CHECKS.find((c) => c.check === check)?.title ?? check;
}

/** What a run on demand did: the report made and mailed, or the stored one of this period (sent once only). */
export function runResultText(created: boolean): string {
  return created ? 'Справка сформирована и отправлена.' : 'Уже сформирована за этот период — повторно не отправлялась.';
}

/** Newest first, whatever order they came in. */
export function newestFirst(reports: readonly ControlReport[]): ControlReport[] {
  return [...reports].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A stored report with the run's answer put in its place (or on top when new). */
export function withReport(reports: readonly ControlReport[], report: ControlReport): ControlReport[] {
  return newestFirst([report, ...reports.filter((r) => r.id !== report.id)]);
}

/** Who was e-mailed, each role once with its count: «учитель (4), оператор». */
export function mailedText(mailed: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const who of mailed) counts.set(who, (counts.get(who) ?? 0) + 1);
  return [...counts].map(([who, n]) => (n > 1 ? `${who} (${n})` : who)).join(', ');
}

/** A clause stays on one line with its number: «п. 6.1» with a non-breaking space. */
export function keepClauses(text: string): string {
  return text.replace(/п\. (?=\d)/g, 'п.\u00a0');
}

/** «PDF», «Excel», «JSON» (the journal archive): the name of a report's file link. */
export function fileLabel(format: ControlReport['files'][number]['format']): string {
  return { pdf: 'PDF', xlsx: 'Excel', json: 'JSON' }[format];
}

// ── backups (п. 7.1) ─────────────────────────────────────────────────────

/** «проверена 02.12.2026: восстановление успешно»; «восстановление не проверялась» without a drill. */
export function drillText(verified: BackupSummary['verified'], offsetMinutes?: number): string {
  if (!verified) return 'восстановление не проверялось';
  const day = formatInstantDate(verified.at, offsetMinutes);
  return `проверена ${day}: ${verified.ok ? 'восстановление успешно' : 'восстановление не удалось'}`;
}

/** «12 345 записей · 3,4 МБ». */
export function backupSizeText(backup: Pick<BackupSummary, 'itemCount' | 'bytes'>): string {
  return `${formatCount(backup.itemCount)} ${plural(backup.itemCount, 'запись', 'записи', 'записей')} · ${formatBytes(backup.bytes)}`;
}

/** When it was taken, in local time: «06.12.2026, 03:00». */
export function takenText(backup: Pick<BackupSummary, 'takenAt'>, offsetMinutes?: number): string {
  return formatInstantDateTime(backup.takenAt, offsetMinutes);
}

/** The largest entity types of a backup, for a line under it: «JOURNAL:mark 80 000, PERSON 2 100, …». */
export function entityText(counts: Readonly<Record<string, number>>, top = 4): string {
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, top).map(([name, n]) => `${name} ${formatCount(n)}`);
  const rest = sorted.length - top;
  return rest > 0 ? `${shown.join(', ')} и ещё ${rest}` : shown.join(', ');
}
