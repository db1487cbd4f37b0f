/**
 * A report as a document: what every export (CSV, XLSX, PDF) and every report e-mail is made
 * from. Each report service turns its own typed result into one of these (its `…Document`
 * function), so the renderers know nothing of marks or lessons and every report exports alike.
 */

/** A cell's value: text, a number (shown with its column's kind), or empty. */
export type ReportCell = string | number | null;

/**
 * How a column's numbers are shown: `integer` (12), `decimal` (4,25 — two places), `percent`
 * (a number 0–100 shown as 87,5 %), `text` left as it is.
 */
export type ReportColumnKind = 'text' | 'integer' | 'decimal' | 'percent';

export type ReportColumn = {
  title: string;
  kind: ReportColumnKind;
  /** Relative width (characters, roughly); the renderers scale it to the page or sheet. */
  width?: number;
};

/** One table of the report, with its heading; a report may have several (e.g. one per class). */
export type ReportSection = {
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** A last row set apart (Итого / В среднем). */
  totals?: ReportCell[];
  /** A paragraph under the heading, before the table (e.g. what needs action). */
  lead?: string;
};

export type ReportDocument = {
  /** «Успеваемость и качество знаний» */
  title: string;
  /** What it covers: «1 четверть 2026/2027 · 5А» */
  subtitle: string;
  /** The school's name, printed on every page. */
  schoolName: string;
  /** ISO instant; printed as «Сформирован 06.12.2026 20:15» in the school's time zone. */
  generatedAt: string;
  timeZone: string;
  /** A base for file names, Latin and safe: `performance-2026-q1-5a`. */
  fileStem: string;
  /** Key figures first (the e-mail's summary and the PDF's first lines): «Успеваемость: 96,2 %». */
  summary?: { label: string; value: string }[];
  sections: ReportSection[];
  /** Formulas and definitions, printed at the end (docs/metrics.md says the same). */
  notes?: string[];
  /** Wide tables print on landscape pages. */
  orientation?: 'portrait' | 'landscape';
};

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

export type RenderedReport = { fileName: string; contentType: string; bytes: Uint8Array };
