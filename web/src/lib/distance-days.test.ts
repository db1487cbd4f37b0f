import { describe, expect, it } from 'vitest';
import { classesByGrade, datesOf, declaredText, gradeTitle, type DistanceDay } from './distance-days.ts';

const ref = (classId: string, className: string, grade: number) => ({ classId, className, grade });

describe('distance days (п. 5.7)', () => {
  it('lists the classes once each, by grade, from the journal list', () => {
    const groups = classesByGrade([
      ref('c-2026-10-А', '10А', 10),
      ref('c-2026-05-Б', '5Б', 5),
      ref('c-2026-05-А', '5А', 5),
      ref('c-2026-05-А', '5А', 5), // another subject of the same class
      ref('c-2026-01-А', '1А', 1),
    ]);
    expect(groups.map((g) => [g.grade, g.classes.map((c) => c.className)])).toEqual([
      [1, ['1А']],
      [5, ['5А', '5Б']],
      [10, ['10А']],
    ]);
  });

  it('takes a range of school days — Saturdays only for a six-day week — at most 14', () => {
    expect(datesOf('2026-12-07', '')).toEqual({ dates: ['2026-12-07'] });
    // Friday to Monday: the weekend is left out, or only the Sunday.
    expect(datesOf('2026-12-11', '2026-12-14')).toEqual({ dates: ['2026-12-11', '2026-12-14'] });
    expect(datesOf('2026-12-11', '2026-12-14', true)).toEqual({ dates: ['2026-12-11', '2026-12-12', '2026-12-14'] });
    expect(datesOf('', '')).toMatchObject({ error: 'Укажите первый день' });
    expect(datesOf('2026-12-08', '2026-12-07')).toMatchObject({ error: 'Последний день не может быть раньше первого' });
    expect(datesOf('2026-12-01', '2026-12-31')).toMatchObject({ error: 'Не больше 14 дней за раз' });
    expect(datesOf('2026-12-12', '2026-12-13')).toMatchObject({ dates: [], error: expect.stringMatching(/шестидневке/) });
    expect(datesOf('2026-12-13', '2026-12-13', true)).toMatchObject({ dates: [], error: 'Воскресенье — не учебный день' });
  });

  it('says what a declaration did', () => {
    const day = (date: string, classId: string, className: string, lessons: number): DistanceDay => ({
      classId,
      className,
      date,
      reason: 'Актированный день (мороз)',
      declaredByName: 'Воронцова Е. В.',
      declaredAt: '2026-12-06T08:00:00Z',
      lessons,
    });
    const days = [day('2026-12-07', 'c-5Б', '5Б', 5), day('2026-12-08', 'c-5А', '5А', 6), day('2026-12-07', 'c-10А', '10А', 7), day('2026-12-07', 'c-5А', '5А', 6)];
    expect(declaredText(days)).toBe('Объявлено: 2 дня для 3 классов: 5А, 5Б, 10А. Уроков, ставших дистанционными: 24.');
    expect(declaredText([days[0]!])).toBe('Объявлено: 1 день для класса 5Б. Уроков, ставших дистанционными: 5.');
    expect([1, 3, 10].map(gradeTitle)).toEqual(['1-е классы', '3-и классы', '10-е классы']);
  });
});
