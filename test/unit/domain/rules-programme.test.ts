import { describe, expect, it } from 'vitest';
import { checkPlanHours, defaultWorkTypes, plannedHours, programmeProgress, type ThematicTopic } from '#shared/domain/index.ts';
import { id } from './fixtures.ts';

const topic = (n: number, hours: number, plannedDate?: string): ThematicTopic => ({
  id: id('thematicTopic', n),
  number: n,
  title: `Тема ${n}`,
  hours,
  ...(plannedDate ? { plannedDate } : {}),
});
const plan = { topics: [topic(1, 2, '2026-09-02'), topic(2, 1, '2026-09-04'), topic(3, 3, '2026-09-10')] };

describe('п. 7.4: programme completion against the plan', () => {
  it('п. 7.4: plan hours match the curriculum', () => {
    expect(plannedHours(plan)).toBe(6);
    expect(checkPlanHours(plan, { hoursPerYear: 6 })).toBeNull();
    const v = checkPlanHours(plan, { hoursPerYear: 170 });
    expect(v?.code).toBe('PLAN_HOURS_MISMATCH');
    expect(v?.message).toBe('В тематическом планировании 6 ч, в учебном плане 170 ч (п. 7.4 Положения).');
  });

  it('п. 7.4: counts conducted lessons, control and check works, and lessons without a topic up to a date', () => {
    const lessons = [
      { date: '2026-09-01', status: 'conducted' as const, topic: 'Числа' },
      { date: '2026-09-02', status: 'conducted' as const, topic: 'Контрольная', workTypeId: 'control' },
      { date: '2026-09-03', status: 'conducted' as const, workTypeId: 'check' },
      { date: '2026-09-04', status: 'cancelled' as const },
      { date: '2026-09-11', status: 'conducted' as const, topic: 'Позже', workTypeId: 'control' },
    ];
    expect(programmeProgress(plan, lessons, defaultWorkTypes, '2026-09-05')).toEqual({
      conductedLessons: 3,
      plannedLessonsToDate: 3,
      controlWorks: 1,
      checkWorks: 1,
      lessonsWithoutTopic: 1,
    });
  });
});
