import { describe, expect, it } from 'vitest';
import { barLength, gridTicks, niceMax, percentScale } from './report-chart.ts';

describe('bar chart scale', () => {
  it('ends the scale at a round number at or above the largest value', () => {
    expect(niceMax(7.3)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(26)).toBe(50);
    expect(niceMax(50)).toBe(50);
    expect(niceMax(0.4)).toBe(0.5);
    expect(niceMax(0)).toBe(1);
  });

  it('gives a bar its share of the width, never beyond it', () => {
    expect(barLength(82.5, 100)).toBe(82.5);
    expect(barLength(5, 20)).toBe(25);
    expect(barLength(1, 3)).toBe(33.3);
    expect(barLength(150, 100)).toBe(100);
    expect(barLength(null, 100)).toBe(0);
    expect(barLength(-3, 100)).toBe(0);
    expect(barLength(5, 0)).toBe(0);
  });

  it('puts gridlines at quarters of the scale', () => {
    expect(gridTicks(20)).toEqual([
      { value: 0, at: 0 },
      { value: 5, at: 25 },
      { value: 10, at: 50 },
      { value: 15, at: 75 },
      { value: 20, at: 100 },
    ]);
  });

  it('scales percentages to 100, or to a round top when all are small (missed lessons)', () => {
    expect(percentScale([40, 82.5], true)).toBe(100);
    expect(percentScale([3.2, 7.9, null], false)).toBe(10);
    expect(percentScale([null], false)).toBe(1);
    expect(percentScale([96], false)).toBe(100);
  });
});
