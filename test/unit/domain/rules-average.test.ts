import { describe, expect, it } from 'vitest';
import { defaultWorkTypes, markWeight, roundAverage, suggestPeriodMark, weightedAverage } from '#shared/domain/index.ts';

describe('weighted average of current marks', () => {
  it('weights marks by work type: (5×1 + 3×2) / 3', () => {
    const avg = weightedAverage(
      [
        { values: ['5'], workTypeId: 'answer' },
        { values: ['3'], workTypeId: 'control' },
      ],
      defaultWorkTypes,
    );
    expect(avg).toBeCloseTo(11 / 3, 10);
    expect(roundAverage(avg!)).toBe(3.67);
  });

  it('counts both values of a double mark, each with the mark’s weight', () => {
    // 5 and 4 at weight 1.5, 3 at weight 1: (7.5 + 6 + 3) / 4 = 4.125
    const avg = weightedAverage(
      [
        { values: ['5', '4'], workTypeId: 'independent' },
        { values: ['3'], workTypeId: 'homework' },
      ],
      defaultWorkTypes,
    );
    expect(avg).toBe(4.125);
  });

  it('leaves out ОСВ, ЗЧ, НЗ and н/а', () => {
    const avg = weightedAverage(
      [
        { values: ['4'], workTypeId: 'answer' },
        { values: ['НЗ'], workTypeId: 'control' },
        { values: ['ЗЧ'], workTypeId: 'credit' },
        { values: ['н/а'], workTypeId: 'answer' },
      ],
      defaultWorkTypes,
    );
    expect(avg).toBe(4);
  });

  it('is null without numeric marks', () => {
    expect(weightedAverage([], defaultWorkTypes)).toBeNull();
    expect(weightedAverage([{ values: ['ОСВ'], workTypeId: 'answer' }], defaultWorkTypes)).toBeNull();
  });

  it('uses a mark’s own weight over its work type’s, and 1 for an unknown work type', () => {
    expect(markWeight({ values: ['5'], workTypeId: 'control', weight: 3 }, defaultWorkTypes)).toBe(3);
    expect(markWeight({ values: ['5'], workTypeId: 'control' }, defaultWorkTypes)).toBe(2);
    expect(markWeight({ values: ['5'], workTypeId: 'gone' }, defaultWorkTypes)).toBe(1);
  });
});

describe('suggested period mark (the teacher decides)', () => {
  it('rounds x.5 up and below x.5 down', () => {
    expect(suggestPeriodMark(2.5)).toBe('3');
    expect(suggestPeriodMark(3.5)).toBe('4');
    expect(suggestPeriodMark(3.49)).toBe('3');
    expect(suggestPeriodMark(4.5)).toBe('5');
    expect(suggestPeriodMark(5)).toBe('5');
    expect(suggestPeriodMark(1)).toBe('1');
  });

  it('judges the average as shown (two decimals): 3.4999… counts as 3.50', () => {
    expect(suggestPeriodMark(3.4999999)).toBe('4');
    expect(suggestPeriodMark(3.494)).toBe('3');
  });

  it('follows a stricter school threshold', () => {
    expect(suggestPeriodMark(3.5, 0.6)).toBe('3');
    expect(suggestPeriodMark(3.6, 0.6)).toBe('4');
  });

  it('suggests nothing without an average', () => {
    expect(suggestPeriodMark(null)).toBeNull();
  });
});
