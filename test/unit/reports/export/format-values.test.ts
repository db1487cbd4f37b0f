import { describe, expect, it } from 'vitest';
import { formatCellForPrint, formatDateTime, formatNumber, generatedLine } from '#functions/reports/export/format-values.ts';

describe('Russian formatting of report values', () => {
  it('writes numbers with a decimal comma and the places of their kind', () => {
    expect(formatNumber(4.25, 'decimal')).toBe('4,25');
    expect(formatNumber(4, 'decimal')).toBe('4,00');
    expect(formatNumber(87.5, 'percent')).toBe('87,5');
    expect(formatNumber(11.6, 'integer')).toBe('12');
    expect(formatNumber(-0.001, 'decimal')).toBe('0,00');
    expect(formatNumber(1234567, 'integer', { grouping: true })).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(1234.5, 'decimal')).toBe('1234,50');
  });

  it('prints percents with a no-break space before the sign, an empty number as a dash', () => {
    expect(formatCellForPrint(87.5, 'percent')).toBe('87,5\u00a0%');
    expect(formatCellForPrint(null, 'decimal')).toBe('—');
    expect(formatCellForPrint(null, 'text')).toBe('');
    expect(formatCellForPrint('н/а', 'decimal')).toBe('н/а');
  });

  it('gives the generation time in the school’s time zone', () => {
    expect(formatDateTime('2026-12-06T17:15:00Z', 'Europe/Moscow')).toBe('06.12.2026 20:15');
    expect(formatDateTime('2026-12-06T17:15:00Z', 'Asia/Yekaterinburg')).toBe('06.12.2026 22:15');
    expect(generatedLine('2026-12-31T21:30:00Z', 'Europe/Moscow')).toBe('Сформирован 01.01.2027 00:30');
  });
});
