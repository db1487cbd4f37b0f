import { describe, expect, it } from 'vitest';
import {
  RuleViolationError,
  assertMarksAllowed,
  assertNoViolations,
  checkJournalCell,
  checkMarkAllowed,
  checkMarkValues,
  defaultAttendanceCodes,
  parseMarkInput,
  type JournalCellInput,
} from '#shared/domain/index.ts';

describe('п. 5.6: no marks in grade 1', () => {
  it('п. 5.6: refuses a mark in a grade-1 class', () => {
    expect(checkMarkAllowed(1)).toEqual({
      rule: 'п. 5.6',
      code: 'MARKS_NOT_ALLOWED_GRADE_1',
      message: 'В 1 классе отметки не выставляются (п. 5.6 Положения).',
      details: { grade: 1 },
    });
  });

  it('п. 5.6: allows marks from grade 2 on', () => {
    expect(checkMarkAllowed(2)).toBeNull();
    expect(checkMarkAllowed(11)).toBeNull();
  });

  it('п. 5.6: assertMarksAllowed throws a RuleViolationError carrying the violation', () => {
    expect(() => assertMarksAllowed(5)).not.toThrow();
    try {
      assertMarksAllowed(1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleViolationError);
      expect((e as RuleViolationError).violations.map((v) => v.code)).toEqual(['MARKS_NOT_ALLOWED_GRADE_1']);
      expect((e as Error).message).toBe('В 1 классе отметки не выставляются (п. 5.6 Положения).');
    }
  });

  it('assertNoViolations ignores nulls and throws on any violation', () => {
    expect(() => assertNoViolations([null, undefined])).not.toThrow();
    expect(() => assertNoViolations([null, checkMarkAllowed(1)])).toThrow(RuleViolationError);
  });
});

describe('п. 5.1: mark values', () => {
  it('accepts 1–5, ОСВ, ЗЧ, НЗ, н/а and a numeric double mark', () => {
    for (const v of ['1', '2', '3', '4', '5', 'ОСВ', 'ЗЧ', 'НЗ', 'н/а']) expect(checkMarkValues([v]), v).toEqual([]);
    expect(checkMarkValues(['5', '4'])).toEqual([]);
  });

  it('refuses a 7, naming the allowed values and the clause', () => {
    const [v] = checkMarkValues(['7']);
    expect(v?.code).toBe('MARK_VALUE_INVALID');
    expect(v?.message).toBe('Недопустимая отметка «7». Допустимые значения: 1, 2, 3, 4, 5, ОСВ, ЗЧ, НЗ, н/а (п. 5.1 Положения).');
  });

  it('refuses more than two values and a double mark with a non-numeric value', () => {
    expect(checkMarkValues(['5', '4', '3']).map((v) => v.code)).toEqual(['MARK_DOUBLE_TOO_MANY']);
    expect(checkMarkValues(['5', 'ЗЧ']).map((v) => v.code)).toEqual(['MARK_DOUBLE_NON_NUMERIC']);
    expect(checkMarkValues([]).map((v) => v.code)).toEqual(['MARK_EMPTY']);
  });

  it('refuses numeric marks in a credit-only subject, allows ЗЧ there', () => {
    expect(checkMarkValues(['5'], { grading: 'credit' }).map((v) => v.code)).toEqual(['MARK_NUMERIC_IN_CREDIT_SUBJECT']);
    expect(checkMarkValues(['ЗЧ'], { grading: 'credit' })).toEqual([]);
  });

  it('reads typed input: double marks, any case, spaces', () => {
    expect(parseMarkInput('5/4').values).toEqual(['5', '4']);
    expect(parseMarkInput(' 4 / 3 ').values).toEqual(['4', '3']);
    expect(parseMarkInput('зч').values).toEqual(['ЗЧ']);
    expect(parseMarkInput('Н/А').values).toEqual(['н/а']);
    expect(parseMarkInput('осв').values).toEqual(['ОСВ']);
  });

  it('reports what is wrong with typed input', () => {
    expect(parseMarkInput('7').violations.map((v) => v.code)).toEqual(['MARK_VALUE_INVALID']);
    expect(parseMarkInput('').violations.map((v) => v.code)).toEqual(['MARK_EMPTY']);
    expect(parseMarkInput('5/н/а').values).toBeNull();
  });
});

describe('п. 5.1: marks and attendance in one cell', () => {
  const cell = (over: Partial<JournalCellInput>): JournalCellInput => ({
    grade: 5,
    lessonStatus: 'conducted',
    marks: [],
    attendanceCodes: defaultAttendanceCodes,
    ...over,
  });

  it('a mark alone, an absence alone, lateness with a mark: all fine', () => {
    expect(checkJournalCell(cell({ marks: [{ values: ['5'] }] }))).toEqual({ violations: [], warnings: [] });
    expect(checkJournalCell(cell({ attendanceCode: 'Н' }))).toEqual({ violations: [], warnings: [] });
    expect(checkJournalCell(cell({ attendanceCode: 'ОП', marks: [{ values: ['4'] }] }))).toEqual({ violations: [], warnings: [] });
  });

  it('a mark for a student marked absent (Н, Б, УП) is a warning, not an error', () => {
    for (const code of ['Н', 'Б', 'УП']) {
      const r = checkJournalCell(cell({ attendanceCode: code, marks: [{ values: ['2'] }] }));
      expect(r.violations, code).toEqual([]);
      expect(r.warnings.map((w) => w.code), code).toEqual(['MARK_FOR_ABSENT_STUDENT']);
    }
    const [w] = checkJournalCell(cell({ attendanceCode: 'Б', marks: [{ values: ['5', '4'] }] })).warnings;
    expect(w?.message).toContain('«5/4»');
    expect(w?.message).toContain('(п. 5.1 Положения).');
  });

  it('п. 5.6: a mark in grade 1 is an error, attendance there is fine', () => {
    expect(checkJournalCell(cell({ grade: 1, marks: [{ values: ['5'] }] })).violations.map((v) => v.code)).toEqual([
      'MARKS_NOT_ALLOWED_GRADE_1',
    ]);
    expect(checkJournalCell(cell({ grade: 1, attendanceCode: 'Б' }))).toEqual({ violations: [], warnings: [] });
  });

  it('refuses an unknown attendance code, naming the known ones', () => {
    const [v] = checkJournalCell(cell({ attendanceCode: 'X' })).violations;
    expect(v?.code).toBe('ATTENDANCE_CODE_UNKNOWN');
    expect(v?.message).toContain('Допустимые: Н, УП, Б, ОП');
  });

  it('refuses marks on a cancelled lesson and bad values', () => {
    expect(checkJournalCell(cell({ lessonStatus: 'cancelled', marks: [{ values: ['5'] }] })).violations.map((v) => v.code)).toEqual([
      'MARK_ON_CANCELLED_LESSON',
    ]);
    expect(checkJournalCell(cell({ marks: [{ values: ['6'] }] })).violations.map((v) => v.code)).toEqual(['MARK_VALUE_INVALID']);
  });
});
