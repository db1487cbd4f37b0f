import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDayHeading,
  formatDayMonth,
  formatDayMonthText,
  formatShortDate,
  formatWeekRange,
  isIsoDate,
  mondayOf,
  setSchoolTimeZone,
  todayIso,
} from './dates.ts';

describe('date arithmetic', () => {
  it('adds days across months, years and the DST change', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });
  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(mondayOf('2026-11-28')).toBe('2026-11-23'); // Saturday
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
  it('checks ISO dates', () => {
    expect(isIsoDate('2026-11-23')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('23.11.2026')).toBe(false);
  });
  it('takes today from the local clock', () => {
    expect(todayIso(new Date(2026, 10, 5, 23, 59))).toBe('2026-11-05');
  });
  it('takes today in the school’s time zone when it is known', () => {
    // 22:30 UTC on 6 December is already 7 December in Moscow, still the 6th in New York.
    const at = new Date('2026-12-06T22:30:00Z');
    expect(todayIso(at, 'Europe/Moscow')).toBe('2026-12-07');
    expect(todayIso(at, 'America/New_York')).toBe('2026-12-06');
    setSchoolTimeZone('Asia/Vladivostok');
    try {
      expect(todayIso(new Date('2026-12-06T14:30:00Z'))).toBe('2026-12-07');
    } finally {
      setSchoolTimeZone(undefined);
    }
  });
});

describe('date text', () => {
  it('formats short forms', () => {
    expect(formatDayMonth('2026-11-05')).toBe('05.11');
    expect(formatShortDate('2026-11-05')).toBe('05.11.2026');
    expect(formatDayMonthText('2026-11-05')).toBe('5 ноября');
  });
  it('names the day', () => {
    expect(formatDayHeading('2026-11-23')).toBe('Понедельник, 23 ноября');
    expect(formatDayHeading('2026-11-28')).toBe('Суббота, 28 ноября');
  });
  it('describes a school week, Monday to Saturday', () => {
    expect(formatWeekRange('2026-11-23')).toBe('23–28 ноября 2026');
    expect(formatWeekRange('2026-11-30')).toBe('30 ноября – 5 декабря 2026');
    expect(formatWeekRange('2025-12-29')).toBe('29 декабря 2025 – 3 января 2026');
  });
});
