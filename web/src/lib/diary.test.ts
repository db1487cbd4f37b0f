import { describe, expect, it } from 'vitest';
import { asContinuation, attendanceNameOf, childFirstName, isPresentCode, needsShortName, finalMarksTitle, givenOnText, markFacts, safeLink, shortPersonName, weightText, workTypeNameOf } from './diary.ts';

const workTypes = [
  { id: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2 },
  { id: 'independent', name: 'Самостоятельная работа (школьная)', weight: 1.5 },
];
const codes = [
  { code: 'Б', name: 'Отсутствовал по болезни', countsAsAbsence: true },
  { code: 'ОП', name: 'Опоздал', countsAsAbsence: false },
];

describe('names from the answer, not from a table of the web', () => {
  it('a work type and an attendance code are named as the school names them', () => {
    expect(workTypeNameOf(workTypes, 'independent')).toBe('Самостоятельная работа (школьная)');
    expect(workTypeNameOf(workTypes, 'answer')).toBe('');
    expect(attendanceNameOf(codes, 'Б')).toBe('Отсутствовал по болезни');
    expect(attendanceNameOf(codes, 'ДО')).toBe('Отметка посещаемости «ДО»');
    expect(['Б', 'ОП', 'ДО'].map((c) => isPresentCode(codes, c))).toEqual([false, true, false]);
    expect(asContinuation('Отсутствовал по болезни')).toBe('отсутствовал по болезни');
    expect(asContinuation('ОВЗ: обучение на дому')).toBe('ОВЗ: обучение на дому');
  });
});

describe('a mark’s details as text', () => {
  it('date, work type and weight in one line', () => {
    expect(markFacts({ date: '2026-11-24', workTypeId: 'control', weight: 2 }, workTypes)).toBe('24.11.2026 · Контрольная работа · вес 2');
    expect(markFacts({ date: '2026-11-24', workTypeId: 'independent', weight: 1.5 }, workTypes)).toBe('24.11.2026 · Самостоятельная работа (школьная) · вес 1,5');
    // A work type the answer does not name: the rest stays.
    expect(markFacts({ date: '2026-11-24', workTypeId: 'answer', weight: 1 }, workTypes)).toBe('24.11.2026 · вес 1');
    expect(weightText(0.5)).toBe('вес 0,5');
    // In the diary the mark stands under its day: the day and month are enough.
    expect(markFacts({ date: '2026-11-24', workTypeId: 'control', weight: 2 }, workTypes, 'day')).toBe('24.11 · Контрольная работа · вес 2');
  });
});

describe('links of materials', () => {
  it('only http and https become links', () => {
    expect(safeLink('https://resh.edu.ru/subject/lesson/7735/')).toBe('https://resh.edu.ru/subject/lesson/7735/');
    expect(safeLink('http://example.org')).toBe('http://example.org/');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink(' JavaScript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeLink('//evil.example/x')).toBeNull();
    expect(safeLink('не ссылка')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });
});

describe('names in a narrow header', () => {
  it('a long name gets its short form', () => {
    expect(shortPersonName('Константинопольская-Щедрина Александра-Мария Вячеславовна')).toBe('Константинопольская-Щедрина А. В.');
    expect(shortPersonName('Морозова Анна Дмитриевна')).toBe('Морозова А. Д.');
    expect(shortPersonName('  Иванов   Пётр ')).toBe('Иванов П.');
    expect(shortPersonName('Мононим')).toBe('Мононим');
    // A usual name fits the phone whole; a long one is shortened there.
    expect(needsShortName('Морозова Анна Дмитриевна')).toBe(false);
    expect(needsShortName('Константинопольская-Щедрина Александра-Мария Вячеславовна')).toBe(true);
  });
  it('the child switch shows the first name', () => {
    expect(childFirstName('Константинопольская-Щедрина Александра-Мария Вячеславовна')).toBe('Александра-Мария');
    expect(childFirstName('Мононим')).toBe('Мононим');
  });
});

describe('headings', () => {
  it('final marks of a period', () => {
    expect(finalMarksTitle('1 четверть')).toBe('Итоговые отметки за 1 четверть');
    expect(finalMarksTitle('2 полугодие')).toBe('Итоговые отметки за 2 полугодие');
    expect(finalMarksTitle('Год')).toBe('Итоговые отметки за год');
  });
  it('when the homework due was given', () => {
    expect(givenOnText('2026-11-30')).toBe('задано 30 ноября');
  });
});
