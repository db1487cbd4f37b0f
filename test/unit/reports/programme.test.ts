import { describe, expect, it } from 'vitest';
import type { ThematicTopic } from '#shared/domain/thematic-plan.ts';
import { plannedSlots } from '#functions/reports/programme-report.ts';

const topic = (number: number, plannedDate: string, hours: number): ThematicTopic => ({ id: `tt-${number}`, number, title: `Тема ${number}`, hours, plannedDate });

describe('the КТП placed on the journal’s timetable (п. 7.4 a)', () => {
  // Lessons on Mondays and Thursdays.
  const slots = ['2026-11-02', '2026-11-05', '2026-11-09', '2026-11-12', '2026-11-16', '2026-11-19'];

  it('counts the hours of each topic up to the date, never more than its hours', () => {
    const plan = [topic(1, '2026-11-02', 2), topic(2, '2026-11-09', 3), topic(3, '2026-11-16', 2)];
    expect(plannedSlots(plan, slots, '2026-11-01', '2026-11-12')).toMatchObject({ hours: 4 });
    expect(plannedSlots(plan, slots, '2026-11-01', '2026-11-19').hours).toBe(6);
    expect(plannedSlots(plan, slots, '2026-11-01', '2026-11-19').topics.map((t) => t.number)).toEqual([1, 2, 3]);
  });

  it('a topic begun before the period keeps only the slots left in it', () => {
    const plan = [topic(1, '2026-10-20', 5), topic(2, '2026-11-09', 2)];
    expect(plannedSlots(plan, slots, '2026-11-01', '2026-11-19').hours).toBe(2 + 2);
  });

  it('a lesson cancelled stays a planned hour: the lag shows it', () => {
    const plan = [topic(1, '2026-11-02', 6)];
    expect(plannedSlots(plan, slots, '2026-11-01', '2026-11-19').hours).toBe(6);
  });
});
