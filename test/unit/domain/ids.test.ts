import { describe, expect, it } from 'vitest';
import {
  academicYearIdOf,
  academicYearIdSchema,
  classIdOf,
  classIdSchema,
  encodeUlid,
  idPrefix,
  isIdOf,
  lessonIdOf,
  lessonIdSchema,
  markIdSchema,
  newId,
  parseLessonId,
  parseClassId,
  personIdSchema,
  studyPeriodIdSchema,
  workTypeIdSchema,
} from '#shared/domain/index.ts';
import { group1, issues, math } from './fixtures.ts';

describe('ULID and opaque ids', () => {
  it('encodes the time and randomness as the ULID spec does', () => {
    expect(encodeUlid(1469918176385, new Uint8Array(10))).toBe('01ARYZ6S410000000000000000');
    expect(encodeUlid(2 ** 48 - 1, new Uint8Array(10).fill(255))).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(() => encodeUlid(-1, new Uint8Array(10))).toThrow(RangeError);
    expect(() => encodeUlid(0, new Uint8Array(9))).toThrow(RangeError);
  });

  it('sorts ids by creation time', () => {
    const a = newId('mark', 1_788_000_000_000, new Uint8Array(10).fill(200));
    const b = newId('mark', 1_788_000_000_001, new Uint8Array(10));
    expect(a < b).toBe(true);
  });

  it('prefixes each kind, so ids of one kind are not taken for another', () => {
    const mark = newId('mark', 1_788_000_000_000, new Uint8Array(10));
    expect(mark.startsWith(`${idPrefix.mark}-`)).toBe(true);
    expect(isIdOf('mark', mark)).toBe(true);
    expect(isIdOf('person', mark)).toBe(false);
    expect(markIdSchema.safeParse(mark).success).toBe(true);
    expect(issues(personIdSchema.safeParse(mark))).toEqual([
      ': Неверный идентификатор (человек): ожидается p-<ULID из 26 символов>',
    ]);
  });

  it('has distinct prefixes', () => {
    const prefixes = Object.values(idPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});

describe('natural ids', () => {
  it('academic year: the second year follows the first', () => {
    expect(academicYearIdOf(2026)).toBe('2026-2027');
    expect(academicYearIdSchema.safeParse('2026-2027').success).toBe(true);
    expect(issues(academicYearIdSchema.safeParse('2026-2028'))[0]).toContain('второй год должен следовать за первым');
    expect(issues(academicYearIdSchema.safeParse('2026/27'))[0]).toContain('2026-2027');
  });

  it('study period: quarter, trimester, half-year, year', () => {
    for (const ok of ['2026-2027-q1', '2026-2027-q4', '2026-2027-t3', '2026-2027-h2', '2026-2027-y']) {
      expect(studyPeriodIdSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ['2026-2027-q5', '2026-2027-h3', '2026-2027-y1', '2026-2027']) {
      expect(studyPeriodIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('class: year, two-digit grade and the Cyrillic letter, round trip', () => {
    expect(classIdOf('2026-2027', 5, 'А')).toBe('c-2026-05-А');
    expect(classIdOf('2026-2027', 11, 'Б')).toBe('c-2026-11-Б');
    expect(parseClassId('c-2026-11-Б')).toEqual({ academicYearId: '2026-2027', grade: 11, letter: 'Б' });
    expect(decodeURIComponent(encodeURIComponent('c-2026-05-А'))).toBe('c-2026-05-А');
  });

  it('class: refuses Latin look-alikes, grade 12 and unused letters', () => {
    expect(parseClassId('c-2026-05-A')).toBeNull(); // Latin A
    expect(classIdSchema.safeParse('c-2026-12-А').success).toBe(false);
    expect(classIdSchema.safeParse('c-2026-05-Ь').success).toBe(false);
    expect(issues(classIdSchema.safeParse('5А'))[0]).toContain('c-2026-05-А');
  });

  it('work type: a lower-case slug', () => {
    expect(workTypeIdSchema.safeParse('control').success).toBe(true);
    expect(issues(workTypeIdSchema.safeParse('Контрольная'))[0]).toContain('Код вида работы');
  });
});

describe('lesson ids: group, subject, date, slot', () => {
  it('builds and parses the id of a class lesson and of a subgroup lesson', () => {
    const classLesson = lessonIdOf({ groupId: 'c-2026-05-А', subjectId: math, date: '2026-09-01', slot: 3 });
    expect(classLesson).toBe(`c-2026-05-А.${math}.2026-09-01.3`);
    expect(parseLessonId(classLesson)).toEqual({ groupId: 'c-2026-05-А', subjectId: math, date: '2026-09-01', slot: 3 });
    const groupLesson = lessonIdOf({ groupId: group1, subjectId: math, date: '2026-09-01', slot: 0 });
    expect(parseLessonId(groupLesson)?.groupId).toBe(group1);
    expect(lessonIdSchema.safeParse(groupLesson).success).toBe(true);
  });

  it('refuses ids with a bad group, date or slot, with a Russian message', () => {
    for (const bad of [
      `c-2026-05-A.${math}.2026-09-01.3`, // Latin A
      `c-2026-05-А.${math}.2026-02-30.3`,
      `c-2026-05-А.${math}.2026-09-01.13`,
      `c-2026-05-А.${math}.2026-09-01.03`,
      `${math}.c-2026-05-А.2026-09-01.3`,
    ]) {
      expect(parseLessonId(bad), bad).toBeNull();
    }
    expect(issues(lessonIdSchema.safeParse('les-1'))).toEqual([
      ': Неверный идентификатор урока: ожидается <класс или подгруппа>.<предмет>.<дата>.<номер урока>',
    ]);
  });
});
