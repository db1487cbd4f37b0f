/**
 * The demo school's annual calendar schedule (календарный учебный график) for the academic
 * year that contains "today": 1 September – 31 May, the usual Russian holidays and public days
 * off, quarters for grades 1–9 and half-years for grades 10–11, and the bells of the first shift.
 */
import type { AcademicYear, Holiday } from '#shared/domain/academic-year.ts';
import { academicYearIdForDate } from '#shared/domain/academic-year.ts';
import type { BellSchedule } from '#shared/domain/bell-schedule.ts';
import { addDays, isDateWithin, weekdayOf, type IsoDate } from '#shared/domain/dates.ts';
import { academicYearStart } from '#shared/domain/ids.ts';
import { studyPeriodIdOf, studyPeriodName, type StudyPeriod, type StudyPeriodKind } from '#shared/domain/study-period.ts';

export const SCHOOL_DAYS_PER_WEEK = 5;

export type SchoolCalendar = {
  year: AcademicYear;
  periods: StudyPeriod[];
  /** Дополнительные каникулы для первоклассников (February): the domain's holidays apply to every grade, so they live here. */
  gradeOneHolidays: Holiday;
  /** A day with lessons for the grade: a weekday of the year, not in holidays, not a day off. */
  isSchoolDay(date: IsoDate, grade: number): boolean;
  /** The school days of the grade from `from` to `to`, both inclusive. */
  schoolDays(from: IsoDate, to: IsoDate, grade: number): IsoDate[];
};

/** The Monday of the ISO week containing `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekdayOf(date));
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Public holidays inside the school year; one falling on a weekend moves to the next Monday (ТК РФ ст. 112). */
function publicDaysOff(start: number): IsoDate[] {
  const out = new Set<IsoDate>();
  for (const day of [iso(start, 11, 4), iso(start + 1, 2, 23), iso(start + 1, 3, 8), iso(start + 1, 5, 1), iso(start + 1, 5, 9)]) {
    let d = day;
    while (weekdayOf(d) > 5 || out.has(d)) d = addDays(d, weekdayOf(d) > 5 ? 8 - weekdayOf(d) : 1);
    out.add(d);
  }
  return [...out].sort();
}

export function buildCalendar(today: IsoDate): SchoolCalendar {
  const academicYearId = academicYearIdForDate(today);
  const start = academicYearStart(academicYearId);
  const autumnStart = mondayOf(iso(start, 10, 27));
  const holidays: Holiday[] = [
    { name: 'Осенние каникулы', startDate: autumnStart, endDate: addDays(autumnStart, 8) },
    { name: 'Зимние каникулы', startDate: iso(start, 12, 29), endDate: iso(start + 1, 1, 11) },
    { name: 'Весенние каникулы', startDate: iso(start + 1, 3, 22), endDate: iso(start + 1, 3, 31) },
  ];
  const gradeOneStart = mondayOf(iso(start + 1, 2, 16));
  const gradeOneHolidays: Holiday = {
    name: 'Дополнительные каникулы для 1 классов',
    startDate: gradeOneStart,
    endDate: addDays(gradeOneStart, 6),
  };
  const year: AcademicYear = {
    id: academicYearId,
    startDate: iso(start, 9, 1),
    endDate: iso(start + 1, 5, 31),
    holidays,
    daysOff: publicDaysOff(start).filter((d) => !holidays.some((h) => isDateWithin(d, h.startDate, h.endDate))),
  };

  const isSchoolDay = (date: IsoDate, grade: number): boolean =>
    isDateWithin(date, year.startDate, year.endDate) &&
    weekdayOf(date) <= SCHOOL_DAYS_PER_WEEK &&
    !year.daysOff.includes(date) &&
    !year.holidays.some((h) => isDateWithin(date, h.startDate, h.endDate)) &&
    !(grade === 1 && isDateWithin(date, gradeOneHolidays.startDate, gradeOneHolidays.endDate));
  const lastSchoolDayBefore = (date: IsoDate) => {
    let d = addDays(date, -1);
    while (!isSchoolDay(d, 5)) d = addDays(d, -1);
    return d;
  };
  const firstSchoolDayAfter = (date: IsoDate) => {
    let d = addDays(date, 1);
    while (!isSchoolDay(d, 5)) d = addDays(d, 1);
    return d;
  };
  const [autumn, winter, spring] = holidays as [Holiday, Holiday, Holiday];
  const quarters: [IsoDate, IsoDate][] = [
    [year.startDate, lastSchoolDayBefore(autumn.startDate)],
    [firstSchoolDayAfter(autumn.endDate), lastSchoolDayBefore(winter.startDate)],
    [firstSchoolDayAfter(winter.endDate), lastSchoolDayBefore(spring.startDate)],
    [firstSchoolDayAfter(spring.endDate), lastSchoolDayBefore(addDays(year.endDate, 1))],
  ];
  const period = (kind: StudyPeriodKind, number: number, [startDate, endDate]: [IsoDate, IsoDate], grades: number[]): StudyPeriod => ({
    id: studyPeriodIdOf(academicYearId, kind, number),
    academicYearId,
    kind,
    number,
    name: studyPeriodName(kind, number),
    startDate,
    endDate,
    grades,
  });
  const juniorGrades = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  const seniorGrades = [10, 11];
  const periods: StudyPeriod[] = [
    ...quarters.map((range, i) => period('quarter', i + 1, range, juniorGrades)),
    period('half-year', 1, [quarters[0]![0], quarters[1]![1]], seniorGrades),
    period('half-year', 2, [quarters[2]![0], quarters[3]![1]], seniorGrades),
    period('year', 1, [year.startDate, quarters[3]![1]], [...juniorGrades, ...seniorGrades]),
  ];

  return {
    year,
    periods,
    gradeOneHolidays,
    isSchoolDay,
    schoolDays(from, to, grade) {
      const out: IsoDate[] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) if (isSchoolDay(d, grade)) out.push(d);
      return out;
    },
  };
}

/** Bells of the first shift: 45-minute lessons from 08:30, two long breaks for meals. */
export const BELLS: readonly { number: number; start: string; end: string }[] = [
  { number: 1, start: '08:30', end: '09:15' },
  { number: 2, start: '09:25', end: '10:10' },
  { number: 3, start: '10:30', end: '11:15' },
  { number: 4, start: '11:35', end: '12:20' },
  { number: 5, start: '12:30', end: '13:15' },
  { number: 6, start: '13:25', end: '14:10' },
  { number: 7, start: '14:20', end: '15:05' },
  { number: 8, start: '15:15', end: '16:00' },
];

export function bellSchedule(id: string): BellSchedule {
  return { id, name: 'Основное расписание звонков', shift: 1, weekdays: [1, 2, 3, 4, 5], slots: BELLS.map((b) => ({ ...b })) };
}

/** Minutes since midnight of a bell time `HH:MM`. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
