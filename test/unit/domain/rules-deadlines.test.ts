import { describe, expect, it } from 'vitest';
import {
  defaultWorkTypes,
  fillDeadline,
  fillTimelinessWarning,
  finalMarkDeadline,
  finalMarkTimelinessWarning,
  isControlMarkLate,
  isFilledLate,
  isFinalMarkLate,
  isOverdue,
  weekdayOf,
} from '#shared/domain/index.ts';
import { MOSCOW, YEKATERINBURG } from './fixtures.ts';

// Lesson on Tuesday 01.09.2026; due by the end of Thursday 03.09 in the school time zone.
const lesson = { date: '2026-09-01' };

describe('п. 5.2: the journal is filled within two days of the lesson', () => {
  it('п. 5.2: the deadline is the end of lesson date + 2 days in the school time zone', () => {
    expect(fillDeadline('2026-09-01', MOSCOW)).toEqual({ lastDay: '2026-09-03', endsAt: '2026-09-03T21:00:00.000Z' });
    expect(fillDeadline('2026-09-01', YEKATERINBURG)).toEqual({ lastDay: '2026-09-03', endsAt: '2026-09-03T19:00:00.000Z' });
    expect(fillDeadline('2026-12-30', MOSCOW).lastDay).toBe('2027-01-01');
    expect(fillDeadline('2026-09-01', MOSCOW, 3).lastDay).toBe('2026-09-04');
  });

  it('п. 5.2: Moscow — filled at 23:59:59.999 on day 2 is in time, at 00:00 of day 3 is late', () => {
    expect(isFilledLate(lesson, '2026-09-03T20:59:59.999Z', MOSCOW)).toBe(false);
    expect(isFilledLate(lesson, '2026-09-03T21:00:00.000Z', MOSCOW)).toBe(true);
  });

  it('п. 5.2: Yekaterinburg — the same moment that is in time in Moscow is already late', () => {
    expect(isFilledLate(lesson, '2026-09-03T18:59:59.999Z', YEKATERINBURG)).toBe(false);
    expect(isFilledLate(lesson, '2026-09-03T19:00:00.000Z', YEKATERINBURG)).toBe(true);
    expect(isFilledLate(lesson, '2026-09-03T20:00:00.000Z', YEKATERINBURG)).toBe(true);
    expect(isFilledLate(lesson, '2026-09-03T20:00:00.000Z', MOSCOW)).toBe(false);
  });

  it('п. 5.2: filling on the lesson day itself is in time', () => {
    expect(isFilledLate(lesson, '2026-09-01T12:00:00Z', MOSCOW)).toBe(false);
  });

  it('п. 5.2: an unfilled lesson becomes overdue at the deadline, not before', () => {
    const planned = { date: '2026-09-01', status: 'planned' as const };
    expect(isOverdue(planned, '2026-09-03T20:59:59Z', MOSCOW)).toBe(false);
    expect(isOverdue(planned, '2026-09-03T21:00:00Z', MOSCOW)).toBe(true);
    expect(isOverdue(planned, '2026-09-03T19:00:00Z', YEKATERINBURG)).toBe(true);
  });

  it('п. 5.2: a filled or cancelled lesson is never overdue', () => {
    expect(isOverdue({ date: '2026-09-01', status: 'conducted', filledAt: '2026-09-05T10:00:00Z' }, '2026-09-10T00:00:00Z', MOSCOW)).toBe(false);
    expect(isOverdue({ date: '2026-09-01', status: 'cancelled' }, '2026-09-10T00:00:00Z', MOSCOW)).toBe(false);
  });

  it('п. 5.2: control-work marks are late after the same two days; other marks are not judged here', () => {
    const control = { workTypeId: 'control', setAt: '2026-09-03T21:00:00Z' };
    expect(isControlMarkLate(control, lesson, defaultWorkTypes, MOSCOW)).toBe(true);
    expect(isControlMarkLate({ ...control, setAt: '2026-09-03T20:59:59Z' }, lesson, defaultWorkTypes, MOSCOW)).toBe(false);
    expect(isControlMarkLate({ ...control, workTypeId: 'answer' }, lesson, defaultWorkTypes, MOSCOW)).toBe(false);
  });

  it('п. 5.2: report warnings name the lesson date and the deadline', () => {
    const late = fillTimelinessWarning({ date: '2026-09-01', status: 'conducted', filledAt: '2026-09-04T08:00:00Z' }, '2026-09-10T00:00:00Z', MOSCOW);
    expect(late?.code).toBe('FILLED_LATE');
    expect(late?.message).toBe('Журнал за урок 01.09.2026 заполнен позже срока (до 03.09.2026 включительно) (п. 5.2 Положения).');
    const overdue = fillTimelinessWarning({ date: '2026-09-01', status: 'planned' }, '2026-09-04T08:00:00Z', MOSCOW);
    expect(overdue?.code).toBe('FILL_OVERDUE');
    expect(fillTimelinessWarning({ date: '2026-09-01', status: 'conducted', filledAt: '2026-09-02T08:00:00Z' }, '2026-09-10T00:00:00Z', MOSCOW)).toBeNull();
  });
});

describe('п. 6.1: final marks no later than one day after the period', () => {
  // 1st quarter ends on Friday 23.10.2026.
  const quarter = { endDate: '2026-10-23', name: '1 четверть' };

  it('the test period ends on a Friday', () => {
    expect(weekdayOf(quarter.endDate)).toBe(5);
  });

  it('п. 6.1: a period ending on Friday is due by the end of Saturday (calendar days)', () => {
    expect(finalMarkDeadline(quarter, MOSCOW)).toEqual({ lastDay: '2026-10-24', endsAt: '2026-10-24T21:00:00.000Z' });
    expect(finalMarkDeadline(quarter, YEKATERINBURG)).toEqual({ lastDay: '2026-10-24', endsAt: '2026-10-24T19:00:00.000Z' });
  });

  it('п. 6.1: set on Saturday 23:59 local is in time; on Sunday 00:00 local it is late', () => {
    expect(isFinalMarkLate(quarter, '2026-10-24T20:59:59Z', MOSCOW)).toBe(false);
    expect(isFinalMarkLate(quarter, '2026-10-24T21:00:00Z', MOSCOW)).toBe(true);
    expect(isFinalMarkLate(quarter, '2026-10-24T18:59:59Z', YEKATERINBURG)).toBe(false);
    expect(isFinalMarkLate(quarter, '2026-10-24T19:00:00Z', YEKATERINBURG)).toBe(true);
  });

  it('п. 6.1: a mark set before the period ends is in time', () => {
    expect(isFinalMarkLate(quarter, '2026-10-20T09:00:00Z', MOSCOW)).toBe(false);
  });

  it('п. 6.1: a late final mark gives a warning naming the period and the deadline', () => {
    const w = finalMarkTimelinessWarning(quarter, '2026-10-26T06:00:00Z', MOSCOW);
    expect(w?.code).toBe('FINAL_MARK_LATE');
    expect(w?.message).toBe(
      'Итоговая отметка за период «1 четверть» (окончание 23.10.2026) выставлена позже срока (до 24.10.2026 включительно) (п. 6.1 Положения).',
    );
    expect(finalMarkTimelinessWarning(quarter, '2026-10-24T06:00:00Z', MOSCOW)).toBeNull();
  });
});
