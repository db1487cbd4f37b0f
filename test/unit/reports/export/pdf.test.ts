import PDFDocument from 'pdfkit';
import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFonts } from '#functions/reports/export/fonts.ts';
import { renderPdf } from '#functions/reports/export/pdf.ts';
import { prepareTable } from '#functions/reports/export/pdf-table.ts';
import type { ReportDocument } from '#functions/reports/export/report-document.ts';
import { performanceReport, summarySheet } from './fixtures.ts';

const parsers: PDFParse[] = [];
afterAll(async () => Promise.all(parsers.map((p) => p.destroy())));

/** Each page's text as a reader copying it would get it (no-break spaces as spaces). */
async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const parser = new PDFParse({ data: bytes.slice() });
  parsers.push(parser);
  const result = await parser.getText();
  return result.pages.map((p) => p.text.replace(/\u00a0/g, ' '));
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('PDF export', () => {
  it('carries the Cyrillic text, extractable, in an embedded DejaVu font', async () => {
    const rendered = await renderPdf(performanceReport);
    expect(rendered.fileName).toBe('performance-2026-q1-5a.pdf');
    expect(rendered.contentType).toBe('application/pdf');
    const raw = latin1(rendered.bytes);
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('DejaVuSansCondensed');
    expect(raw).not.toContain('Helvetica');

    const [first, ...rest] = await pagesOf(rendered.bytes);
    const all = [first, ...rest].join('\n');
    expect(first).toContain('Успеваемость и качество знаний');
    expect(first).toContain('1 четверть 2026/2027 · 5А');
    expect(first).toContain('МБОУ «Средняя общеобразовательная школа № 12» г. Твери');
    expect(first).toContain('Сформирован 06.12.2026 20:15');
    expect(first).toMatch(/Стр\. 1 из \d/);
    // Key figures, then cells formatted the Russian way.
    expect(first).toContain('96,2 %');
    expect(all).toMatch(/Русский язык\s+Павлова Н\. С\.\s+26\s+3,60\s+100,0 %\s+42,3 %/);
    expect(all).toMatch(/В среднем\s+26\s+4,05\s+97,4 %\s+59,0 %/);
    expect(all).toContain('Болела 12–19 октября; справка № 154');
    expect(all).toContain('Требуют внимания');
    expect(all).toContain('Примечания');
    expect(all).toContain('Качество знаний — доля учеников, получивших за период только отметки «4» и «5».');
  });

  it('spreads a long table over pages, the header row and the page numbers on each', async () => {
    const long = summarySheet(200);
    const doc: ReportDocument = { ...long, orientation: 'portrait', sections: [{ ...long.sections[0]!, columns: long.sections[0]!.columns.slice(0, 5), rows: long.sections[0]!.rows.map((r) => r.slice(0, 5)), totals: undefined }] };
    const pages = await pagesOf((await renderPdf(doc)).bytes);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain(`Стр. ${i + 1} из ${pages.length}`);
      expect(text, `page ${i + 1}`).toMatch(/Ученик\s+Русский\s+язык\s+Литература\s+Английский\s+язык\s+Алгебра/);
      expect(text, `page ${i + 1}`).toContain('МБОУ «СОШ № 12»');
    });
    const all = pages.join('\n');
    for (const n of ['001', '100', '200']) expect(all).toContain(`Ученик ${n} Фамилия`);
  });

  it('prints a wide report on landscape A4 pages', async () => {
    const rendered = await renderPdf(summarySheet(10));
    const boxes = [...latin1(rendered.bytes).matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, , width, height] of boxes) expect([Math.round(width!), Math.round(height!)]).toEqual([842, 595]);
    const portrait = await renderPdf(performanceReport);
    expect(latin1(portrait.bytes)).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  });

  it('fits fifteen subjects across the page: smaller type, no number broken over lines', () => {
    const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', font: reportFonts().regular });
    const section = summarySheet(26).sections[0]!;
    const width = pdf.page.width - 80;
    const table = prepareTable(pdf, reportFonts(), section, width);
    expect(table.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(width, 3);
    expect(table.fontSize).toBeGreaterThanOrEqual(6.5);
    expect(table.fontSize).toBeLessThan(9);
    const oneLine = Math.min(...table.rows.map((r) => r.height));
    expect(table.rows.every((r) => r.height === oneLine)).toBe(true);
    // A header too long for its column wraps (hyphenated), never wider than the column.
    expect(table.header[15]).toContain('\n');
  });
});
