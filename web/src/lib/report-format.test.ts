import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMark, formatPercent, percentOf } from './report-format.ts';

const NBSP = '\u00a0';

describe('report numbers, the Russian way', () => {
  it('writes percentages with a comma, one decimal and a non-breaking space before «%»', () => {
    expect(formatPercent(87.5)).toBe(`87,5${NBSP}%`);
    expect(formatPercent(40.94)).toBe(`40,9${NBSP}%`);
    expect(formatPercent(100)).toBe(`100${NBSP}%`);
    expect(formatPercent(0)).toBe(`0${NBSP}%`);
    // Nothing counted (N = 0) is not 0 %.
    expect(formatPercent(null)).toBe('—');
  });

  it('writes an average mark with two decimals', () => {
    expect(formatMark(4.25)).toBe('4,25');
    expect(formatMark(3.956)).toBe('3,96');
    expect(formatMark(4)).toBe('4,00');
    expect(formatMark(null)).toBe('—');
  });

  it('groups thousands with non-breaking spaces', () => {
    expect(formatCount(87)).toBe('87');
    expect(formatCount(1234)).toBe(`1${NBSP}234`);
    expect(formatCount(80_000)).toBe(`80${NBSP}000`);
    expect(formatCount(1_234_567)).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatCount(-1500)).toBe(`-1${NBSP}500`);
  });

  it('takes a share with one decimal, none of nothing', () => {
    expect(percentOf(33, 40)).toBe(82.5);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('writes sizes in Russian units', () => {
    expect(formatBytes(812)).toBe(`812${NBSP}Б`);
    expect(formatBytes(3482)).toBe(`3,4${NBSP}КБ`);
    expect(formatBytes(13_107_200)).toBe(`12,5${NBSP}МБ`);
  });
});
