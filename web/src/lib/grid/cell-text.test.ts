import { describe, expect, it } from 'vitest';
import { attendanceCodeOf, cellText, markValuesOf, parseCellText, parseClipboard } from './cell-text.ts';

const codes = [
  { code: 'Н', name: 'Отсутствовал без уважительной причины' },
  { code: 'УП', name: 'Отсутствовал по уважительной причине' },
  { code: 'Б', name: 'Отсутствовал по болезни' },
  { code: 'ОП', name: 'Опоздал' },
  { code: 'ОТ', name: 'Старый код', archived: true },
];
const rules = { marksAllowed: true, attendanceCodes: codes };

describe('reading what is typed into a cell', () => {
  it('reads marks, double marks and the non-numeric marks of the domain', () => {
    expect(parseCellText('5', rules)).toEqual({ ok: true, entry: { marks: [['5']] } });
    expect(parseCellText(' 5/4 ', rules)).toEqual({ ok: true, entry: { marks: [['5', '4']] } });
    // The Russian layout's `/` key types `.`.
    expect(parseCellText('5.4', rules)).toEqual({ ok: true, entry: { marks: [['5', '4']] } });
    expect(parseCellText('4 3', rules)).toEqual({ ok: true, entry: { marks: [['4'], ['3']] } });
    expect(parseCellText('осв', rules)).toEqual({ ok: true, entry: { marks: [['ОСВ']] } });
    expect(parseCellText('Н/А', rules)).toEqual({ ok: true, entry: { marks: [['н/а']] } });
    expect(markValuesOf('зч')).toEqual(['ЗЧ']);
  });

  it('reads the school’s codes typed in either layout or with look-alike Latin letters', () => {
    expect(parseCellText('н', rules)).toEqual({ ok: true, entry: { code: 'Н' } });
    expect(parseCellText('Н 5', rules)).toEqual({ ok: true, entry: { marks: [['5']], code: 'Н' } });
    expect(attendanceCodeOf('H', codes)).toBe('Н'); // Latin H looks like Н
    expect(attendanceCodeOf('y', codes)).toBe('Н'); // the key of Н on the Russian layout
    expect(attendanceCodeOf('eg', codes)).toBe('УП');
    expect(attendanceCodeOf(',', codes)).toBe('Б');
    expect(attendanceCodeOf('OП', codes)).toBe('ОП'); // Latin O, Cyrillic П
    expect(attendanceCodeOf('jg', codes)).toBe('ОП');
    expect(attendanceCodeOf('ОТ', codes)).toBeUndefined(); // archived
    expect(attendanceCodeOf('Ж', codes)).toBeUndefined();
  });

  it('refuses what is no mark and no code, naming what is allowed', () => {
    const seven = parseCellText('7', rules);
    expect(seven.ok).toBe(false);
    expect(!seven.ok && seven.message).toMatch(/Отметки «7» нет\. Допустимые: 1, 2, 3, 4, 5, ОСВ, ЗЧ, НЗ, н\/а/);
    const unknown = parseCellText('Ж', rules);
    expect(!unknown.ok && unknown.message).toMatch(/Не распознано «Ж».*посещаемость: Н, УП, Б, ОП\./);
    expect(parseCellText('6/4', rules).ok).toBe(false);
    const two = parseCellText('Н Б', rules);
    expect(!two.ok && two.message).toMatch(/одна отметка посещаемости/);
  });

  it('takes no marks in grade 1 (п. 5.6), only attendance', () => {
    const gradeOne = { marksAllowed: false, attendanceCodes: codes };
    expect(parseCellText('Б', gradeOne)).toEqual({ ok: true, entry: { code: 'Б' } });
    const mark = parseCellText('5', gradeOne);
    expect(!mark.ok && mark.message).toMatch(/В 1 классе отметки не выставляются \(п\. 5\.6\)/);
    const nine = parseCellText('9', gradeOne);
    expect(!nine.ok && nine.message).toMatch(/п\. 5\.6/);
    const letter = parseCellText('Ж', gradeOne);
    expect(!letter.ok && letter.message).toBe('Неизвестная отметка посещаемости «Ж». Допустимые: Н, УП, Б, ОП.');
  });

  it('names nothing for empty text', () => {
    expect(parseCellText('   ', rules)).toEqual({ ok: true, entry: {} });
  });

  it('writes a cell’s text back: the code first, then the marks', () => {
    expect(cellText([['5', '4'], ['3']], 'ОП')).toBe('ОП 5/4 3');
    expect(cellText([], null)).toBe('');
  });
});

describe('a spreadsheet’s clipboard', () => {
  it('splits lines and tabs, drops the trailing line and quotes', () => {
    expect(parseClipboard('5\r\n4\r\n\r\n')).toEqual([['5'], ['4']]);
    expect(parseClipboard('5\tН\n"4"\t')).toEqual([
      ['5', 'Н'],
      ['4', ''],
    ]);
    expect(parseClipboard('')).toEqual([]);
  });
});
