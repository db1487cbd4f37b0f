import { describe, expect, it } from 'vitest';
import { checkSchoolDay } from '#shared/domain/index.ts';
import { generateDemoSchool } from '#infra/local/seed/demo-school/generate.ts';

describe('the demo school on another day', () => {
  it('in March: the journal runs through the winter, finals for Q1, Q2 and the first half-year', () => {
    const s = generateDemoSchool({ today: '2027-03-15' });
    expect(s.calendar.year.id).toBe('2026-2027');
    const periods = new Set(s.finalMarks.map((f) => f.studyPeriodId));
    expect(periods).toEqual(new Set(['2026-2027-q1', '2026-2027-q2', '2026-2027-h1']));
    for (const { lesson } of s.lessons) expect(checkSchoolDay(lesson.date, s.calendar.year, 5)).toEqual([]);
    // No first-grade lessons in their February holidays, other grades study.
    const feb16 = s.lessons.filter((l) => l.lesson.date === '2027-02-16');
    expect(feb16.some((l) => l.lesson.classId.includes('-01-'))).toBe(false);
    expect(feb16.length).toBeGreaterThan(100);
    // Planned lessons: today (Monday) to Friday.
    const planned = s.lessons.filter((l) => l.lesson.date >= '2027-03-15');
    expect(Math.max(...planned.map((l) => Number(l.lesson.date.slice(8))))).toBe(19);
    expect(s.people.students.length).toBeGreaterThan(800);
  });
});
