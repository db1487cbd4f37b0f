import { describe, expect, it } from 'vitest';
import {
  academicYearSchema,
  checkDateInAcademicYear,
  checkDateInStudyPeriod,
  checkSchoolDay,
  checkStudyPeriodLayout,
  holidayOn,
  studyPeriodFor,
  studyPeriodsForGrade,
  type StudyPeriod,
} from '#shared/domain/index.ts';

const year = academicYearSchema.parse({
  id: '2026-2027',
  startDate: '2026-09-01',
  endDate: '2027-05-31',
  holidays: [
    { name: 'Осенние каникулы', startDate: '2026-10-24', endDate: '2026-11-03' },
    { name: 'Зимние каникулы', startDate: '2026-12-29', endDate: '2027-01-11' },
  ],
  daysOff: ['2026-11-04'],
});

const lower = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const senior = [10, 11];
const period = (id: string, kind: StudyPeriod['kind'], number: number, name: string, startDate: string, endDate: string, grades: number[]): StudyPeriod => ({
  id,
  academicYearId: '2026-2027',
  kind,
  number,
  name,
  startDate,
  endDate,
  grades,
});
const periods: StudyPeriod[] = [
  period('2026-2027-q1', 'quarter', 1, '1 четверть', '2026-09-01', '2026-10-23', lower),
  period('2026-2027-q2', 'quarter', 2, '2 четверть', '2026-11-05', '2026-12-28', lower),
  period('2026-2027-q3', 'quarter', 3, '3 четверть', '2027-01-12', '2027-03-19', lower),
  period('2026-2027-q4', 'quarter', 4, '4 четверть', '2027-03-30', '2027-05-26', lower),
  period('2026-2027-h1', 'half-year', 1, '1 полугодие', '2026-09-01', '2026-12-28', senior),
  period('2026-2027-h2', 'half-year', 2, '2 полугодие', '2027-01-12', '2027-05-26', senior),
  period('2026-2027-y', 'year', 1, 'Год', '2026-09-01', '2027-05-26', [...lower, ...senior]),
];

describe('п. 1.2: dates fall inside the academic year', () => {
  it('п. 1.2: accepts the first and last day of the year', () => {
    expect(checkDateInAcademicYear('2026-09-01', year)).toBeNull();
    expect(checkDateInAcademicYear('2027-05-31', year)).toBeNull();
  });

  it('п. 1.2: refuses a date before or after, naming the year and the clause', () => {
    const v = checkDateInAcademicYear('2026-08-31', year);
    expect(v?.code).toBe('DATE_OUTSIDE_ACADEMIC_YEAR');
    expect(v?.message).toBe(
      'Дата 31.08.2026 вне учебного года 2026-2027 (01.09.2026 – 31.05.2027) по календарному учебному графику (п. 1.2 Положения).',
    );
    expect(checkDateInAcademicYear('2027-06-01', year)?.code).toBe('DATE_OUTSIDE_ACADEMIC_YEAR');
  });

  it('п. 1.2: a lesson date is a school day — not holidays, not a day off, not a weekend', () => {
    expect(checkSchoolDay('2026-09-01', year, 5)).toEqual([]);
    expect(checkSchoolDay('2026-10-27', year, 5).map((v) => v.code)).toEqual(['DATE_IN_HOLIDAYS']);
    expect(checkSchoolDay('2026-11-04', year, 5).map((v) => v.code)).toEqual(['DATE_DAY_OFF']);
    expect(checkSchoolDay('2026-09-05', year, 5).map((v) => v.code)).toEqual(['DATE_DAY_OFF']); // Saturday
    expect(checkSchoolDay('2026-09-05', year, 6)).toEqual([]);
    expect(checkSchoolDay('2026-09-06', year, 6).map((v) => v.code)).toEqual(['DATE_DAY_OFF']); // Sunday
    expect(checkSchoolDay('2026-08-31', year, 6).map((v) => v.code)).toEqual(['DATE_OUTSIDE_ACADEMIC_YEAR']);
    expect(holidayOn('2027-01-11', year)?.name).toBe('Зимние каникулы');
  });
});

describe('study period of a date for a grade', () => {
  it('grades 1–9 get the quarter, 10–11 the half-year', () => {
    expect(studyPeriodFor('2026-10-23', 5, periods)?.id).toBe('2026-2027-q1');
    expect(studyPeriodFor('2026-11-05', 5, periods)?.id).toBe('2026-2027-q2');
    expect(studyPeriodFor('2026-10-23', 10, periods)?.id).toBe('2026-2027-h1');
    expect(studyPeriodFor('2027-03-25', 11, periods)?.id).toBe('2026-2027-h2');
  });

  it('a date in the holidays between quarters belongs to the year only', () => {
    expect(studyPeriodFor('2026-10-27', 5, periods)?.id).toBe('2026-2027-y');
    expect(studyPeriodFor('2026-10-27', 5, periods, 'quarter')).toBeNull();
    expect(studyPeriodFor('2027-08-01', 5, periods)).toBeNull();
  });

  it('lists a grade’s periods in calendar order', () => {
    expect(studyPeriodsForGrade(10, periods).map((p) => p.id)).toEqual(['2026-2027-h1', '2026-2027-y', '2026-2027-h2']);
  });

  it('п. 1.2: a journal date lies inside a study period of the grade', () => {
    expect(checkDateInStudyPeriod('2026-10-23', 5, periods)).toBeNull();
    expect(checkDateInStudyPeriod('2027-03-25', 10, periods)).toBeNull(); // half-years have no March break
    const v = checkDateInStudyPeriod('2027-03-25', 5, periods); // between 3rd and 4th quarter
    expect(v?.code).toBe('DATE_OUTSIDE_STUDY_PERIOD');
    expect(v?.message).toBe('Дата 25.03.2027 не входит ни в один учебный период 5 класса (п. 1.2 Положения).');
  });

  it('п. 1.2: study periods stay inside the year and do not overlap per grade', () => {
    expect(checkStudyPeriodLayout(year, periods)).toEqual([]);
    const broken = [
      ...periods,
      period('2026-2027-q4', 'quarter', 4, '4 четверть (ошибка)', '2027-03-15', '2027-06-10', [9]),
    ];
    expect(checkStudyPeriodLayout(year, broken).map((v) => v.message)).toEqual([
      'Периоды «3 четверть» и «4 четверть (ошибка)» пересекаются (п. 1.2 Положения).',
      'Периоды «4 четверть» и «4 четверть (ошибка)» пересекаются (п. 1.2 Положения).',
      'Период «4 четверть (ошибка)» выходит за границы учебного года 2026-2027 (п. 1.2 Положения).',
    ]);
    // The same dates for grades that use half-years do not clash with the quarters.
    const seniorOnly = [...periods, period('2026-2027-q4', 'quarter', 4, 'Четверть 10 кл.', '2027-03-30', '2027-05-26', [10])];
    expect(checkStudyPeriodLayout(year, seniorOnly)).toEqual([]);
  });
});
