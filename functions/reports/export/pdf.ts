/**
 * A report as a printable PDF (pdfkit), A4 in the document's orientation: on every page the
 * school and the report's title above and «Стр. 3 из 7» below; on the first the title, what it
 * covers, when it was made and the key figures; then each section's table; the notes last.
 * The DejaVu fonts are embedded, so Cyrillic shows and copies on any reader.
 */
import PDFDocument from 'pdfkit';
import { EXPORT_CONTENT_TYPES, exportFileName } from './export-formats.ts';
import { generatedLine } from './format-values.ts';
import { type ReportFonts, reportFonts } from './fonts.ts';
import { drawTable, prepareTable } from './pdf-table.ts';
import type { RenderedReport, ReportDocument, ReportSection } from './report-document.ts';

type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = { top: 52, bottom: 46, left: 40, right: 40 };
const INK = '#1f2933';
const MUTED = '#5f6b7a';
const TILE = '#eef2f7';

type Layout = { pdf: Pdf; fonts: ReportFonts; doc: ReportDocument; left: number; width: number; y: number };

const bottom = (pdf: Pdf) => pdf.page.height - MARGIN.bottom;

function newPage(layout: Layout): number {
  layout.pdf.addPage();
  layout.y = MARGIN.top;
  return layout.y;
}

/** Starts a new page unless `height` fits under the cursor. */
function ensureRoom(layout: Layout, height: number): void {
  if (layout.y + height > bottom(layout.pdf)) newPage(layout);
}

/** A paragraph at the cursor; pdfkit carries a long one over to the next page itself. */
function paragraph(layout: Layout, text: string, style: { bold?: boolean; size: number; color?: string; gap?: number }): void {
  const { pdf } = layout;
  pdf.font(style.bold ? layout.fonts.bold : layout.fonts.regular).fontSize(style.size).fillColor(style.color ?? INK);
  ensureRoom(layout, Math.min(pdf.heightOfString(text, { width: layout.width }), pdf.currentLineHeight(true) * 2));
  pdf.text(text, layout.left, layout.y, { width: layout.width });
  layout.y = pdf.y + (style.gap ?? 0);
}

/** A note with a hanging bullet. */
function bullet(layout: Layout, text: string): void {
  const { pdf } = layout;
  pdf.font(layout.fonts.regular).fontSize(8).fillColor(MUTED);
  ensureRoom(layout, pdf.heightOfString(text, { width: layout.width - 10 }));
  pdf.text('•', layout.left, layout.y, { lineBreak: false });
  pdf.text(text, layout.left + 10, layout.y, { width: layout.width - 10 });
  layout.y = pdf.y + 2;
}

/** The key figures as tiles: the value large and bold, its label small above it. */
function summaryTiles(layout: Layout, summary: NonNullable<ReportDocument['summary']>): void {
  const { pdf, fonts } = layout;
  const gap = 8;
  const perRow = Math.max(1, Math.min(summary.length, Math.floor((layout.width + gap) / (110 + gap))));
  const tileWidth = (layout.width - gap * (perRow - 1)) / perRow;
  const inner = tileWidth - 16;
  for (let start = 0; start < summary.length; start += perRow) {
    const tiles = summary.slice(start, start + perRow);
    const measured = tiles.map(({ label, value }) => {
      const labelHeight = pdf.font(fonts.regular).fontSize(8).heightOfString(label, { width: inner });
      return { label, value, labelHeight, valueHeight: pdf.font(fonts.bold).fontSize(13).heightOfString(value, { width: inner }) };
    });
    const height = Math.max(...measured.map((m) => m.labelHeight + m.valueHeight)) + 16;
    ensureRoom(layout, height);
    measured.forEach((m, i) => {
      const x = layout.left + i * (tileWidth + gap);
      pdf.save().roundedRect(x, layout.y, tileWidth, height, 3).fill(TILE).restore();
      pdf.font(fonts.regular).fontSize(8).fillColor(MUTED).text(m.label, x + 8, layout.y + 7, { width: inner });
      pdf.font(fonts.bold).fontSize(13).fillColor(INK).text(m.value, x + 8, layout.y + 8 + m.labelHeight, { width: inner });
    });
    layout.y += height + gap;
  }
  layout.y += 6;
}

function section(layout: Layout, part: ReportSection): void {
  const { pdf, fonts } = layout;
  const table = prepareTable(pdf, fonts, part, layout.width);
  // The heading never stays alone at a page's foot: it goes with the header and a first row.
  pdf.font(fonts.bold).fontSize(11.5);
  const headingHeight = pdf.heightOfString(part.title, { width: layout.width }) + 4;
  pdf.font(fonts.regular).fontSize(9);
  const leadHeight = part.lead ? pdf.heightOfString(part.lead, { width: layout.width }) + 5 : 0;
  ensureRoom(layout, headingHeight + leadHeight + table.headerHeight + (table.rows[0]?.height ?? 0));
  paragraph(layout, part.title, { bold: true, size: 11.5, gap: 4 });
  if (part.lead) paragraph(layout, part.lead, { size: 9, gap: 5 });
  layout.y = drawTable(pdf, fonts, table, {
    x: layout.left,
    y: layout.y,
    bottom: () => bottom(pdf),
    newPage: () => newPage(layout),
  });
  layout.y += 16;
}

/** Header and footer on every page, once the page count is known. */
function pageFrames(pdf: Pdf, fonts: ReportFonts, doc: ReportDocument): void {
  const { start, count } = pdf.bufferedPageRange();
  const generated = generatedLine(doc.generatedAt, doc.timeZone);
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const { width, height } = pdf.page;
    const inner = width - MARGIN.left - MARGIN.right;
    // Writing in the margins must not make pdfkit start a new page.
    const savedBottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(fonts.regular).fontSize(7.5).fillColor(MUTED);
    // The school's name keeps the room it needs (its number is at the end); a long title gives way.
    const titleWidth = Math.min(pdf.widthOfString(doc.title) + 1, inner * 0.4);
    const oneLine = { lineBreak: false, ellipsis: true, height: 10 } as const;
    pdf.text(doc.schoolName, MARGIN.left, 24, { ...oneLine, width: inner - titleWidth - 16 });
    pdf.text(doc.title, width - MARGIN.right - titleWidth, 24, { ...oneLine, width: titleWidth, align: 'right' });
    pdf.save().moveTo(MARGIN.left, 36).lineTo(width - MARGIN.right, 36).lineWidth(0.5).strokeColor('#c5ccd6').stroke().restore();
    pdf.font(fonts.regular).fontSize(7.5).fillColor(MUTED);
    pdf.text(generated, MARGIN.left, height - 30, { width: inner / 2, lineBreak: false });
    pdf.text(`Стр. ${i - start + 1} из ${count}`, MARGIN.left + inner / 2, height - 30, { width: inner / 2, align: 'right', lineBreak: false });
    pdf.page.margins.bottom = savedBottom;
  }
}

export async function renderPdf(doc: ReportDocument): Promise<RenderedReport> {
  const fonts = reportFonts();
  const generated = new Date(doc.generatedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.orientation ?? 'portrait',
    margins: MARGIN,
    bufferPages: true,
    // Never pdfkit's default Helvetica: no Cyrillic, and its data files are not in a bundle.
    font: fonts.regular,
    lang: 'ru-RU',
    displayTitle: true,
    info: { Title: doc.title, Subject: doc.subtitle, Author: doc.schoolName, Creator: 'Классный журнал', CreationDate: generated, ModDate: generated },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve());
    pdf.on('error', reject);
  });

  const width = pdf.page.width - MARGIN.left - MARGIN.right;
  const layout: Layout = { pdf, fonts, doc, left: MARGIN.left, width, y: MARGIN.top };
  paragraph(layout, doc.title, { bold: true, size: 17, gap: 2 });
  paragraph(layout, doc.subtitle, { size: 11, gap: 2 });
  paragraph(layout, generatedLine(doc.generatedAt, doc.timeZone), { size: 8.5, color: MUTED, gap: 12 });
  if (doc.summary?.length) summaryTiles(layout, doc.summary);
  for (const part of doc.sections) section(layout, part);
  if (doc.notes?.length) {
    layout.y += 4;
    paragraph(layout, 'Примечания', { bold: true, size: 10, gap: 3 });
    for (const note of doc.notes) bullet(layout, note);
  }
  pageFrames(pdf, fonts, doc);
  pdf.end();
  await finished;
  return { fileName: exportFileName(doc, 'pdf'), contentType: EXPORT_CONTENT_TYPES.pdf, bytes: new Uint8Array(Buffer.concat(chunks)) };
}
