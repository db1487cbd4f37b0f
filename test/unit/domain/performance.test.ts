import { describe, expect, it } from 'vitest';
import { figuresOfResults, figuresOfStudents, resultOfCurrent, resultOfFinal, studentStanding } from '#shared/domain/rules/performance.ts';
import { countsAsMark, requiredMarks } from '#shared/domain/rules/accumulation.ts';

describe('performance figures (п. 7.3; docs/metrics.md)', () => {
  it('counts results: exempt and unmarked out of N, н/а in N and failing', () => {
    const f = figuresOfResults(['5', '5', '4', '3', '2', 'н/а', 'exempt', 'none']);
    expect(f).toMatchObject({ n: 6, n5: 2, n4: 1, n3: 1, n2: 1, nNa: 1 });
    expect(f.successRate).toBe(66.7); // (6 − 1 − 1) / 6
    expect(f.qualityRate).toBe(50); // 3 of 6 graded
    expect(f.sou).toBe(Math.round(((2 * 1 + 0.64 + 0.36 + 0.16 + 0.07) / 6) * 1000) / 10);
    expect(f.average).toBe(3.8); // (5+5+4+3+2) / 5: н/а is not a number
  });

  it('credit results count for успеваемость only', () => {
    const f = figuresOfResults(['ЗЧ', 'ЗЧ', 'НЗ', '5']);
    expect(f).toMatchObject({ n: 4, nPass: 2, nFail: 1, successRate: 75, qualityRate: 100, average: 5 });
  });

  it('nothing counted: no figures, not zeros', () => {
    expect(figuresOfResults(['exempt', 'none'])).toMatchObject({ n: 0, successRate: null, qualityRate: null, sou: null, average: null });
  });

  it('a class counts each student once, by the weakest result', () => {
    expect(studentStanding(['5', '5', 'ЗЧ'])).toBe('5');
    expect(studentStanding(['5', '4'])).toBe('4');
    expect(studentStanding(['5', '3', '4'])).toBe('3');
    expect(studentStanding(['5', 'НЗ'])).toBe('2');
    expect(studentStanding(['2', 'н/а'])).toBe('н/а');
    expect(studentStanding(['exempt'])).toBeNull();
    const f = figuresOfStudents([['5', '5'], ['5', '4'], ['4', '3'], ['3', '2'], ['exempt']]);
    expect(f).toMatchObject({ n: 4, n5: 1, n4: 1, n3: 1, n2: 1, successRate: 75, qualityRate: 50 });
    expect(f.average).toBe(3.88); // over the 8 marks: 31 / 8
  });

  it('turns final marks and current averages into results at the school’s threshold', () => {
    expect(resultOfFinal('ОСВ')).toBe('exempt');
    expect(resultOfFinal('н/а')).toBe('н/а');
    expect(resultOfCurrent(3.5, ['4', '3'], 0.5)).toBe('4');
    expect(resultOfCurrent(3.5, ['4', '3'], 0.6)).toBe('3');
    expect(resultOfCurrent(null, ['н/а'], 0.5)).toBe('н/а');
    expect(resultOfCurrent(null, ['ЗЧ', 'НЗ'], 0.5)).toBe('НЗ');
    expect(resultOfCurrent(null, ['ОСВ', 'ОСВ'], 0.5)).toBe('exempt');
    expect(resultOfCurrent(null, [], 0.5)).toBe('none');
  });
});

describe('накопляемость (п. 7.4 b)', () => {
  it('asks nothing before 5 lessons, then 3 marks and one more per 10 lessons beyond 10', () => {
    expect([0, 4, 5, 10, 19, 20, 40].map(requiredMarks)).toEqual([0, 0, 3, 3, 3, 4, 6]);
  });
  it('an exemption is not a mark', () => {
    expect(countsAsMark(['ОСВ'])).toBe(false);
    expect(countsAsMark(['5', '4'])).toBe(true);
  });
});
