/**
 * A report as an Excel workbook (exceljs): a «Сводка» sheet first when the report has key figures
 * or notes, then one sheet per section. Numbers are real numbers with number formats, so the
 * reader can sum and sort them, rounded to the places shown (as in the CSV); percents keep their
 * 0–100 value (as in the CSV) and are shown with `0.0" %"`.
 */
import ExcelJS from 'exceljs';
import { EXPORT_CONTENT_TYPES, exportFileName } from './export-formats.ts';
import { DECIMALS, generatedLine } from './format-values.ts';
import type { RenderedReport, ReportCell, ReportColumn, ReportColumnKind, ReportDocument, ReportSection } from './report-document.ts';

export const NUMBER_FORMATS: Record<Exclude<ReportColumnKind, 'text'>, string> = {
  integer: '0',
  decimal: '0.00',
  percent: '0.0" %"',
};

const CREATOR = 'Классный журнал';
const SUMMARY_SHEET = 'Сводка';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9AA5B1' } };
const GREY = { argb: 'FF5F6B7A' };
/** Points per line of 11 pt text: row heights for wrapped headers and leads. */
const LINE_HEIGHT = 15;

/**
 * Excel's rules for sheet names: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, unique regardless of case («History» is taken by Excel itself).
 */
export function sheetNames(titles: string[], reserved: string[] = []): string[] {
  const taken = new Set(['history', ...reserved.map((n) => n.toLowerCase())]);
  return titles.map((title, index) => {
    const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim();
    const base = (clean || `Лист ${index + 1}`).slice(0, 31).trim();
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

function columnWidth(column: ReportColumn): number {
  return Math.max(6, column.width ?? (column.kind === 'text' ? 24 : 12));
}

/** A number is stored as shown (4,25 not 4.2549…), so what the reader sums is what they see. */
function cellValue(cell: ReportCell | undefined, kind: ReportColumnKind): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  return typeof cell === 'number' && kind !== 'text' ? Number(cell.toFixed(DECIMALS[kind])) : cell;
}

/** Lines a text needs in a column this many characters wide (a rough guide for row heights). */
function linesFor(text: string, width: number): number {
  return text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil((part.length * 1.1) / Math.max(1, width))), 0);
}

/** Title, subtitle and school line at the top of every sheet; returns the next free row. */
function writeHeading(sheet: ExcelJS.Worksheet, doc: ReportDocument): number {
  sheet.getCell('A1').value = doc.title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getRow(1).height = 20;
  sheet.getCell('A2').value = doc.subtitle;
  sheet.getCell('A2').font = { size: 12 };
  sheet.getCell('A3').value = `${doc.schoolName} · ${generatedLine(doc.generatedAt, doc.timeZone)}`;
  sheet.getCell('A3').font = { size: 9, color: GREY };
  return 5;
}

/** A paragraph across `columns` columns, wrapped, its row tall enough to show it. */
function writeParagraph(sheet: ExcelJS.Worksheet, rowNumber: number, text: string, columns: number, totalWidth: number): void {
  const cell = sheet.getCell(rowNumber, 1);
  cell.value = text;
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (columns > 1) sheet.mergeCells(rowNumber, 1, rowNumber, columns);
  sheet.getRow(rowNumber).height = LINE_HEIGHT * linesFor(text, totalWidth);
}

function pageSetup(sheet: ExcelJS.Worksheet, doc: ReportDocument, headerRow?: number): void {
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: doc.orientation ?? 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    ...(headerRow ? { printTitlesRow: `${headerRow}:${headerRow}` } : {}),
  };
}

function addSectionSheet(workbook: ExcelJS.Workbook, name: string, doc: ReportDocument, section: ReportSection): void {
  const count = section.columns.length;
  const widths = section.columns.map(columnWidth);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));

  let row = writeHeading(sheet, doc);
  sheet.getCell(row, 1).value = section.title;
  sheet.getCell(row, 1).font = { bold: true, size: 12 };
  row++;
  if (section.lead) writeParagraph(sheet, row++, section.lead, count, totalWidth);
  row++;

  const headerRow = row;
  const header = sheet.getRow(headerRow);
  section.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.title;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: THIN, top: THIN };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: column.kind === 'text' ? 'left' : 'center' };
  });
  header.height = LINE_HEIGHT * Math.max(1, ...section.columns.map((c, i) => linesFor(c.title, widths[i] ?? 10)));

  const writeRow = (cells: ReportCell[], bold: boolean) => {
    const current = sheet.getRow(++row);
    section.columns.forEach((column, i) => {
      const cell = current.getCell(i + 1);
      cell.value = cellValue(cells[i], column.kind);
      if (column.kind !== 'text' && typeof cells[i] === 'number') cell.numFmt = NUMBER_FORMATS[column.kind];
      if (column.kind === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
      if (bold) {
        cell.font = { bold: true };
        cell.border = { top: THIN };
      }
    });
  };
  for (const cells of section.rows) writeRow(cells, false);
  const lastDataRow = row;
  if (section.totals) writeRow(section.totals, true);

  // The header stays in view while scrolling, and the names with it in a wide table.
  const xSplit = count > 2 && section.columns[0]?.kind === 'text' ? 1 : 0;
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit, topLeftCell: sheet.getCell(headerRow + 1, xSplit + 1).address }];
  // Filtering and sorting cover the data rows, not the totals under them.
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastDataRow, column: count } };
  pageSetup(sheet, doc, headerRow);
}

function addSummarySheet(workbook: ExcelJS.Workbook, doc: ReportDocument): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET);
  sheet.columns = [{ width: 48 }, { width: 24 }];
  let row = writeHeading(sheet, doc);
  if (doc.summary?.length) {
    const header = sheet.getRow(row);
    ['Показатель', 'Значение'].forEach((title, i) => {
      const cell = header.getCell(i + 1);
      cell.value = title;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: THIN, top: THIN };
    });
    for (const { label, value } of doc.summary) {
      row++;
      sheet.getCell(row, 1).value = label;
      sheet.getCell(row, 1).alignment = { wrapText: true, vertical: 'top' };
      sheet.getCell(row, 2).value = value;
      sheet.getCell(row, 2).font = { bold: true };
      sheet.getCell(row, 2).alignment = { horizontal: 'right', vertical: 'top' };
    }
    row += 2;
  }
  if (doc.notes?.length) {
    sheet.getCell(row, 1).value = 'Примечания';
    sheet.getCell(row, 1).font = { bold: true, size: 12 };
    for (const note of doc.notes) writeParagraph(sheet, ++row, note, 2, 72);
  }
  pageSetup(sheet, { ...doc, orientation: 'portrait' });
}

export async function renderXlsx(doc: ReportDocument): Promise<RenderedReport> {
  const workbook = new ExcelJS.Workbook();
  const generated = new Date(doc.generatedAt);
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.title = doc.title;
  workbook.subject = doc.subtitle;
  workbook.company = doc.schoolName;
  workbook.created = generated;
  workbook.modified = generated;

  const hasSummary = Boolean(doc.summary?.length || doc.notes?.length);
  if (hasSummary) addSummarySheet(workbook, doc);
  const titles = doc.sections.length === 1 ? [doc.sections[0]!.title || doc.title] : doc.sections.map((s) => s.title);
  const names = sheetNames(titles, hasSummary ? [SUMMARY_SHEET] : []);
  doc.sections.forEach((section, i) => addSectionSheet(workbook, names[i]!, doc, section));
  if (workbook.worksheets.length === 0) addSummarySheet(workbook, doc);

  const buffer = await workbook.xlsx.writeBuffer();
  return {
    fileName: exportFileName(doc, 'xlsx'),
    contentType: EXPORT_CONTENT_TYPES.xlsx,
    bytes: new Uint8Array(buffer as ArrayBuffer),
  };
}
