/**
 * The reports' calls: one operation per report with the query of report-query.ts, and the same
 * query to exportReport for a file. The answers are the contracts' own types.
 */
import type {
  AttendanceReport,
  JournalKeepingReport,
  MarkAccumulationReport,
  PerformanceReport,
  ProgrammeCompletionReport,
  SubstitutionReport,
  SummarySheet,
  UsageReport,
} from '#shared/api/reports.ts';
import type { ApiClient } from './api.ts';
import { callOperation, type OperationOutput } from './operations.ts';
import type { ExportFormat, ReportQuery, ReportState } from './report-query.ts';

export type LoadedReport =
  | { report: 'performance'; data: PerformanceReport }
  | { report: 'summary-sheet'; data: SummarySheet }
  | { report: 'attendance'; data: AttendanceReport }
  | { report: 'mark-accumulation'; data: MarkAccumulationReport }
  | { report: 'journal-keeping'; data: JournalKeepingReport }
  | { report: 'programme-completion'; data: ProgrammeCompletionReport }
  | { report: 'substitutions'; data: SubstitutionReport }
  | { report: 'usage'; data: UsageReport };

export type ExportedFile = OperationOutput<'exportReport'>;

/** Asks the report's operation. `query` comes from reportQuery (the keys that report takes). */
export async function loadReport(api: ApiClient, report: ReportState['report'], q: ReportQuery): Promise<LoadedReport> {
  switch (report) {
    case 'performance':
      return { report, data: await callOperation(api, 'getPerformanceReport', { query: q }) };
    case 'summary-sheet':
      if (!q.classId) throw new Error('the summary sheet needs a class');
      return { report, data: await callOperation(api, 'getSummarySheet', { query: { ...q, classId: q.classId } }) };
    case 'attendance':
      return { report, data: await callOperation(api, 'getAttendanceReport', { query: q }) };
    case 'mark-accumulation':
      return { report, data: await callOperation(api, 'getMarkAccumulationReport', { query: q }) };
    case 'journal-keeping':
      return { report, data: await callOperation(api, 'getJournalKeepingReport', { query: q }) };
    case 'programme-completion':
      return { report, data: await callOperation(api, 'getProgrammeCompletionReport', { query: q }) };
    case 'substitutions':
      if (!q.from || !q.to) throw new Error('substitutions need dates');
      return { report, data: await callOperation(api, 'getSubstitutionReport', { query: { ...q, from: q.from, to: q.to } }) };
    case 'usage':
      return { report, data: await callOperation(api, 'getUsageReport', { query: q }) };
  }
}

/** The report as a file: a short-lived link to it (the page then sends the browser there). */
export function exportFile(api: ApiClient, report: ReportState['report'] | 'journal-archive', q: ReportQuery, format: ExportFormat): Promise<ExportedFile> {
  return callOperation(api, 'exportReport', { body: { report, format, query: q } });
}

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel', pdf: 'PDF', json: 'JSON' };

/**
 * The last few answers, by report and query, for a short while: Back and Forward (and switching
 * to a report seen a moment ago) show it at once instead of asking the whole school again. Each
 * answer says when it was made (`generatedAt`, on screen).
 */
export function answerCache<T>(options: { size?: number; ttlMs?: number; now?: () => number } = {}) {
  const size = options.size ?? 12;
  const ttlMs = options.ttlMs ?? 120_000;
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, { at: number; value: T }>();
  return {
    get(key: string): T | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (now() - entry.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key: string, value: T): void {
      entries.delete(key);
      entries.set(key, { at: now(), value });
      while (entries.size > size) entries.delete(entries.keys().next().value as string);
    },
  };
}

/** The cache key of a report's request. */
export function requestKey(report: ReportState['report'], q: ReportQuery): string {
  return `${report}?${JSON.stringify(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)))}`;
}
