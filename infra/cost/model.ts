/**
 * The cost model: one school's expected AWS bill, line by line, from what its template deploys
 * (inventory.ts), how it is used (usage.ts → activity.ts, jobs.ts), what a request costs
 * (measured.ts) and the price list. Pure: the same inputs give the same lines, which is what the
 * test recomputes by hand.
 *
 * Each line has a quantity for one month, a unit price and a basis saying how a year is made:
 * - `usage` lines are a school month's use; a year is `activeMonths` of them plus the other months
 *   at `offSeasonShare` of it (the price being linear: monthly × usageMonths);
 * - `fixed`, `storage` and `schedule` lines bill the same every month: a year is 12 of them
 *   (storage at the table's size after `dataYears`; schedules at their runs a year ÷ 12).
 */
import { activityOf, GB, type Activity } from './activity.ts';
import type { CostPlan, Inventory } from './inventory.ts';
import { jobsOf, type JobYear } from './jobs.ts';
import { DOCUMENTED, type Measured, type RequestFigure } from './measured.ts';
import type { Price, PriceList, Tier } from './prices-2026-12.ts';
import type { ResolvedUsage } from './usage.ts';

/** Our aim: at most this much per student and year, everything included. */
export const TARGET_PER_STUDENT_YEAR = 0.3;

/** A small API call (the caller's account, strongly consistent: 1 unit; the bell's count: ½ unit), its answer ~1 KB. Assumed from docs/data-model.md. */
export const SMALL_REQUEST = { rcu: 1.5, bytes: 1024 };
/** A report's answer (a class or the school over a period, as JSON). Assumed. */
export const REPORT_BYTES = 50 * 1024;
/** The post-authentication trigger: one UpdateItem of the account (~3 write units: the item and its two index entries, W12). Assumed duration. */
export const TRIGGER = { ms: 30, importMs: 150, wru: 3, logBytes: 900 };
/** Log bytes per API invocation: the platform's START/REPORT lines as JSON and the request line. Assumed. */
export const HTTP_LOG_BYTES = 1_200;
/** One JSON line of the API's access log (its format in the template). */
export const ACCESS_LOG_BYTES = 350;
/** The deliver-mail job's log per e-mail sent. Assumed. */
export const MAIL_LOG_BYTES = 300;
/** CloudWatch stores logs compressed; JSON compresses to about this share. Assumed. */
export const LOG_COMPRESSION = 0.15;
/** One line of the CloudFront / S3 access logs kept in the log bucket. Assumed. */
export const ACCESS_LOG_LINE_BYTES = 500;
/** Alarm e-mails a topic sends a month. Assumed. */
export const ALARM_MAILS_PER_MONTH = 10;
/** HTTP API requests are metered per 512 KB of request or answer. */
const API_METER_BYTES = 512 * 1024;
const DAYS_A_MONTH = 365 / 12;

export type Basis = 'usage' | 'fixed' | 'storage' | 'schedule';

export type CostLine = {
  service: string;
  item: string;
  /** Quantity in `unit`, per month (for usage lines: a school month). */
  quantity: number;
  unit: string;
  /** US$ per unit (Cognito Lite: the tiers' average at this quantity). */
  unitPrice: number;
  monthly: number;
  yearly: number;
  basis: Basis;
  /** Which price (for the free tiers) and the month's quantity outside school months. */
  priceKey: string;
  offQuantity: number;
};

export type CostInput = {
  school: { id: string; name?: string };
  inventory: Inventory;
  usage: ResolvedUsage;
  measured: Measured;
  prices: PriceList;
  region: string;
  plan: CostPlan;
  /** Count the account's always-free allowances as if this school were alone in its account. */
  freeTier: boolean;
  /** Custom CloudWatch metrics a school emits (shared/config/business-metrics.ts). */
  customMetrics: number;
};

export type CostReport = {
  school: CostInput['school'];
  plan: CostPlan;
  region: string;
  freeTier: boolean;
  usage: ResolvedUsage;
  activity: Activity;
  jobs: JobYear[];
  lines: CostLine[];
  /** A school month's bill (usage lines at a school month, the rest at an average month). */
  monthly: number;
  yearly: number;
  perStudentYear: number;
  /** Lines billed whatever the school's size (WAF, alarms, dashboards, metrics): yearly. */
  fixedYearly: number;
};

type PriceFn = { cost: (q: number) => number; free: number; freeNote?: string };

function linear(p: Price): PriceFn {
  return { cost: (q) => q * p.usd, free: p.free ?? 0, ...(p.freeNote ? { freeNote: p.freeNote } : {}) };
}

function tiered(tiers: Tier[], free: number): PriceFn {
  const cost = (q: number) => {
    let total = 0;
    let from = 0;
    for (const t of tiers) {
      if (q <= from) break;
      total += (Math.min(q, t.upTo) - from) * t.usd;
      from = t.upTo;
    }
    return total;
  };
  return { cost, free, freeNote: `first ${free.toLocaleString('en')} MAU of the account` };
}

export function cognitoPrice(prices: PriceList, plan: CostPlan): PriceFn & { unit: string } {
  const c = prices.cognito;
  if (plan === 'lite') return { ...tiered(c.lite.tiers, c.lite.free), unit: c.lite.unit };
  return { ...linear(c[plan]), unit: c[plan].unit };
}

export function costOf(input: CostInput): CostReport {
  const { inventory: inv, usage: u, measured: m, prices: P } = input;
  const a = activityOf(u, m);
  const jobs = jobsOf(inv, u, m, a);
  const D = a.daysPerMonth;
  const offMonths = 12 - u.activeMonths;
  const scale = u.students / m.demo.students;
  const lines: CostLine[] = [];
  const priceFns = new Map<string, PriceFn>();

  const add = (service: string, item: string, priceKey: string, fn: PriceFn, unit: string, quantity: number, basis: Basis) => {
    priceFns.set(priceKey, fn);
    const monthly = fn.cost(quantity);
    const offQuantity = basis === 'usage' ? quantity * u.offSeasonShare : quantity;
    const yearly = basis === 'usage' ? u.activeMonths * monthly + offMonths * fn.cost(offQuantity) : 12 * monthly;
    lines.push({ service, item, quantity, unit, unitPrice: quantity > 0 ? monthly / quantity : fn.cost(1), monthly, yearly, basis, priceKey, offQuantity });
  };
  const priced = (service: string, item: string, priceKey: string, p: Price, quantity: number, basis: Basis) =>
    add(service, item, priceKey, linear(p), p.unit, quantity, basis);
  const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

  // --- the API's requests of a school day, by kind: count, read units, answer bytes, ms, the area that serves them
  const memoryGbOf = (role: string) => {
    const fn = inv.functions.find((f) => f.role === role) ?? inv.functions.find((f) => f.role.startsWith('area:'));
    return (fn?.memoryMb ?? 512) / 1024;
  };
  const familyPage: RequestFigure = {
    rcu: (m.pages.diary.rcu + m.pages.marks.rcu) / 2,
    bytes: (m.pages.diary.bytes + m.pages.marks.bytes) / 2,
    ms: (m.pages.diary.ms + m.pages.marks.ms) / 2,
  };
  const reportRun = m.checks['period-control'];
  const kinds: { count: number; fig: RequestFigure; area: string }[] = [
    { count: a.familyPages, fig: familyPage, area: 'diary' },
    { count: a.staffPages, fig: m.pages.journal, area: 'journal' },
    { count: a.smallRequests, fig: { ...SMALL_REQUEST, ms: m.pages.marks.ms }, area: 'notifications' },
    { count: a.reports, fig: { rcu: (reportRun?.rcu ?? 0) * scale, bytes: REPORT_BYTES, ms: (reportRun?.ms ?? 0) * scale }, area: 'reports' },
    { count: a.saves.marks, fig: m.saves.marks, area: 'journal' },
    { count: a.saves.attendance, fig: m.saves.attendance, area: 'journal' },
    { count: a.saves.lesson, fig: m.saves.lesson, area: 'journal' },
  ];
  const trigger = inv.userPools.some((p) => p.postAuthTrigger) ? a.signIns : 0;

  // Cognito
  const cognito = cognitoPrice(P, input.plan);
  add('Cognito', `user pool, ${input.plan} plan: monthly active users`, `cognito.${input.plan}`, cognito, cognito.unit, a.mau, 'usage');

  // WAF: the web ACL on the user pool inspects every sign-in and token refresh
  if (inv.webAcls.length) {
    priced('WAF', 'web ACL', 'waf.webAcl', P.waf.webAcl, inv.webAcls.length, 'fixed');
    priced('WAF', 'rules (a managed rule group counts as one)', 'waf.rule', P.waf.rule, sum(inv.webAcls, (w) => w.rules), 'fixed');
    priced('WAF', 'requests: sign-ins and token refreshes', 'waf.requests', P.waf.requests, (a.signIns * (1 + u.refreshesPerSignIn) * D) / 1e6, 'usage');
  }

  // DynamoDB
  const rruDay =
    sum(kinds, (k) => k.count * k.fig.rcu) +
    a.notifications * m.digest.fanOutRruPerNotification +
    a.mails * (DOCUMENTED.digestRru / DOCUMENTED.digestMails);
  const wruDay =
    a.saves.marks * a.saveWru.marks +
    a.saves.attendance * a.saveWru.attendance +
    a.saves.lesson * a.saveWru.lesson +
    trigger * TRIGGER.wru +
    a.notifications * DOCUMENTED.fanOutWruPerNotification +
    a.mails * (DOCUMENTED.digestWru / DOCUMENTED.digestMails);
  priced('DynamoDB', 'reads: pages, saves, notifications, e-mail', 'dynamodb.reads', P.dynamodb.reads, (rruDay * D) / 1e6, 'usage');
  priced('DynamoDB', 'writes: saves, sign-ins, notifications, e-mail', 'dynamodb.writes', P.dynamodb.writes, (wruDay * D) / 1e6, 'usage');
  priced('DynamoDB', 'reads: scheduled checks, nightly export, drill', 'dynamodb.reads', P.dynamodb.reads, sum(jobs, (j) => j.rru) / 12 / 1e6, 'schedule');
  priced('DynamoDB', 'writes: scheduled checks, monthly restore drill', 'dynamodb.writes', P.dynamodb.writes, sum(jobs, (j) => j.wru) / 12 / 1e6, 'schedule');
  const table = inv.tables[0];
  if (table) {
    priced('DynamoDB', `storage with ${table.indexes} indexes`, 'dynamodb.storage', P.dynamodb.storage, a.table.storedGb, 'storage');
    if (table.pitr) priced('DynamoDB', 'point-in-time recovery', 'dynamodb.pitr', P.dynamodb.pitr, a.table.baseGb, 'storage');
    // AWS Backup keeps full copies: a rule running r times a day, each kept d days, holds r × d of them.
    let warm = 0;
    let cold = 0;
    for (const rule of inv.backupRules) {
      const perDay = rule.runsPerYear / 365;
      const keptDays = rule.deleteAfterDays ?? 365 * u.dataYears;
      const warmDays = Math.min(keptDays, rule.coldAfterDays ?? keptDays);
      warm += perDay * warmDays * a.table.baseGb;
      cold += perDay * (keptDays - warmDays) * a.table.baseGb;
    }
    const rules = inv.backupRules.map((r) => `${r.name} kept ${r.deleteAfterDays ?? '∞'} d`).join(', ');
    if (inv.backupRules.length) priced('AWS Backup', `table copies (${rules})`, 'dynamodb.backup', P.dynamodb.backup, warm, 'storage');
    if (cold > 0) priced('AWS Backup', 'table copies in cold storage', 'dynamodb.backupCold', P.dynamodb.backupCold, cold, 'storage');
  }

  // Lambda (arm64 prices: the template's functions are arm64; an x86 one would cost ~25 % more)
  const httpGbSeconds = sum(kinds, (k) => (k.count * (k.fig.ms + u.coldStartShare * (m.importMs[`area:${k.area}`] ?? 0))) / 1000 * memoryGbOf(`area:${k.area}`));
  const triggerGbSeconds = (trigger * (TRIGGER.ms + u.coldStartShare * TRIGGER.importMs)) / 1000 * memoryGbOf('trigger');
  const mailGbSeconds = ((a.notifications * m.digest.fanOutMsPerNotification + a.mails * m.digest.digestMsPerMail) / 1000) * memoryGbOf('job:deliver-mail');
  priced('Lambda', 'requests: API and sign-in trigger', 'lambda.requests', P.lambda.requests, ((a.apiRequests + trigger) * D) / 1e6, 'usage');
  priced('Lambda', 'compute: API functions', 'lambda.gbSecond', P.lambda.gbSecondArm, httpGbSeconds * D, 'usage');
  if (trigger) priced('Lambda', 'compute: sign-in trigger', 'lambda.gbSecond', P.lambda.gbSecondArm, triggerGbSeconds * D, 'usage');
  priced('Lambda', 'compute: notifications and e-mail (deliver-mail)', 'lambda.gbSecond', P.lambda.gbSecondArm, mailGbSeconds * D, 'usage');
  priced('Lambda', 'requests: scheduled runs', 'lambda.requests', P.lambda.requests, sum(jobs, (j) => j.runs) / 12 / 1e6, 'schedule');
  priced('Lambda', 'compute: scheduled runs', 'lambda.gbSecond', P.lambda.gbSecondArm, sum(jobs, (j) => j.gbSeconds) / 12, 'schedule');

  // API Gateway and CloudFront: every API call goes through the distribution's /api/* to the HTTP API
  const meteredRequests = sum(kinds, (k) => k.count * Math.max(1, Math.ceil(k.fig.bytes / API_METER_BYTES)));
  if (inv.httpApis) priced('API Gateway', 'HTTP API requests', 'apigateway.http', P.apiGateway.httpRequests, (meteredRequests * D) / 1e6, 'usage');
  const cfRequests = a.apiRequests + a.signIns * u.siteRequestsPerSignIn;
  const cfBytes = sum(kinds, (k) => k.count * k.fig.bytes) + a.signIns * u.siteKbPerSignIn * 1024;
  if (inv.distributions) {
    priced('CloudFront', 'HTTPS requests: site and API', 'cloudfront.requests', P.cloudfront.httpsRequests, (cfRequests * D) / 1e4, 'usage');
    priced('CloudFront', 'data out: site and API answers', 'cloudfront.dataOut', P.cloudfront.dataOut, (cfBytes * D) / GB, 'usage');
  }

  // S3: homework files (uploaded and downloaded straight from S3 with signed URLs), nightly exports, access logs
  const bucket = (kind: string) => inv.buckets.find((b) => b.kind === kind);
  if (bucket('files')) {
    priced('S3', 'homework files stored', 's3.standard', P.s3.standard, (a.homeworkFiles * u.schoolDaysPerYear * u.dataYears * u.homeworkFileMb) / 1024, 'storage');
    priced('S3', 'homework uploads and copies (PUT/COPY)', 's3.put', P.s3.put, (a.homeworkFiles * 2 * D) / 1000, 'usage');
    priced('S3', 'homework downloads and checks (GET/HEAD)', 's3.get', P.s3.get, (a.homeworkFiles * (u.downloadsPerFile + 2) * D) / 1000, 'usage');
    priced('S3', 'homework downloads to the internet', 's3.dataOut', P.s3.dataOut, (a.homeworkFiles * u.downloadsPerFile * u.homeworkFileMb * D) / 1024, 'usage');
  }
  const backups = bucket('backups');
  const exportJob = jobs.find((j) => j.name === 'backup-table');
  if (backups && exportJob) {
    const exportGb = (a.table.items * DOCUMENTED.exportGzipBytes) / DOCUMENTED.exportItems / GB;
    const keptDays = backups.expirationDays ?? 365;
    const standardDays = Math.min(keptDays, backups.iaAfterDays ?? keptDays);
    const perDay = exportJob.runs / 365;
    priced('S3', `nightly exports, Standard (${standardDays} d)`, 's3.standard', P.s3.standard, exportGb * perDay * standardDays, 'storage');
    if (keptDays > standardDays) priced('S3', `nightly exports, Standard-IA (${keptDays - standardDays} d more)`, 's3.standardIa', P.s3.standardIa, exportGb * perDay * (keptDays - standardDays), 'storage');
    priced('S3', 'nightly exports: PUT', 's3.put', P.s3.put, sum(jobs, (j) => j.s3Puts) / 12 / 1000, 'schedule');
  }
  const logs = bucket('logs');
  if (logs) {
    const lines = (cfRequests + a.homeworkFiles * (u.downloadsPerFile + 4)) * D;
    priced('S3', `access logs kept ${logs.expirationDays ?? 365} d`, 's3.standard', P.s3.standard, (lines * ACCESS_LOG_LINE_BYTES * ((logs.expirationDays ?? 365) / DAYS_A_MONTH)) / GB, 'storage');
  }

  // SES
  priced('SES', 'e-mails to families (notifications, digest)', 'ses.mails', P.ses.mails, (a.mails * D) / 1000, 'usage');
  priced('SES', 'e-mails of the scheduled checks', 'ses.mails', P.ses.mails, sum(jobs, (j) => j.mails) / 12 / 1000, 'schedule');
  priced('SES', 'attachments of the checks (справки)', 'ses.attachments', P.ses.attachments, sum(jobs, (j) => j.attachmentGb) / 12, 'schedule');

  // EventBridge Scheduler
  if (inv.schedules.length) {
    priced('Scheduler', `invocations of ${inv.schedules.length} schedules`, 'scheduler.invocations', P.scheduler.invocations, sum(inv.schedules, (s) => s.runsPerYear) / 12 / 1e6, 'schedule');
  }

  // CloudWatch
  const usageLogGb = (((a.apiRequests * HTTP_LOG_BYTES + a.apiRequests * ACCESS_LOG_BYTES + trigger * TRIGGER.logBytes + a.mails * MAIL_LOG_BYTES) * D) / GB);
  const jobLogGb = sum(jobs, (j) => j.logBytes) / 12 / GB;
  priced('CloudWatch', 'logs ingested: API, access log, trigger, mail', 'cloudwatch.logIngestion', P.cloudwatch.logIngestion, usageLogGb, 'usage');
  priced('CloudWatch', 'logs ingested: scheduled runs', 'cloudwatch.logIngestion', P.cloudwatch.logIngestion, jobLogGb, 'schedule');
  const functionDays = Math.max(0, ...inv.functions.map((f) => f.logRetentionDays ?? 0)) || 30;
  const storedLogGb = LOG_COMPRESSION * (usageLogGb * (Math.max(functionDays, inv.accessLogRetentionDays ?? 0) / DAYS_A_MONTH) + jobLogGb * (functionDays / DAYS_A_MONTH));
  priced('CloudWatch', `logs stored (${functionDays}–${inv.accessLogRetentionDays ?? functionDays} d, compressed)`, 'cloudwatch.logStorage', P.cloudwatch.logStorage, storedLogGb, 'storage');
  if (inv.alarms) priced('CloudWatch', `alarms (${inv.alarms}), per metric evaluated`, 'cloudwatch.alarm', P.cloudwatch.alarm, inv.alarmMetrics, 'fixed');
  if (inv.compositeAlarms) priced('CloudWatch', 'composite alarms', 'cloudwatch.compositeAlarm', P.cloudwatch.compositeAlarm, inv.compositeAlarms, 'fixed');
  if (inv.dashboards) priced('CloudWatch', 'dashboards', 'cloudwatch.dashboard', P.cloudwatch.dashboard, inv.dashboards, 'fixed');
  if (input.customMetrics) priced('CloudWatch', 'custom metrics (business metrics)', 'cloudwatch.metric', P.cloudwatch.metric, input.customMetrics, 'fixed');
  if (inv.topics) priced('SNS', 'alarm e-mails', 'sns.email', P.sns.email, (inv.topics * ALARM_MAILS_PER_MONTH) / 1e5, 'fixed');

  if (input.freeTier) lines.push(...freeTierLines(lines, priceFns, u.activeMonths));

  const monthly = sum(lines, (l) => l.monthly);
  const yearly = sum(lines, (l) => l.yearly);
  return {
    school: input.school,
    plan: input.plan,
    region: input.region,
    freeTier: input.freeTier,
    usage: u,
    activity: a,
    jobs,
    lines,
    monthly,
    yearly,
    perStudentYear: yearly / u.students,
    fixedYearly: sum(lines.filter((l) => l.basis === 'fixed'), (l) => l.yearly),
  };
}

/** The account's always-free allowances, taken once per price from the school's lines of that price. */
function freeTierLines(lines: CostLine[], fns: Map<string, PriceFn>, activeMonths: number): CostLine[] {
  const out: CostLine[] = [];
  for (const [key, fn] of fns) {
    if (!fn.free) continue;
    const mine = lines.filter((l) => l.priceKey === key);
    const school = mine.reduce((s, l) => s + l.quantity, 0);
    const off = mine.reduce((s, l) => s + l.offQuantity, 0);
    const credit = (q: number) => fn.cost(q) - fn.cost(Math.max(0, q - fn.free));
    const monthly = -credit(school);
    if (monthly === 0) continue;
    out.push({
      service: 'Free tier',
      item: `${mine[0]!.service}: ${fn.freeNote ?? 'free allowance'}`,
      quantity: -Math.min(school, fn.free),
      unit: mine[0]!.unit,
      unitPrice: credit(school) / Math.min(school, fn.free),
      monthly,
      yearly: -(activeMonths * credit(school) + (12 - activeMonths) * credit(off)),
      // Each month's credit is taken on that month's quantity: a year is the school months' and the others'.
      basis: mine.some((l) => l.basis === 'usage') ? 'usage' : mine[0]!.basis,
      priceKey: key,
      offQuantity: -Math.min(off, fn.free),
    });
  }
  return out;
}
