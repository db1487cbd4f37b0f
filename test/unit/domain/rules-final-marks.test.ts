import { describe, expect, it } from 'vitest';
import { checkFinalMark, type FinalMarkCheckInput } from '#shared/domain/index.ts';

const pe = { isPhysicalEducation: true, grading: 'marks' as const };
const math = { isPhysicalEducation: false, grading: 'marks' as const };
const codes = (input: FinalMarkCheckInput) => checkFinalMark(input).map((v) => v.code);

describe('п. 6.2: final marks', () => {
  it('п. 6.2: «н/а» is an allowed final mark', () => {
    expect(codes({ value: 'н/а', subject: math, student: {} })).toEqual([]);
  });

  it('п. 6.2: accepts 1–5, ЗЧ, НЗ, ОСВ and refuses anything else, naming the allowed values', () => {
    for (const value of ['1', '2', '3', '4', '5', 'ЗЧ', 'НЗ', 'ОСВ']) expect(codes({ value, subject: math, student: {} }), value).toEqual([]);
    const [v] = checkFinalMark({ value: '5/4', subject: math, student: {} });
    expect(v?.code).toBe('FINAL_MARK_VALUE_INVALID');
    expect(v?.message).toBe('Недопустимая итоговая отметка «5/4». Допустимые значения: 1, 2, 3, 4, 5, н/а, ЗЧ, НЗ, ОСВ (п. 6.2 Положения).');
  });

  it('п. 6.2: physical education with a special health group may not be failed (2 or НЗ)', () => {
    for (const healthGroup of ['preparatory', 'special-a', 'special-b', 'exempt'] as const) {
      expect(codes({ value: '2', subject: pe, student: { healthGroup } }), healthGroup).toEqual(['FINAL_MARK_PE_HEALTH_GROUP']);
      expect(codes({ value: 'НЗ', subject: pe, student: { healthGroup } }), healthGroup).toEqual(['FINAL_MARK_PE_HEALTH_GROUP']);
    }
    const [v] = checkFinalMark({ value: '2', subject: pe, student: { healthGroup: 'special-a' } });
    expect(v?.message).toBe(
      'Медицинская группа обучающегося — специальная «А»: по физической культуре положительно оцениваются теоретические знания, отметка «2» не допускается (п. 6.2 Положения).',
    );
  });

  it('п. 6.2: with a special health group, positive marks, ЗЧ and н/а in physical education are fine', () => {
    for (const value of ['3', '4', '5', 'ЗЧ', 'н/а', 'ОСВ']) {
      expect(codes({ value, subject: pe, student: { healthGroup: 'special-b' } }), value).toEqual([]);
    }
  });

  it('п. 6.2: in the main group (or with none recorded) a failing PE mark is allowed', () => {
    expect(codes({ value: '2', subject: pe, student: { healthGroup: 'main' } })).toEqual([]);
    expect(codes({ value: '2', subject: pe, student: {} })).toEqual([]);
  });

  it('п. 6.2: the health group does not matter outside physical education', () => {
    expect(codes({ value: '2', subject: math, student: { healthGroup: 'special-a' } })).toEqual([]);
  });

  it('п. 5.6: no final marks in grade 1', () => {
    expect(codes({ value: 'ЗЧ', subject: math, student: {}, grade: 1 })).toEqual(['MARKS_NOT_ALLOWED_GRADE_1']);
  });

  it('п. 6.1: the period must be one the grade uses', () => {
    const halfYear = { grades: [10, 11], name: '1 полугодие' };
    expect(codes({ value: '5', subject: math, student: {}, grade: 10, period: halfYear })).toEqual([]);
    expect(codes({ value: '5', subject: math, student: {}, grade: 7, period: halfYear })).toEqual(['PERIOD_NOT_FOR_GRADE']);
  });

  it('a credit subject takes ЗЧ/НЗ, not numbers', () => {
    const credit = { isPhysicalEducation: false, grading: 'credit' as const };
    expect(codes({ value: 'ЗЧ', subject: credit, student: {} })).toEqual([]);
    expect(codes({ value: '4', subject: credit, student: {} })).toEqual(['FINAL_MARK_VALUE_INVALID']);
  });
});
