/**
 * The cost model recomputed by hand for one school: the fixture stack (cost-fixture.ts), round
 * usage and per-request figures, and the eu-central-1 prices. Each expectation is written out as
 * the multiplication docs/cost.md describes, with the fixture's numbers — not with the model's
 * own helpers — so a changed formula, price or template reading fails here.
 *
 * The fixture school: 1,000 students (500 active), 1,000 parents (all active), 100 staff;
 * 200 school days in 10 months → 20 school days a school month, no off-season use; the demo
 * figures give 1000 × 200 / (100 × 10) = 200 lessons a day, 5 marks and 1 absence each.
 */
import { describe, expect, it } from 'vitest';
import { inventoryOf } from '../../infra/cost/inventory.ts';
import { costOf, type CostInput, type CostLine } from '../../infra/cost/model.ts';
import { PRICES } from '../../infra/cost/prices-2026-12.ts';
import { verdictOf } from '../../infra/cost/verdict.ts';
import { fixtureMeasured, fixtureTemplate, fixtureUsage } from './cost-fixture.ts';

const GB = 2 ** 30;
const input: CostInput = {
  school: { id: 'fixture' },
  inventory: inventoryOf(fixtureTemplate),
  usage: fixtureUsage,
  measured: fixtureMeasured,
  prices: PRICES['eu-central-1'],
  region: 'eu-central-1',
  plan: 'plus',
  freeTier: false,
  customMetrics: 5,
};
const report = costOf(input);

function line(service: string, item: string): CostLine {
  const found = report.lines.filter((l) => l.service === service && l.item.startsWith(item));
  expect(found, `${service}: ${item}`).toHaveLength(1);
  return found[0]!;
}
/** A usage line: a school month, and 10 school months a year (offSeasonShare 0). */
function expectUsage(l: CostLine, quantity: number, unitPrice: number) {
  expect(l.quantity).toBeCloseTo(quantity, 9);
  expect(l.unitPrice).toBeCloseTo(unitPrice, 12);
  expect(l.monthly).toBeCloseTo(quantity * unitPrice, 10);
  expect(l.yearly).toBeCloseTo(quantity * unitPrice * 10, 9);
}
/** A fixed, storage or schedule line: the same every month, 12 a year. */
function expectMonthly(l: CostLine, quantity: number, unitPrice: number) {
  expect(l.quantity).toBeCloseTo(quantity, 9);
  expect(l.monthly).toBeCloseTo(quantity * unitPrice, 10);
  expect(l.yearly).toBeCloseTo(quantity * unitPrice * 12, 9);
}

// The table at the end of the year: per student and school day 1,500 / (100 × 10) = 1.5 journal
// items, as many audit events, and 2,400 / 1,000 = 2.4 notifications → 5.4 × 200 days + 2,000 / 100
// items there from the start = 1,100 items a student, 1,100,000 in all, at 570 + 100 bytes each.
const ITEMS = 1_100_000;
const BASE_BYTES = ITEMS * 670; // 737,000,000

describe('the cost model, recomputed by hand for the fixture school', () => {
  it('reads the template: plan, web ACL, backup rules, schedules, alarms', () => {
    const inv = input.inventory;
    expect(inv.userPools).toEqual([{ id: 'Pool', plan: 'plus', postAuthTrigger: true }]);
    expect(inv.webAcls[0]!.rules).toBe(2);
    expect(inv.backupRules.map((r) => [r.name, r.runsPerYear, r.deleteAfterDays])).toEqual([['daily', 365, 35], ['monthly', 12, 365]]);
    expect(inv.schedules.map((s) => [s.name, s.runsPerYear])).toEqual([['deliver-mail', 105_120], ['backup-table', 365], ['period-control', 365]]);
    expect([inv.alarms, inv.alarmMetrics, inv.dashboards, inv.topics]).toEqual([2, 3, 1, 1]);
    expect(inv.accessLogRetentionDays).toBe(180);
  });

  it('counts the people and a school day as docs/cost.md does', () => {
    const a = report.activity;
    expect(a.daysPerMonth).toBe(20); // 200 school days ÷ 10 months
    expect(a.mau).toBe(1_600); // 1000 × 0.5 + 1000 × 1 × 1 + 100 × 1
    expect(a.signIns).toBe(1_700); // 500 × 1 + 1000 × 1 + 100 × 2
    expect(a.lessons).toBe(200);
    expect(a.saveWru).toEqual({ marks: 38, attendance: 14, lesson: 18 });
    expect(a.notifications).toBe(2_400); // 200 lessons × (5 marks + 1 absence) × 2 recipients
    expect(a.apiRequests).toBeCloseTo(7_601, 9); // 3000 family + 500 journal + 3500 small + 1 report + 600 saves
    expect(a.table.items).toBeCloseTo(ITEMS, 6);
  });

  it('Cognito: monthly active users × the plan price', () => {
    expectUsage(line('Cognito', 'user pool'), 1_600, 0.02); // US$32 a school month, US$320 a year
  });

  it('WAF: the web ACL and its rules every month, the sign-ins and refreshes it inspects', () => {
    expectMonthly(line('WAF', 'web ACL'), 1, 5);
    expectMonthly(line('WAF', 'rules'), 2, 1);
    expectUsage(line('WAF', 'requests'), (1_700 * (1 + 1) * 20) / 1e6, 0.6);
  });

  it('DynamoDB: read and write units of a school day, storage, PITR and 47 kept backups', () => {
    // Reads a day: 3000 family pages × (8 + 4) / 2 + 500 journals × 60 + 3500 small × 1.5
    // + 1 report × 6000 × (1000 / 100) + saves 200 × (2 + 4 + 8) + 2400 notifications × 1
    // + 1000 e-mails × 1500 / 1094 (the digest's documented reads).
    const rru = 18_000 + 30_000 + 5_250 + 60_000 + 2_800 + 2_400 + (1_000 * 1_500) / 1_094;
    expectUsage(line('DynamoDB', 'reads: pages'), (rru * 20) / 1e6, 0.1525);
    // Writes a day: saves 200 × (38 + 14 + 18), sign-ins 1700 × 3, notifications 2400 × 4,
    // e-mails 1000 × 41,500 / 1,094.
    const wru = 14_000 + 5_100 + 9_600 + (1_000 * 41_500) / 1_094;
    expectUsage(line('DynamoDB', 'writes: saves'), (wru * 20) / 1e6, 0.7625);
    expectMonthly(line('DynamoDB', 'storage'), (BASE_BYTES * 1.6) / GB, 0.306);
    expectMonthly(line('DynamoDB', 'point-in-time'), BASE_BYTES / GB, 0.2448);
    // daily × 35 days + monthly × 12 = 47 copies of the table
    expectMonthly(line('AWS Backup', 'table copies'), (47 * BASE_BYTES) / GB, 0.1224);
  });

  it('the scheduled jobs: deliver-mail idle every 5 minutes, a nightly export, six справки a year', () => {
    const exportMs = (ITEMS * 14_700) / 147_115;
    const scanRru = BASE_BYTES / 4096;
    // deliver-mail 105,120 idle runs × 20 units; the export 365 × a Scan; period-control 6 full
    // runs × 6000 × 10 and 359 idle runs × 20.
    expectMonthly(line('DynamoDB', 'reads: scheduled'), (105_120 * 20 + 365 * scanRru + 6 * 60_000 + 359 * 20) / 12 / 1e6, 0.1525);
    // GB-s: deliver-mail 105,120 × 0.3 s × 0.5 GB (warm); the export 365 × (its run + 0.1 s cold
    // start) × 0.5 GB; period-control (6 × 50 s + 359 × 0.3 s + 365 × 0.2 s cold) × 0.5 GB.
    const gbs = 105_120 * 0.3 * 0.5 + (365 * (exportMs + 100)) / 1000 * 0.5 + (6 * 50 + 359 * 0.3 + 365 * 0.2) * 0.5;
    expectMonthly(line('Lambda', 'compute: scheduled'), gbs / 12, 0.0000133334);
    expectMonthly(line('Lambda', 'requests: scheduled'), (105_120 + 365 + 365) / 12 / 1e6, 0.2);
    expectMonthly(line('Scheduler', 'invocations'), (105_120 + 365 + 365) / 12 / 1e6, 1);
    expectMonthly(line('SES', 'e-mails of the scheduled'), (6 * 200) / 12 / 1000, 0.1);
    expectMonthly(line('SES', 'attachments'), (6 * 200 * 2 * 100 * 1024) / GB / 12, 0.12);
    // The nightly export: 1,100,000 items × 8 MB / 147,115 items, 30 nights in Standard, 370 in IA.
    const exportGb = (ITEMS * 8e6) / 147_115 / GB;
    expectMonthly(line('S3', 'nightly exports, Standard ('), 30 * exportGb, 0.0245);
    expectMonthly(line('S3', 'nightly exports, Standard-IA'), 370 * exportGb, 0.0135);
  });

  it('Lambda, API Gateway and CloudFront: every request of a school day', () => {
    // ms × count: family pages 3000 × 15, journals 500 × 50, small 3500 × 10 (at 0.5 GB),
    // reports 1 × 50,000 (at 1 GB), saves 200 × (80 + 100 + 20) (at 0.5 GB).
    const gbs = ((3_000 * 15 + 500 * 50 + 3_500 * 10 + 200 * 200) / 1000) * 0.5 + 50 * 1;
    expectUsage(line('Lambda', 'compute: API'), gbs * 20, 0.0000133334);
    expectUsage(line('Lambda', 'compute: sign-in'), ((1_700 * 30) / 1000) * 0.25 * 20, 0.0000133334);
    expectUsage(line('Lambda', 'compute: notifications'), ((2_400 * 10 + 1_000 * 20) / 1000) * 0.5 * 20, 0.0000133334);
    expectUsage(line('Lambda', 'requests: API'), ((7_601 + 1_700) * 20) / 1e6, 0.2);
    expectUsage(line('API Gateway', 'HTTP API'), (7_601 * 20) / 1e6, 1.2);
    expectUsage(line('CloudFront', 'HTTPS requests'), ((7_601 + 1_700 * 4) * 20) / 1e4, 0.012);
    // Bytes a day: 3000 × 15,000 + 500 × 200,000 + 3500 × 1024 + 1 × 51,200 + 200 × (3000 + 1500 + 600) + 1700 × 10 KB
    const bytes = 45_000_000 + 100_000_000 + 3_584_000 + 51_200 + 1_020_000 + 17_408_000;
    expectUsage(line('CloudFront', 'data out'), (bytes * 20) / GB, 0.085);
  });

  it('S3 homework files, SES, CloudWatch and SNS', () => {
    expectMonthly(line('S3', 'homework files stored'), (100 * 200 * 1) / 1024, 0.0245); // 100 files a day × 200 days × 1 MB
    expectUsage(line('S3', 'homework uploads'), (100 * 2 * 20) / 1000, 0.0054);
    expectUsage(line('S3', 'homework downloads and checks'), (100 * 12 * 20) / 1000, 0.00043);
    expectUsage(line('S3', 'homework downloads to the internet'), (100 * 10 * 1 * 20) / 1024, 0.09);
    expectUsage(line('SES', 'e-mails to families'), (1_000 * 20) / 1000, 0.1); // US$2 a school month
    // Log bytes a day: 7601 × (1200 + 350) + 1700 × 900 + 1000 × 300
    expectUsage(line('CloudWatch', 'logs ingested: API'), ((7_601 * 1_550 + 1_700 * 900 + 1_000 * 300) * 20) / GB, 0.63);
    expectMonthly(line('CloudWatch', 'alarms'), 3, 0.1);
    expectMonthly(line('CloudWatch', 'dashboards'), 1, 3);
    expectMonthly(line('CloudWatch', 'custom metrics'), 5, 0.3);
    expectMonthly(line('SNS', 'alarm e-mails'), (1 * 10) / 1e5, 2);
  });

  it('totals every line; the verdict compares the year per student with US$0.30', () => {
    const yearly = report.lines.reduce((s, l) => s + l.yearly, 0);
    expect(report.yearly).toBeCloseTo(yearly, 9);
    expect(report.perStudentYear).toBeCloseTo(yearly / 1_000, 12);
    // WAF 5 + 2, alarms 0.3, dashboard 3, metrics 1.5, SNS 0.0002 a month, 12 months
    expect(report.fixedYearly).toBeCloseTo((5 + 2 + 0.3 + 3 + 1.5 + 0.0002) * 12, 9);
    const verdict = verdictOf(input, report);
    expect(verdict.meets).toBe(report.perStudentYear <= 0.3);
    expect(verdict.overPerStudent).toBeCloseTo(report.perStudentYear - 0.3, 12);
    // Only the Cognito line differs between plans: 1,600 MAU × 10 months × (0.02 − 0.015).
    expect(verdict.byPlan.plus - verdict.byPlan.essentials).toBeCloseTo((1_600 * 10 * (0.02 - 0.015)) / 1_000, 12);
  });

  it('bills the off-season months at their share of a school month', () => {
    const off = costOf({ ...input, usage: { ...fixtureUsage, offSeasonShare: 0.1 } });
    const cognito = off.lines.find((l) => l.service === 'Cognito')!;
    expect(cognito.yearly).toBeCloseTo(10 * 1_600 * 0.02 + 2 * 160 * 0.02, 10); // 320 + 6.4
  });

  it('prices Lite by its tiers and takes the account free tier once when asked', () => {
    const lite = costOf({ ...input, plan: 'lite' }).lines.find((l) => l.service === 'Cognito')!;
    expect(lite.monthly).toBeCloseTo(1_600 * 0.0055, 10);
    const free = costOf({ ...input, plan: 'essentials', freeTier: true });
    const credit = free.lines.find((l) => l.service === 'Free tier' && l.item.startsWith('Cognito'))!;
    expect(credit.monthly).toBeCloseTo(-1_600 * 0.015, 10); // all 1,600 MAU inside the first 10,000
    // Lambda's 400,000 GB-s a month cover the API's, the trigger's, the mail's and the schedules' together.
    const lambda = free.lines.filter((l) => l.priceKey === 'lambda.gbSecond').reduce((s, l) => s + l.monthly, 0);
    expect(lambda).toBeCloseTo(0, 12);
  });
});
