import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '#functions/reports/export/report-document.ts';
import { NUMBER_FORMATS, renderXlsx, sheetNames } from '#functions/reports/export/xlsx.ts';
import { bySubject, performanceReport } from './fixtures.ts';

async function readBack(doc: ReportDocument): Promise<ExcelJS.Workbook> {
  const rendered = await renderXlsx(doc);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(rendered.bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The row whose first cell says `text`. */
function rowStarting(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  for (let i = 1; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === text) return sheet.getRow(i);
  throw new Error(`no row starting «${text}» on «${sheet.name}»`);
}

describe('XLSX export', () => {
  it('has a «Сводка» sheet first, then a sheet per section, and the document’s properties', async () => {
    const workbook = await readBack(performanceReport);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Сводка', 'Успеваемость по предметам', 'Ученики', 'Требуют внимания']);
    expect(workbook.creator).toBe('Классный журнал');
    expect(workbook.title).toBe('Успеваемость и качество знаний');
    const summary = workbook.getWorksheet('Сводка')!;
    expect(rowStarting(summary, 'Успеваемость').getCell(2).value).toBe('96,2 %');
    expect(rowStarting(summary, 'Примечания')).toBeDefined();
    expect(rowStarting(summary, performanceReport.notes![0]!)).toBeDefined();
  });

  it('writes real numbers with number formats under a bold, frozen, filtered header', async () => {
    const sheet = (await readBack(performanceReport)).getWorksheet('Успеваемость по предметам')!;
    expect(sheet.getCell('A1').value).toBe('Успеваемость и качество знаний');
    const header = rowStarting(sheet, 'Предмет');
    expect(header.values).toEqual([undefined, 'Предмет', 'Учитель', 'Учеников', 'Средний балл', 'Успеваемость', 'Качество знаний, %']);
    expect(header.getCell(4).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number, xSplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();

    const russian = rowStarting(sheet, 'Русский язык');
    expect([3, 4, 5, 6].map((c) => russian.getCell(c).value)).toEqual([26, 3.6, 100, 42.3]);
    expect([3, 4, 5].map((c) => russian.getCell(c).numFmt)).toEqual([NUMBER_FORMATS.integer, NUMBER_FORMATS.decimal, NUMBER_FORMATS.percent]);
    expect(NUMBER_FORMATS.percent).toBe('0.0" %"');

    const totals = rowStarting(sheet, 'В среднем');
    expect(totals.getCell(1).font?.bold).toBe(true);
    expect(totals.getCell(5).font?.bold).toBe(true);
    expect(totals.getCell(2).value).toBeNull();
    expect(sheet.getColumn(1).width).toBe(28);
  });

  it('keeps text that looks like a formula as text, and empty cells empty', async () => {
    const sheet = (await readBack(performanceReport)).getWorksheet('Ученики')!;
    const row = rowStarting(sheet, 'Дмитриев Егор');
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(4).value).toBe('=HYPERLINK("http://evil.example";"ok")');
    expect(rowStarting(sheet, 'Воронин Глеб').getCell(2).value).toBeNull();
    // Stored as shown: 3.4, not the 3.4000000000000004 the report computed.
    expect(rowStarting(sheet, 'Белова Варвара').getCell(2).value).toBe(3.4);
  });

  it('makes one sheet of a one-section report without key figures', async () => {
    const workbook = await readBack({ ...performanceReport, summary: undefined, notes: undefined, sections: [bySubject] });
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Успеваемость по предметам']);
  });

  it('names sheets within Excel’s rules', () => {
    const names = sheetNames(['Итоги: 5А/5Б [черновик]?', 'Сводка', 'Очень длинное название раздела отчёта о пропусках', 'Очень длинное название раздела отчёта о пропусках', ''], ['Сводка']);
    expect(names[0]).toBe('Итоги 5А 5Б черновик');
    expect(names[1]).toBe('Сводка (2)');
    expect(names[2]).toBe('Очень длинное название раздела');
    expect(names[3]).toBe('Очень длинное название разд (2)');
    expect(Math.max(...names.map((n) => n.length))).toBeLessThanOrEqual(31);
    expect(names[4]).toBe('Лист 5');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});
