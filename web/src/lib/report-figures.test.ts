import { describe, expect, it } from 'vitest';
import type { AttendanceReport, JournalKeepingReport, PerformanceFigures, ProgrammeCompletionReport, UsageReport } from '#shared/api/reports.ts';
import { figuresOfResults } from '#shared/domain/rules/performance.ts';
import {
  attendanceFigures,
  keepingChart,
  keepingFigures,
  lagText,
  performanceChart,
  performanceFigures,
  programmeChart,
  programmeFigures,
  usageFigures,
  usedCodes,
} from './report-figures.ts';

const NBSP = '\u00a0';
const values = (figures: { label: string; value: string }[]) => Object.fromEntries(figures.map((f) => [f.label, f.value.replaceAll(NBSP, ' ')]));

describe('performance: the key figures are the API’s, formatted', () => {
  it('shows the school’s figures as the domain rule computes them', () => {
    // 40 results: 6 «5», 10 «4», 17 «3», 5 «2», 2 «н/а».
    const results = [...Array(6).fill('5'), ...Array(10).fill('4'), ...Array(17).fill('3'), ...Array(5).fill('2'), 'н/а', 'н/а'];
    const total: PerformanceFigures = figuresOfResults(results);
    expect(values(performanceFigures(total, 'subject'))).toEqual({
      Успеваемость: '82,5 %', // (40 − 5 − 2) / 40
      Качество: '40 %', // 16 / 40
      СОУ: '48,7 %', // (600 + 640 + 612 + 80 + 14) / 40 = 48,65
      'Средний балл': '3,45', // (30 + 40 + 51 + 10) / 38
      'Результатов учтено': '40',
    });
    expect(performanceFigures(total, 'class').at(-1)?.label).toBe('Учеников учтено');
  });

  it('charts качество and успеваемость per row, nothing counted as no bar', () => {
    const row = (key: string, qualityRate: number | null, successRate: number | null) => ({ ...figuresOfResults([]), key, label: key, qualityRate, successRate });
    expect(performanceChart({ rows: [row('5А', 40.9, 82.5), row('5Б', null, null)] })).toEqual([
      { key: '5А', label: '5А', values: [40.9, 82.5] },
      { key: '5Б', label: '5Б', values: [null, null] },
    ]);
  });
});

describe('attendance', () => {
  const report: AttendanceReport = {
    from: '2026-09-01',
    to: '2026-10-24',
    codes: [
      { code: 'Н', name: 'без уважительной причины', countsAsAbsence: true, excused: false },
      { code: 'Б', name: 'по болезни', countsAsAbsence: true, excused: true },
      { code: 'ОП', name: 'опоздал', countsAsAbsence: false, excused: false },
    ],
    minAbsences: 0,
    classes: [
      { classId: 'a', className: '5А', students: 25, lessonsHeld: 300, lessonsMissed: 120, daysMissed: 10, missedRate: 1.6, byCode: { Н: 20, Б: 100 } },
      { classId: 'b', className: '5Б', students: 24, lessonsHeld: 300, lessonsMissed: 30, daysMissed: 2, missedRate: 0.4, byCode: { Б: 30 } },
    ],
    students: [
      { studentId: 's1', name: 'А', classId: 'a', className: '5А', lessons: 300, lessonsMissed: 100, excused: 90, unexcused: 10, daysMissed: 9, late: 0, byCode: {} },
      { studentId: 's2', name: 'Б', classId: 'a', className: '5А', lessons: 300, lessonsMissed: 0, excused: 0, unexcused: 0, daysMissed: 0, late: 2, byCode: {} },
    ],
    generatedAt: '2026-12-07T10:00:00Z',
  };

  it('adds up the classes’ missed lessons and days, and counts the students with absences', () => {
    expect(values(attendanceFigures(report))).toEqual({
      'Пропущено уроков': '150',
      'Пропущено дней целиком': '12',
      'Учеников с пропусками': '1',
      'Без уважительной причины': '10',
    });
    expect(attendanceFigures({ ...report, minAbsences: 5 })[2]?.label).toBe('Учеников с пропусками от 5 уроков');
  });

  it('shows only the codes that came up', () => {
    expect(usedCodes(report).map((c) => c.code)).toEqual(['Н', 'Б']);
  });
});

describe('journal keeping', () => {
  const row = (teacherId: string, lessonsDue: number, filledOnTime: number, notFilled: number): JournalKeepingReport['rows'][number] => ({
    teacherId,
    teacherName: teacherId,
    lessonsDue,
    lessonsHeld: lessonsDue,
    filledOnTime,
    filledLate: lessonsDue - filledOnTime - notFilled,
    notFilled,
    onTimeRate: lessonsDue ? Math.round((filledOnTime / lessonsDue) * 1000) / 10 : null,
    missingTopics: 1,
    emptyLessons: 0,
    controlWorks: 0,
    controlWithoutMarks: 0,
    lateControlMarks: 0,
    finalsDue: 0,
    finalsOnTime: 0,
    finalsLate: 0,
    finalsMissing: 0,
    problems: [],
  });
  const report: JournalKeepingReport = {
    period: { id: '2026-2027-q2', name: '2 четверть', startDate: '2026-11-05', endDate: '2026-12-27' },
    asOf: '2026-12-07',
    rows: [row('t1', 40, 36, 0), row('t2', 10, 4, 3)],
    generatedAt: '2026-12-07T10:00:00Z',
  };

  it('takes the school’s on-time share from the counts, not an average of the teachers’ shares', () => {
    expect(values(keepingFigures(report))).toMatchObject({ 'Уроков к сроку': '50', 'Заполнено вовремя': '80 %', 'Не заполнено': '3', 'Уроков без темы': '2' });
  });

  it('marks the teachers with lessons still unfilled', () => {
    expect(keepingChart(report).map((r) => [r.label, r.values[0], r.marked])).toEqual([
      ['t1', 90, false],
      ['t2', 40, true],
    ]);
  });
});

describe('programme completion (п. 7.4)', () => {
  const row = (classId: string, subjectId: string, planned: number, delivered: number): ProgrammeCompletionReport['rows'][number] => ({
    teacherId: 't',
    teacherName: 'Учитель',
    groupId: classId,
    classId,
    groupName: classId === 'c5a' ? '5А' : '6Б',
    subjectId,
    subjectName: subjectId,
    hoursPerYear: 170,
    plannedHours: planned,
    deliveredHours: delivered,
    completion: Math.round((delivered / planned) * 1000) / 10,
    lag: planned - delivered,
    plannedTopics: planned,
    coveredTopics: delivered,
    controlPlanned: 2,
    controlHeld: 1,
  });

  it('marks a row lagging only beyond two hours, and says by how much either way', () => {
    expect(lagText({ lag: 2 })).toBeNull();
    expect(lagText({ lag: 3 })).toBe('отстаёт на 3 ч');
    expect(lagText({ lag: -4 })).toBe('опережает на 4 ч');
  });

  it('charts each journal of a short list, and the whole school by class', () => {
    const few = { rows: [row('c5a', 'math', 40, 36), row('c5a', 'rus', 40, 39)] };
    expect(programmeChart(few)).toEqual({
      byClass: false,
      rows: [
        { key: 'c5a#math', label: '5А · math', values: [90], marked: true },
        { key: 'c5a#rus', label: '5А · rus', values: [97.5], marked: false },
      ],
    });
    const many = { rows: [...Array.from({ length: 20 }, (_, i) => row('c5a', `s${i}`, 10, 10)), ...Array.from({ length: 20 }, (_, i) => row('c6b', `s${i}`, 10, 5))] };
    expect(programmeChart(many)).toEqual({
      byClass: true,
      rows: [
        { key: 'c5a', label: '5А', values: [100], marked: false },
        { key: 'c6b', label: '6Б', values: [50], marked: true },
      ],
    });
  });

  it('adds up hours and control works for the key figures', () => {
    const report: ProgrammeCompletionReport = {
      period: { id: '2026-2027-q2', name: '2 четверть', startDate: '2026-11-05', endDate: '2026-12-27' },
      asOf: '2026-12-07',
      rows: [row('c5a', 'math', 40, 36), row('c5a', 'rus', 40, 39)],
      generatedAt: '2026-12-07T10:00:00Z',
    };
    expect(values(programmeFigures(report))).toEqual({
      'Выполнение программы': '93,8 %',
      'Часов по плану': '80',
      'Отстают от плана': '1',
      'Контрольных проведено': '2 из 4',
    });
  });
});

describe('diary usage (п. 5.10)', () => {
  it('takes shares of the school’s totals', () => {
    const counts = (people: number, withAccount: number, active30: number, neverSignedIn: number) => ({ people, withAccount, active7: 0, active30, neverSignedIn });
    const report: Pick<UsageReport, 'classes'> = {
      classes: [
        { classId: 'a', className: '5А', students: counts(25, 20, 10, 2), parents: counts(40, 30, 20, 5) },
        { classId: 'b', className: '5Б', students: counts(25, 5, 5, 0), parents: counts(40, 10, 4, 1) },
      ],
    };
    expect(values(usageFigures(report))).toEqual({
      'Родителей с учётной записью': '50 %',
      'Родителей активны за 30 дней': '30 %',
      'Учеников с учётной записью': '50 %',
      'Ни разу не входили': '8',
    });
  });
});
