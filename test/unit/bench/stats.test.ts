import { describe, expect, it } from 'vitest';
import { quantile, quantileSorted, ratio, summarize } from '../../../bench/stats.ts';

describe('bench percentiles (linear interpolation between closest ranks)', () => {
  it('matches the textbook values of 1..10', () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantile(v, 0)).toBe(1);
    expect(quantile(v, 1)).toBe(10);
    expect(quantile(v, 0.5)).toBe(5.5);
    expect(quantile(v, 0.95)).toBeCloseTo(9.55, 10);
    expect(quantile(v, 0.99)).toBeCloseTo(9.91, 10);
  });

  it('does not depend on the order of the values', () => {
    expect(quantile([10, 1, 7, 3, 5], 0.5)).toBe(5);
    expect(quantile([10, 1, 7, 3, 5], 0.25)).toBe(3);
  });

  it('handles one value and no values', () => {
    expect(quantile([42], 0.99)).toBe(42);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('p99 of 100 values lies between the 99th and the 100th', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(v, 0.99)).toBeCloseTo(99.01, 10);
    expect(quantile(v, 0.5)).toBe(50.5);
  });

  it('refuses a quantile outside [0, 1]', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], -0.1)).toThrow(RangeError);
  });
});

describe('bench summary', () => {
  it('gives percentiles, mean and throughput over wall time', () => {
    const s = summarize([4, 1, 3, 2], 2000, 1);
    expect(s).toMatchObject({ n: 4, errors: 1, min: 1, max: 4, mean: 2.5, p50: 2.5, throughput: 2, seconds: 2 });
  });

  it('ratio is rounded and NaN when it cannot be computed', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 3)).toBe(0.33);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 1)).toBeNaN();
  });
});
