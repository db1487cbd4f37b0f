/**
 * A report as CSV the way Russian Excel opens it by double-click: UTF-8 with a BOM (else it
 * reads cp1251), `;` between fields (the list separator of the Russian locale, where `,` is the
 * decimal comma), CRLF line ends, RFC 4180 quoting. Numbers carry a decimal comma and no
 * thousands separator, so Excel reads them as numbers; percents are plain numbers (0–100) and the
 * column's title says «%».
 */
import { EXPORT_CONTENT_TYPES, exportFileName } from './export-formats.ts';
import { formatNumber, generatedLine } from './format-values.ts';
import type { RenderedReport, ReportCell, ReportColumn, ReportDocument, ReportSection } from './report-document.ts';

const BOM = '\ufeff';
const SEPARATOR = ';';
const EOL = '\r\n';

/**
 * Text that a spreadsheet would take for a formula (= + - @, or a leading tab or CR) gets an
 * apostrophe in front: a name typed as «=HYPERLINK(…)» stays text (CSV injection, OWASP).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with the separator, a quote or a line break is quoted, quotes doubled. */
function quote(field: string): string {
  return /[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function textField(text: string): string {
  return quote(neutraliseFormula(text));
}

function cellField(cell: ReportCell, column: ReportColumn | undefined): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell, column?.kind ?? 'text');
  return textField(cell);
}

function line(fields: string[]): string {
  return fields.join(SEPARATOR);
}

/** «Успеваемость» of a percent column becomes «Успеваемость, %» unless it already says so. */
export function csvColumnTitle(column: ReportColumn): string {
  return column.kind === 'percent' && !column.title.includes('%') ? `${column.title}, %` : column.title;
}

function sectionLines(section: ReportSection): string[] {
  const lines = [line([textField(section.title)])];
  if (section.lead) lines.push(line([textField(section.lead)]));
  lines.push(line(section.columns.map((c) => textField(csvColumnTitle(c)))));
  for (const row of section.rows) lines.push(line(row.map((cell, i) => cellField(cell, section.columns[i]))));
  if (section.totals) lines.push(line(section.totals.map((cell, i) => cellField(cell, section.columns[i]))));
  return lines;
}

export function renderCsv(doc: ReportDocument): RenderedReport {
  const lines: string[] = [
    line([textField(doc.title)]),
    line([textField(doc.subtitle)]),
    line([textField(doc.schoolName)]),
    line([textField(generatedLine(doc.generatedAt, doc.timeZone))]),
  ];
  if (doc.summary?.length) {
    lines.push('');
    for (const { label, value } of doc.summary) lines.push(line([textField(label), textField(value)]));
  }
  for (const section of doc.sections) lines.push('', ...sectionLines(section));
  if (doc.notes?.length) {
    lines.push('', line([textField('Примечания')]));
    for (const note of doc.notes) lines.push(line([textField(note)]));
  }
  const text = BOM + lines.join(EOL) + EOL;
  return { fileName: exportFileName(doc, 'csv'), contentType: EXPORT_CONTENT_TYPES.csv, bytes: new TextEncoder().encode(text) };
}
