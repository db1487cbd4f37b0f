import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { schedules } from '#functions/scheduled/schedules.ts';
import { toCronerPattern } from '#infra/local/scheduler.ts';

describe('EventBridge cron expressions run locally with the same meaning', () => {
  it('every 5 minutes fires at :00, :05 … in the school time zone', () => {
    const cron = new Cron(toCronerPattern('cron(0/5 * * * ? *)'), { timezone: 'Europe/Saratov', paused: true });
    const [a, b] = cron.nextRuns(2, new Date('2026-11-30T08:01:00Z'));
    expect(a!.toISOString()).toBe('2026-11-30T08:05:00.000Z');
    expect(b!.toISOString()).toBe('2026-11-30T08:10:00.000Z');
  });

  it('weekdays at 07:00 Moscow time skip the weekend', () => {
    const cron = new Cron(toCronerPattern('cron(0 7 ? * MON-FRI *)'), { timezone: 'Europe/Moscow', paused: true });
    // Friday 2026-12-04 08:00 MSK → next is Monday 2026-12-07 07:00 MSK (04:00Z)
    expect(cron.nextRun(new Date('2026-12-04T05:00:00Z'))!.toISOString()).toBe('2026-12-07T04:00:00.000Z');
  });

  it('refuses numeric day-of-week and a missing ?, which EventBridge reads differently', () => {
    expect(() => toCronerPattern('cron(0 7 ? * 2-6 *)')).toThrow(/names/);
    expect(() => toCronerPattern('cron(0 7 1 * MON *)')).toThrow(/\?/);
    expect(() => toCronerPattern('rate(5 minutes)')).toThrow(/cron/);
  });

  it('every declared schedule converts', () => {
    for (const s of schedules) expect(() => toCronerPattern(s.expression)).not.toThrow();
  });
});
