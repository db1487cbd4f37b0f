import { describe, expect, it } from 'vitest';
import { formatDecimal, formatInstantDate, formatInstantDateTime, minutesFromSeconds, plural } from './format.ts';

describe('instants in local time', () => {
  it('formats in the given offset (Moscow: +3 h)', () => {
    expect(formatInstantDate('2026-09-01T22:30:00.000Z', 180)).toBe('02.09.2026');
    expect(formatInstantDateTime('2026-09-01T05:07:00Z', 180)).toBe('01.09.2026, 08:07');
    expect(formatInstantDate('2026-09-01T22:30:00Z', 0)).toBe('01.09.2026');
  });
  it('gives nothing for what is not a date', () => {
    expect(formatInstantDate('soon')).toBe('');
  });
});

describe('plural', () => {
  it('agrees numbers with nouns', () => {
    const m = (n: number) => plural(n, 'минута', 'минуты', 'минут');
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(m)).toEqual([
      'минута',
      'минуты',
      'минуты',
      'минут',
      'минут',
      'минут',
      'минут',
      'минута',
      'минуты',
      'минут',
      'минута',
      'минут',
    ]);
    expect(minutesFromSeconds(900)).toBe('15 минут');
    expect(minutesFromSeconds(61)).toBe('2 минуты');
    expect(minutesFromSeconds(0)).toBe('1 минуту');
  });
});

describe('decimals', () => {
  it('are written with a comma and no trailing zeros (a mark’s weight)', () => {
    expect([1, 1.5, 2, 0.25, 1.333].map(formatDecimal)).toEqual(['1', '1,5', '2', '0,25', '1,33']);
  });
});
