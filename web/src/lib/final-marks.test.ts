import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import {
  acceptSuggestions,
  canAccept,
  canReopen,
  changesOf,
  deadlineState,
  draftOf,
  editable,
  finalMarksConflict,
  finalMarksHref,
  finalValueLabel,
  healthGroupNote,
  inBatches,
  mergeDraft,
  missingCount,
  periodEnded,
  periodStateText,
  type FinalMarksSheet,
} from './final-marks.ts';

const mark = (value: '1' | '2' | '3' | '4' | '5', version = 1) => ({ value, version, setBy: 'person-T', setAt: '2026-10-31T09:00:00Z' });

const sheet: FinalMarksSheet = {
  classId: 'c-2026-05-А',
  groupId: 'c-2026-05-А',
  subjectId: 'subject-M',
  subjectName: 'Математика',
  period: { id: '2026-2027-q1', name: '1 четверть', startDate: '2026-09-01', endDate: '2026-10-24', kind: 'quarter' },
  deadline: '2026-10-25',
  allowedValues: ['1', '2', '3', '4', '5', 'н/а'],
  roundingThreshold: 0.6,
  state: { closed: false, version: 0 },
  keptByCaller: true,
  rows: [
    { studentId: 'p-1', name: 'Алексеев Антон', average: 4.33, averageFormula: '(5·1 + 4·2) / (1 + 2) = 4,33', suggestion: '4' },
    { studentId: 'p-2', name: 'Борисова Вера', average: 3.5, suggestion: '3', finalMark: mark('4', 2) },
    { studentId: 'p-3', name: 'Волков Глеб', average: null },
  ],
};

describe('final marks', () => {
  it('links the page from the journal', () => {
    expect(finalMarksHref('c-2026-05-А', 'subject-M', '2026-2027-q1')).toBe('#/journal/c-2026-05-%D0%90/subject-M/2026-2027-q1/final');
  });

  it('starts from the marks set and sends only what changed, with the versions seen', () => {
    const draft = draftOf(sheet);
    expect(draft).toEqual({ 'p-1': '', 'p-2': '4', 'p-3': '' });
    expect(changesOf(sheet, draft)).toEqual([]);
    expect(changesOf(sheet, { ...draft, 'p-1': '5', 'p-2': '', 'p-3': 'н/а' })).toEqual([
      { studentId: 'p-1', value: '5', expectedVersion: 0 },
      { studentId: 'p-2', value: null, expectedVersion: 2 },
      { studentId: 'p-3', value: 'н/а', expectedVersion: 0 },
    ]);
    // A value the subject does not take is not sent.
    expect(changesOf(sheet, { ...draft, 'p-1': 'ЗЧ' })).toEqual([]);
    expect(inBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('accepts a suggestion only where nothing is chosen', () => {
    const draft = draftOf(sheet);
    expect(canAccept(sheet.rows[0]!, draft)).toBe(true);
    expect(canAccept(sheet.rows[1]!, draft)).toBe(false); // a mark is set
    expect(canAccept(sheet.rows[2]!, draft)).toBe(false); // no suggestion without marks
    const accepted = acceptSuggestions(sheet, draft);
    expect(accepted).toEqual({ 'p-1': '4', 'p-2': '4', 'p-3': '' });
    expect(missingCount(sheet, accepted)).toBe(1);
  });

  it('names the values and the health groups (п. 6.2)', () => {
    expect(finalValueLabel('4')).toBe('4 — хорошо');
    expect(finalValueLabel('н/а')).toBe('н/а — не аттестован');
    expect(finalValueLabel('ОСВ')).toBe('ОСВ — освобождён');
    expect(healthGroupNote('main')).toBeUndefined();
    expect(healthGroupNote(undefined)).toBeUndefined();
    expect(healthGroupNote('special-a')).toBe('специальная «А» группа: оценивается теория (п. 6.2)');
    expect(healthGroupNote('exempt')).toMatch(/^освобождён/);
  });

  it('tells the deadline (п. 6.1) and whether it passed', () => {
    expect(deadlineState(sheet, '2026-10-25')).toEqual({ text: 'Срок выставления (п. 6.1): до 25.10.2026 включительно', passed: false });
    expect(deadlineState(sheet, '2026-10-26').passed).toBe(true);
    expect(periodEnded(sheet, '2026-10-24')).toBe(false);
    expect(periodEnded(sheet, '2026-10-25')).toBe(true);
  });

  it('closes the period to the teacher once the marks are set; the coordinator reopens', () => {
    const now = '2026-12-06T10:00:00Z';
    const closed = { ...sheet, state: { closed: true, closedAt: '2026-10-25T10:00:00Z', version: 1 } };
    expect(periodStateText(closed.state, now)).toEqual({
      kind: 'closed',
      text: 'Период закрыт: выставлены итоговые отметки (п. 6.1). Исправления — через координатора.',
    });
    expect(editable(closed, now)).toBe(false);
    expect(editable(sheet, now)).toBe(true);
    expect(editable({ ...sheet, keptByCaller: false }, now)).toBe(false);
    expect(canReopen('coordinator', closed, now)).toBe(true);
    expect(canReopen('director', closed, now)).toBe(false);
    expect(canReopen('coordinator', sheet, now)).toBe(false);

    const reopened = { ...closed.state, reopenedUntil: '2026-12-09T10:00:00Z', reopenReason: 'Исправление ошибки', version: 2 };
    expect(periodStateText(reopened, now, 180)).toEqual({
      kind: 'reopened',
      text: 'Период открыт координатором для исправлений до 09.12.2026, 13:00 (причина: Исправление ошибки).',
    });
    expect(editable({ ...closed, state: reopened }, now)).toBe(true);
    // A reopening that ended closes the period again.
    expect(periodStateText(reopened, '2026-12-10T00:00:00Z').kind).toBe('closed');
  });

  it('reads a conflict and keeps the teacher’s own choices over the reloaded sheet', () => {
    const error = new ApiError(409, 'CONFLICT', 'Отметку уже изменил другой пользователь.', [], undefined, undefined, {
      current: { studentId: 'p-2', value: '5', version: 3, setByName: 'Петров П. П.' },
    });
    expect(finalMarksConflict(error, sheet)).toEqual({ message: 'Отметку уже изменил другой пользователь.', names: ['Борисова Вера'] });
    expect(finalMarksConflict(new ApiError(422, 'RULE_VIOLATED', 'x'), sheet)).toBeNull();

    const after: FinalMarksSheet = {
      ...sheet,
      rows: [sheet.rows[0]!, { ...sheet.rows[1]!, finalMark: mark('5', 3) }, { ...sheet.rows[2]!, finalMark: mark('3', 1) }],
    };
    expect(mergeDraft(sheet, { 'p-1': '4', 'p-2': '3', 'p-3': '' }, after)).toEqual({ 'p-1': '4', 'p-2': '3', 'p-3': '3' });
  });
});
