import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  daysBetween,
  endOfDay,
  formatDateRu,
  instantSchema,
  isDateWithin,
  isIsoDate,
  isValidTimeZone,
  isoDateSchema,
  localDateOf,
  localTimeOf,
  startOfDay,
  timeOfDaySchema,
  timeZoneSchema,
  toEpochMs,
  weekdayOf,
  zoneOffsetMs,
} from '#shared/domain/index.ts';
import { MOSCOW, YEKATERINBURG, issues } from './fixtures.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('calendar dates', () => {
  it('recognises real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-9-1')).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-08-30', 3)).toBe('2026-09-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-09-01', -1)).toBe('2026-08-31');
    expect(daysBetween('2026-09-01', '2026-09-03')).toBe(2);
    expect(daysBetween('2026-09-03', '2026-09-01')).toBe(-2);
  });

  it('gives ISO weekdays (Monday 1 … Sunday 7)', () => {
    expect(weekdayOf('2026-09-01')).toBe(2);
    expect(weekdayOf('2026-10-23')).toBe(5);
    expect(weekdayOf('2026-09-06')).toBe(7);
  });

  it('compares and checks ranges, inclusive and open-ended', () => {
    expect(compareDates('2026-09-01', '2026-09-02')).toBe(-1);
    expect(isDateWithin('2026-09-01', '2026-09-01', '2026-09-01')).toBe(true);
    expect(isDateWithin('2026-09-02', '2026-09-01', undefined)).toBe(true);
    expect(isDateWithin('2026-08-31', '2026-09-01', undefined)).toBe(false);
  });

  it('writes dates the Russian way', () => {
    expect(formatDateRu('2026-09-03')).toBe('03.09.2026');
  });
});

describe('school time zone day boundaries', () => {
  it('starts a Moscow day at 21:00 UTC the day before', () => {
    expect(iso(startOfDay('2026-09-01', MOSCOW))).toBe('2026-08-31T21:00:00.000Z');
    expect(iso(endOfDay('2026-09-01', MOSCOW))).toBe('2026-09-01T21:00:00.000Z');
  });

  it('starts a Yekaterinburg day at 19:00 UTC the day before', () => {
    expect(iso(startOfDay('2026-09-01', YEKATERINBURG))).toBe('2026-08-31T19:00:00.000Z');
    expect(zoneOffsetMs('2026-09-01T00:00:00Z', YEKATERINBURG)).toBe(5 * 3_600_000);
  });

  it('knows a moment’s local date and time', () => {
    expect(localDateOf('2026-09-01T20:59:59Z', MOSCOW)).toBe('2026-09-01');
    expect(localDateOf('2026-09-01T21:00:00Z', MOSCOW)).toBe('2026-09-02');
    expect(localDateOf('2026-09-01T19:00:00Z', YEKATERINBURG)).toBe('2026-09-02');
    expect(localTimeOf('2026-09-01T05:30:00Z', MOSCOW)).toBe('08:30');
  });

  it('handles a 23-hour day at a daylight-saving change', () => {
    expect(iso(startOfDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(endOfDay('2026-03-29', 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
  });

  it('finds midnight on a day when the offset changes later that night (Moscow, 27.03.2011, +3 → +4)', () => {
    expect(iso(startOfDay('2011-03-27', MOSCOW))).toBe('2011-03-26T21:00:00.000Z');
    expect(iso(endOfDay('2011-03-27', MOSCOW))).toBe('2011-03-27T20:00:00.000Z');
  });

  it('begins a day whose midnight is skipped at the clock change', () => {
    // Chile moved clocks from 00:00 to 01:00 on 2022-09-11.
    expect(iso(startOfDay('2022-09-11', 'America/Santiago'))).toBe('2022-09-11T04:00:00.000Z');
  });

  it('accepts Date, string and epoch milliseconds, and refuses garbage', () => {
    const ms = Date.UTC(2026, 8, 1);
    expect(toEpochMs(new Date(ms))).toBe(ms);
    expect(toEpochMs('2026-09-01T00:00:00Z')).toBe(ms);
    expect(toEpochMs(ms)).toBe(ms);
    expect(() => toEpochMs('вчера')).toThrow(RangeError);
  });
});

describe('date and time schemas', () => {
  it('accept the canonical forms', () => {
    expect(isoDateSchema.parse('2026-09-01')).toBe('2026-09-01');
    expect(instantSchema.parse('2026-09-01T05:30:00.000Z')).toBe('2026-09-01T05:30:00.000Z');
    expect(timeOfDaySchema.parse('08:30')).toBe('08:30');
    expect(timeZoneSchema.parse(YEKATERINBURG)).toBe(YEKATERINBURG);
  });

  it('reject other forms with Russian messages', () => {
    expect(issues(isoDateSchema.safeParse('01.09.2026'))).toEqual([': Дата должна быть в формате ГГГГ-ММ-ДД, например 2026-09-01']);
    expect(issues(isoDateSchema.safeParse('2026-02-30'))).toHaveLength(1);
    expect(issues(instantSchema.safeParse('2026-09-01T08:30:00+03:00'))[0]).toContain('UTC');
    expect(issues(timeOfDaySchema.safeParse('8:30'))[0]).toContain('ЧЧ:ММ');
    expect(issues(timeZoneSchema.safeParse('MSK'))[0]).toContain('Europe/Moscow');
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });
});
