/**
 * A section's table on PDF pages (pdfkit): columns fitted to the page width — the font shrinks
 * from 9 pt down to 6.5 pt when a table has many columns — cells wrapped, numbers right-aligned,
 * light zebra rows, totals bold, and the header row repeated at the top of every page it spans.
 */
import type PDFDocument from 'pdfkit';
import { formatCellForPrint, isNumericKind } from './format-values.ts';
import type { ReportFonts } from './fonts.ts';
import { headerWords, headerWordWidth, hyphenateToWidth } from './pdf-text.ts';
import type { ReportSection } from './report-document.ts';

type Pdf = InstanceType<typeof PDFDocument>;

const SIZES = [9, 8.5, 8, 7.5, 7, 6.5];
const PAD_X = 4;
const PAD_Y = 2.5;
const COLORS = { header: '#e3e8ef', zebra: '#f5f7fa', totals: '#eef1f5', rule: '#9aa5b1', text: '#1f2933' };

export type PreparedTable = {
  fontSize: number;
  widths: number[];
  header: string[];
  headerHeight: number;
  rows: { cells: string[]; height: number; totals: boolean }[];
  numeric: boolean[];
};

/** Each column gets its share of the width by weight, but never less than its minimum. */
function distribute(mins: number[], weights: number[], total: number): number[] {
  const fixed = new Set<number>();
  for (;;) {
    const free = mins.map((_, i) => i).filter((i) => !fixed.has(i));
    const remaining = total - [...fixed].reduce((sum, i) => sum + mins[i]!, 0);
    const weightSum = free.reduce((sum, i) => sum + weights[i]!, 0) || 1;
    const short = free.filter((i) => (weights[i]! / weightSum) * remaining < mins[i]!);
    if (short.length === 0) return mins.map((min, i) => (fixed.has(i) ? min : (weights[i]! / weightSum) * remaining));
    for (const i of short) fixed.add(i);
  }
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * How a table may be squeezed: header words whole or hyphenated; text cells on one line (up to
 * a share of the width) or wrapped at any space.
 */
type Squeeze = { wholeHeaderWords: boolean; oneLineText: boolean };

/** The narrowest each column may be at `size`: its widest number, its text, its header word. */
function minimumWidths(pdf: Pdf, fonts: ReportFonts, section: ReportSection, body: string[][], size: number, squeeze: Squeeze, total: number): number[] {
  return section.columns.map((column, c) => {
    let widest = 0;
    pdf.font(fonts.regular).fontSize(size);
    for (const row of body) {
      const text = row[c] ?? '';
      const parts = isNumericKind(column.kind) ? [text] : words(text);
      for (const part of parts) widest = Math.max(widest, pdf.widthOfString(part));
      if (squeeze.oneLineText && !isNumericKind(column.kind)) widest = Math.max(widest, Math.min(pdf.widthOfString(text), total * 0.3));
    }
    pdf.font(fonts.bold);
    const longest = headerWords(column.title).reduce((a, b) => (pdf.widthOfString(b) > pdf.widthOfString(a) ? b : a), '');
    // Hyphenated, a header word still breaks in two at most.
    const part = squeeze.wholeHeaderWords ? longest : longest.slice(0, Math.max(4, Math.ceil(longest.length / 2) + 1)) + '-';
    widest = Math.max(widest, headerWordWidth(pdf, part));
    return widest + 2 * PAD_X + 0.5;
  });
}

/**
 * The order in which a table gives way: first the font shrinks down to 6.5 pt, then long header
 * words are hyphenated, and only then text cells wrap.
 */
const ATTEMPTS: [number, Squeeze][] = [
  ...SIZES.map((size): [number, Squeeze] => [size, { wholeHeaderWords: true, oneLineText: true }]),
  // A table too wide for whole header words even at 6.5 pt is wide indeed: start hyphenating small.
  ...SIZES.filter((size) => size <= 7.5).map((size): [number, Squeeze] => [size, { wholeHeaderWords: false, oneLineText: true }]),
  ...SIZES.map((size): [number, Squeeze] => [size, { wholeHeaderWords: false, oneLineText: false }]),
];

/** Spare width goes first to the columns whose header words it keeps whole, cheapest first. */
function keepHeaderWords(mins: number[], preferred: number[], total: number): number[] {
  const widths = [...mins];
  let spare = total - mins.reduce((a, b) => a + b, 0);
  const order = mins.map((_, i) => i).sort((a, b) => preferred[a]! - mins[a]! - (preferred[b]! - mins[b]!));
  for (const i of order) {
    const need = preferred[i]! - widths[i]!;
    if (need > 0 && need <= spare) {
      widths[i] = preferred[i]!;
      spare -= need;
    }
  }
  return widths;
}

function cellHeight(pdf: Pdf, text: string, width: number): number {
  return text === '' ? pdf.currentLineHeight() : pdf.heightOfString(text, { width: width - 2 * PAD_X, lineGap: 0 });
}

/** Measures the table for a width: font size, column widths and every row's height. */
export function prepareTable(pdf: Pdf, fonts: ReportFonts, section: ReportSection, width: number): PreparedTable {
  const { columns } = section;
  const format = (cells: ReportSection['rows'][number]) => columns.map((col, i) => formatCellForPrint(cells[i] ?? null, col.kind));
  const body = section.rows.map(format);
  const totals = section.totals ? format(section.totals) : undefined;
  const all = totals ? [...body, totals] : body;
  const weights = columns.map((c) => c.width ?? (isNumericKind(c.kind) ? 8 : 20));

  let fontSize = SIZES[SIZES.length - 1]!;
  let mins: number[] | undefined;
  for (const [size, squeeze] of ATTEMPTS) {
    const candidate = minimumWidths(pdf, fonts, section, all, size, squeeze, width);
    if (candidate.reduce((a, b) => a + b, 0) <= width) {
      const preferred = squeeze.wholeHeaderWords ? candidate : minimumWidths(pdf, fonts, section, all, size, { ...squeeze, wholeHeaderWords: true }, width);
      [fontSize, mins] = [size, keepHeaderWords(candidate, preferred, width)];
      break;
    }
  }
  if (!mins) {
    // Nothing fits even at the smallest size: shrink every column alike; long words break.
    const smallest = minimumWidths(pdf, fonts, section, all, fontSize, { wholeHeaderWords: false, oneLineText: false }, width);
    const scale = width / smallest.reduce((a, b) => a + b, 0);
    mins = smallest.map((w) => w * scale);
  }
  const widths = distribute(mins, weights, width);

  pdf.font(fonts.bold).fontSize(fontSize);
  const header = columns.map((col, i) => hyphenateToWidth(pdf, col.title, widths[i]! - 2 * PAD_X));
  const headerHeight = Math.max(...header.map((h, i) => cellHeight(pdf, h, widths[i]!))) + 2 * PAD_Y;
  const measure = (cells: string[], bold: boolean) => {
    pdf.font(bold ? fonts.bold : fonts.regular).fontSize(fontSize);
    return Math.max(...cells.map((text, i) => cellHeight(pdf, text, widths[i]!))) + 2 * PAD_Y;
  };
  const rows = body.map((cells) => ({ cells, height: measure(cells, false), totals: false }));
  if (totals) rows.push({ cells: totals, height: measure(totals, true), totals: true });
  return { fontSize, widths, header, headerHeight, rows, numeric: columns.map((c) => isNumericKind(c.kind)) };
}

type RowStyle = { bold: boolean; bottomAligned?: boolean };

function drawRow(pdf: Pdf, fonts: ReportFonts, table: PreparedTable, cells: string[], at: { x: number; y: number; height: number }, style: RowStyle): void {
  pdf.font(style.bold ? fonts.bold : fonts.regular).fontSize(table.fontSize).fillColor(COLORS.text);
  let left = at.x;
  cells.forEach((text, i) => {
    const width = table.widths[i]!;
    // Header titles sit on the header's bottom line, however many lines each one wraps to.
    const top = style.bottomAligned ? at.y + at.height - PAD_Y - cellHeight(pdf, text, width) : at.y + PAD_Y;
    pdf.text(text, left + PAD_X, top, { width: width - 2 * PAD_X, align: table.numeric[i] ? 'right' : 'left', lineGap: 0 });
    left += width;
  });
}

function fill(pdf: Pdf, x: number, y: number, width: number, height: number, color: string): void {
  pdf.save().rect(x, y, width, height).fill(color).restore();
}

function rule(pdf: Pdf, x: number, y: number, width: number, lineWidth: number): void {
  pdf.save().moveTo(x, y).lineTo(x + width, y).lineWidth(lineWidth).strokeColor(COLORS.rule).stroke().restore();
}

export type TablePlace = {
  x: number;
  y: number;
  /** The lowest y a row may reach on this page. */
  bottom: () => number;
  /** Starts a new page and returns the y to continue from. */
  newPage: () => number;
};

/** Draws the table from `place.y`, breaking pages between rows; returns the y under it. */
export function drawTable(pdf: Pdf, fonts: ReportFonts, table: PreparedTable, place: TablePlace): number {
  const width = table.widths.reduce((a, b) => a + b, 0);
  const { x } = place;
  const drawHeader = (top: number) => {
    fill(pdf, x, top, width, table.headerHeight, COLORS.header);
    drawRow(pdf, fonts, table, table.header, { x, y: top, height: table.headerHeight }, { bold: true, bottomAligned: true });
    rule(pdf, x, top + table.headerHeight, width, 0.6);
    return top + table.headerHeight;
  };
  let y = drawHeader(place.y);
  let afterHeader = y;
  table.rows.forEach((row, index) => {
    // The totals never start a page alone: the last row goes over with them.
    const next = table.rows[index + 1];
    const keep = next?.totals ? next.height : 0;
    if (y + row.height + keep > place.bottom() && !(keep && y === afterHeader)) {
      rule(pdf, x, y, width, 0.6);
      y = afterHeader = drawHeader(place.newPage());
    }
    if (row.totals) {
      fill(pdf, x, y, width, row.height, COLORS.totals);
      rule(pdf, x, y, width, 0.8);
    } else if (index % 2 === 1) {
      fill(pdf, x, y, width, row.height, COLORS.zebra);
    }
    drawRow(pdf, fonts, table, row.cells, { x, y, height: row.height }, { bold: row.totals });
    y += row.height;
  });
  rule(pdf, x, y, width, 0.6);
  return y;
}
