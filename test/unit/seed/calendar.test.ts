import { describe, expect, it } from 'vitest';
import { academicYearSchema, checkStudyPeriodLayout, studyPeriodSchema, weekdayOf } from '#shared/domain/index.ts';
import { buildCalendar } from '#infra/local/seed/demo-school/calendar.ts';

describe('the demo calendar schedule', () => {
  it('runs 1 September – 31 May with the usual holidays and days off', () => {
    const c = buildCalendar('2026-11-29');
    expect(academicYearSchema.parse(c.year)).toEqual(c.year);
    expect(c.year).toMatchObject({ id: '2026-2027', startDate: '2026-09-01', endDate: '2027-05-31' });
    expect(c.year.holidays).toEqual([
      { name: 'Осенние каникулы', startDate: '2026-10-26', endDate: '2026-11-03' },
      { name: 'Зимние каникулы', startDate: '2026-12-29', endDate: '2027-01-11' },
      { name: 'Весенние каникулы', startDate: '2027-03-22', endDate: '2027-03-31' },
    ]);
    expect(c.year.daysOff).toEqual(['2026-11-04', '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10']);
    expect(c.gradeOneHolidays).toMatchObject({ startDate: '2027-02-15', endDate: '2027-02-21' });
    expect(c.isSchoolDay('2027-02-16', 1)).toBe(false);
    expect(c.isSchoolDay('2027-02-16', 2)).toBe(true);
    expect(c.isSchoolDay('2026-11-04', 5)).toBe(false);
    expect(c.isSchoolDay('2026-11-05', 5)).toBe(true);
  });

  it('has quarters for grades 1–9 and half-years for 10–11, without overlaps', () => {
    const c = buildCalendar('2026-11-29');
    for (const p of c.periods) expect(studyPeriodSchema.safeParse(p).success).toBe(true);
    expect(checkStudyPeriodLayout(c.year, c.periods)).toEqual([]);
    const q = (id: string) => c.periods.find((p) => p.id === id)!;
    expect([q('2026-2027-q1').startDate, q('2026-2027-q1').endDate]).toEqual(['2026-09-01', '2026-10-23']);
    expect([q('2026-2027-q2').startDate, q('2026-2027-q2').endDate]).toEqual(['2026-11-05', '2026-12-28']);
    expect([q('2026-2027-q3').startDate, q('2026-2027-q3').endDate]).toEqual(['2027-01-12', '2027-03-19']);
    expect([q('2026-2027-q4').startDate, q('2026-2027-q4').endDate]).toEqual(['2027-04-01', '2027-05-31']);
    expect(q('2026-2027-h1')).toMatchObject({ grades: [10, 11], startDate: '2026-09-01', endDate: '2026-12-28' });
    expect(q('2026-2027-q1').grades).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('follows "today" into the next academic year, with weekend holidays moved to Monday', () => {
    const c = buildCalendar('2027-10-01');
    expect(c.year.id).toBe('2027-2028');
    expect(checkStudyPeriodLayout(c.year, c.periods)).toEqual([]);
    for (const d of c.year.daysOff) expect(weekdayOf(d)).toBeLessThanOrEqual(5);
    expect(buildCalendar('2027-06-15').year.id).toBe('2026-2027');
  });
});
