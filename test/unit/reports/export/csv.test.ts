import { describe, expect, it } from 'vitest';
import { neutraliseFormula, renderCsv } from '#functions/reports/export/csv.ts';
import type { ReportDocument } from '#functions/reports/export/report-document.ts';
import { performanceReport } from './fixtures.ts';

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe('CSV export (opened by Russian Excel)', () => {
  const rendered = renderCsv(performanceReport);
  const text = decode(rendered.bytes);
  const lines = text.slice(1).split('\r\n');

  it('starts with a BOM, ends lines with CRLF and names the file by the stem', () => {
    expect([...rendered.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(rendered.fileName).toBe('performance-2026-q1-5a.csv');
    expect(rendered.contentType).toBe('text/csv; charset=utf-8');
  });

  it('writes numbers with a decimal comma, percents as numbers under a «%» title, Cyrillic intact', () => {
    expect(lines).toContain('Предмет;Учитель;Учеников;Средний балл;Успеваемость, %;Качество знаний, %');
    expect(lines).toContain('Русский язык;Павлова Н. С.;26;3,60;100,0;42,3');
    expect(lines).toContain('В среднем;;26;4,05;97,4;59,0');
    // An empty number stays an empty field, not a zero.
    expect(lines).toContain('Воронин Глеб;;6;');
  });

  it('puts the key figures first, each section under its title, the notes last', () => {
    const at = (line: string) => lines.indexOf(line);
    expect(at('Успеваемость;96,2 %')).toBeGreaterThan(0);
    expect(at('Успеваемость;96,2 %')).toBeLessThan(at('Успеваемость по предметам'));
    expect(at('Успеваемость по предметам')).toBeLessThan(at('Ученики'));
    expect(at('Ученики')).toBeLessThan(at('Требуют внимания'));
    expect(lines[at('Требуют внимания') + 1]).toMatch(/^Ученики с неудовлетворительной отметкой/);
    expect(at('Примечания')).toBeGreaterThan(at('Дмитриев Егор;Русский язык;н/а'));
    expect(lines.at(-2)).toMatch(/^"Средний балл — среднее арифметическое.*; «н\/а» — не аттестован\."$/);
  });

  it('neutralises a cell that a spreadsheet would run as a formula, and quotes per RFC 4180', () => {
    expect(lines).toContain(`Дмитриев Егор;4,00;12;"'=HYPERLINK(""http://evil.example"";""ok"")"`);
    expect(lines.some((line) => line.split(';').some((field) => /^"?[=+@]/.test(field)))).toBe(false);
    // The semicolon inside a remark is kept inside one quoted field.
    expect(lines).toContain('Морозова Анна;4,40;18;"Болела 12–19 октября; справка №\u00a0154"');
  });

  it('leaves our own negative numbers alone but not text that starts like a formula', () => {
    const doc: ReportDocument = {
      ...performanceReport,
      summary: undefined,
      notes: undefined,
      sections: [{ title: 'Динамика', columns: [{ title: 'Ученик', kind: 'text' }, { title: 'Изменение', kind: 'decimal' }], rows: [['+7 900 000-00-00', -0.5], ['@Иванов', 0.25]] }],
    };
    const csv = decode(renderCsv(doc).bytes);
    expect(csv).toContain("\r\n'+7 900 000-00-00;-0,50\r\n");
    expect(csv).toContain("\r\n'@Иванов;0,25\r\n");
    expect(neutraliseFormula('\tcmd')).toBe("'\tcmd");
    expect(neutraliseFormula('Иванов')).toBe('Иванов');
  });
});
