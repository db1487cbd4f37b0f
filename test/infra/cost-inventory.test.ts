/**
 * The cost model's reading of the real school stack (synthesized in-process without bundling, as
 * the other infrastructure tests do) and of schedule expressions: what the bill is built from
 * must be what the stack deploys.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runsPerYear, ScheduleExpressionError } from '../../infra/cost/cron.ts';
import { inventoryOf, type CfnTemplate, type Inventory } from '../../infra/cost/inventory.ts';
import { readMeasured } from '../../infra/cost/measured.ts';
import { costOf } from '../../infra/cost/model.ts';
import { PRICES } from '../../infra/cost/prices-2026-12.ts';
import { resolveUsage, usageSchema } from '../../infra/cost/usage.ts';
import { schedules } from '../../functions/scheduled/schedules.ts';
import { BUSINESS_METRICS } from '../../shared/config/business-metrics.ts';
import { SYNTH_TIMEOUT, synthSchool } from './support.ts';

describe('runs a year of a schedule expression', () => {
  it.each([
    ['cron(0/5 * * * ? *)', 105_120], // every 5 minutes: 288 a day × 365
    ['cron(30 2 * * ? *)', 365],
    ['cron(0 3 1 * ? *)', 12],
    ['cron(0 5 * 6-8 ? *)', 92], // June–August
    ['cron(0 7 ? * MON-FRI *)', 261], // 2027: 52 weeks and a Friday
    ['cron(0 8,20 ? * SAT *)', 104],
    ['rate(1 hour)', 8_760],
  ])('%s → %i', (expression, runs) => {
    expect(runsPerYear(expression)).toBe(runs);
  });

  it('refuses what it cannot count, naming the expression', () => {
    expect(() => runsPerYear('cron(0 0 L * ? *)')).toThrow(ScheduleExpressionError);
    expect(() => runsPerYear('cron(0 0 * * ?)')).toThrow(/6 fields: cron\(0 0 \* \* \?\)/);
    expect(() => runsPerYear('cron(61 0 * * ? *)')).toThrow(/"61" is out of range 0–59/);
  });
});

describe('the inventory of the synthesized school stack', () => {
  let template: CfnTemplate;
  let inv: Inventory;
  const resources = () => Object.values(template.Resources ?? {});
  const ofType = (type: string) => resources().filter((r) => r.Type === type);

  beforeAll(() => {
    template = synthSchool().template.toJSON() as CfnTemplate;
    inv = inventoryOf(template);
  }, SYNTH_TIMEOUT);

  it('has every function with its memory and arm64, each area and job named', () => {
    expect(inv.functions).toHaveLength(ofType('AWS::Lambda::Function').length);
    const named = inv.functions.filter((f) => f.role !== 'other');
    expect(named.every((f) => f.arm64 && f.memoryMb >= 128)).toBe(true);
    for (const area of ['diary', 'journal', 'notifications', 'reports']) expect(inv.functions.map((f) => f.role)).toContain(`area:${area}`);
    expect(inv.functions.filter((f) => f.role === 'trigger')).toHaveLength(1);
  });

  it('has one schedule per entry of schedules.ts, counted from its expression', () => {
    expect(inv.schedules.map((s) => s.name).sort()).toEqual(schedules.map((s) => s.name).sort());
    for (const s of schedules) expect(inv.schedules.find((x) => x.name === s.name)!.runsPerYear).toBe(runsPerYear(s.expression));
    expect(inv.schedules.find((s) => s.name === 'deliver-mail')!.runsPerYear).toBe(105_120);
  });

  it('reads the user pool plan, the web ACL, the table, the backup plan and the monitoring', () => {
    expect(inv.userPools).toHaveLength(1);
    expect(inv.userPools[0]).toMatchObject({ plan: 'plus', postAuthTrigger: true });
    const acl = ofType('AWS::WAFv2::WebACL')[0]!.Properties as { Rules: unknown[] };
    expect(inv.webAcls).toEqual([expect.objectContaining({ rules: acl.Rules.length, scope: 'REGIONAL' })]);
    expect(inv.tables).toEqual([expect.objectContaining({ onDemand: true, pitr: true, indexes: 4 })]);
    // docs/deploy.md: daily kept 35 days, monthly kept 365 days
    expect(inv.backupRules.map((r) => [r.runsPerYear, r.deleteAfterDays])).toEqual([[365, 35], [12, 365]]);
    expect(inv.alarms).toBe(ofType('AWS::CloudWatch::Alarm').length);
    expect(inv.alarmMetrics).toBeGreaterThanOrEqual(inv.alarms);
    expect(inv.dashboards).toBe(ofType('AWS::CloudWatch::Dashboard').length);
    expect(inv.topics).toBe(ofType('AWS::SNS::Topic').length);
    expect(inv.buckets.map((b) => b.kind).sort()).toEqual(['backups', 'files', 'logs', 'site']);
    expect(inv.buckets.find((b) => b.kind === 'backups')).toMatchObject({ expirationDays: 400, iaAfterDays: 30 });
    expect(inv.accessLogRetentionDays).toBeGreaterThan(0);
  });

  it('prices the real stack with the bench figures: every line a finite amount, the total their sum', () => {
    const usage = resolveUsage(usageSchema.parse({}));
    const report = costOf({
      school: { id: 'demo' },
      inventory: inv,
      usage,
      measured: readMeasured(),
      prices: PRICES['eu-central-1'],
      region: 'eu-central-1',
      plan: inv.userPools[0]!.plan,
      freeTier: false,
      customMetrics: Object.keys(BUSINESS_METRICS).length,
    });
    for (const l of report.lines) {
      expect(Number.isFinite(l.monthly) && l.monthly >= 0, `${l.service}: ${l.item}`).toBe(true);
      expect(Number.isFinite(l.yearly) && l.yearly >= 0, `${l.service}: ${l.item}`).toBe(true);
    }
    expect(report.yearly).toBeCloseTo(report.lines.reduce((s, l) => s + l.yearly, 0), 6);
    expect(report.lines.find((l) => l.service === 'Cognito')!.quantity).toBeCloseTo(report.activity.mau, 9);
  });
});

describe('the plan follows the deployment option', () => {
  it('essentials when the school deploys with cognitoPlan=essentials', () => {
    const template = synthSchool({ context: { cognitoPlan: 'essentials' } }).template.toJSON() as CfnTemplate;
    expect(inventoryOf(template).userPools[0]!.plan).toBe('essentials');
  }, SYNTH_TIMEOUT);
});
