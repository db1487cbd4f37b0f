/**
 * AWS list prices the cost model multiplies by (on-demand, no savings plans, no private pricing),
 * one dated file: a new price list is a new file, so a cost figure can always say which prices
 * it used. Written on 2026-12-06 on a machine without internet access: the figures are the public
 * price pages as known to the author (the November 2024 DynamoDB on-demand cut and the Cognito
 * plans of November 2024 included), NOT fetched on that date. Verify each against its `source`
 * before quoting a figure to a customer; `npm run cost -- --region` picks the column.
 *
 * Free tiers are listed separately (`free`): they belong to an AWS account and are shared by every
 * school deployed in it, so the model ignores them unless asked (`--free-tier`).
 */

export const PRICE_LIST_DATE = '2026-12-06';
export const PRICE_LIST_NOTE = 'transcribed from the public AWS price pages as known on 2026-12-06 (not fetched online); verify before quoting';

export const REGIONS = ['eu-central-1', 'us-east-1'] as const;
export type Region = (typeof REGIONS)[number];
/** Frankfurt: the EU region nearest to the schools' users with every service the stack uses. */
export const DEFAULT_REGION: Region = 'eu-central-1';

/** One price: US dollars per `unit`, where it is published, and the account's free allowance per month if any. */
export type Price = { usd: number; unit: string; source: string; free?: number; freeNote?: string };

/** Cognito's Lite plan is tiered by monthly active users (MAU); the others are flat. */
export type Tier = { upTo: number; usd: number };

export type PriceList = {
  cognito: {
    lite: { tiers: Tier[]; unit: string; source: string; free: number };
    essentials: Price;
    plus: Price;
  };
  waf: { webAcl: Price; rule: Price; requests: Price };
  dynamodb: { writes: Price; reads: Price; storage: Price; pitr: Price; backup: Price; backupCold: Price };
  lambda: { requests: Price; gbSecondArm: Price };
  apiGateway: { httpRequests: Price };
  cloudfront: { dataOut: Price; httpsRequests: Price };
  s3: { standard: Price; standardIa: Price; put: Price; get: Price; dataOut: Price };
  ses: { mails: Price; attachments: Price };
  scheduler: { invocations: Price };
  cloudwatch: { logIngestion: Price; logStorage: Price; alarm: Price; compositeAlarm: Price; dashboard: Price; metric: Price };
  sns: { email: Price };
};

const src = {
  cognito: 'https://aws.amazon.com/cognito/pricing/',
  waf: 'https://aws.amazon.com/waf/pricing/',
  dynamodb: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  backup: 'https://aws.amazon.com/backup/pricing/',
  lambda: 'https://aws.amazon.com/lambda/pricing/',
  apiGateway: 'https://aws.amazon.com/api-gateway/pricing/',
  cloudfront: 'https://aws.amazon.com/cloudfront/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  ses: 'https://aws.amazon.com/ses/pricing/',
  scheduler: 'https://aws.amazon.com/eventbridge/pricing/',
  cloudwatch: 'https://aws.amazon.com/cloudwatch/pricing/',
  sns: 'https://aws.amazon.com/sns/pricing/',
};

// Cognito, WAF, CloudFront (priced by the viewers' location: Europe), SES, Scheduler, SNS and the
// CloudWatch alarm/dashboard/metric prices are the same in both regions.
const cognito: PriceList['cognito'] = {
  // 10,001–100,000 MAU $0.0055, 100,001–1,000,000 $0.0046, 1,000,001–10,000,000 $0.00325, beyond $0.0025.
  lite: {
    tiers: [
      { upTo: 100_000, usd: 0.0055 },
      { upTo: 1_000_000, usd: 0.0046 },
      { upTo: 10_000_000, usd: 0.00325 },
      { upTo: Infinity, usd: 0.0025 },
    ],
    unit: 'MAU',
    source: src.cognito,
    free: 10_000,
  },
  essentials: { usd: 0.015, unit: 'MAU', source: src.cognito, free: 10_000, freeNote: 'first 10,000 MAU of the account' },
  plus: { usd: 0.02, unit: 'MAU', source: src.cognito },
};

const waf: PriceList['waf'] = {
  webAcl: { usd: 5, unit: 'web ACL-month', source: src.waf },
  // A managed rule group (the IP reputation list) counts as one rule; AWS's baseline groups carry no subscription fee.
  rule: { usd: 1, unit: 'rule-month', source: src.waf },
  requests: { usd: 0.6, unit: 'million requests', source: src.waf },
};

const shared = {
  cloudfront: {
    dataOut: { usd: 0.085, unit: 'GB (Europe, first 10 TB)', source: src.cloudfront, free: 1024, freeNote: '1 TB a month, always free' },
    httpsRequests: { usd: 0.012, unit: '10,000 HTTPS requests (Europe)', source: src.cloudfront, free: 1000, freeNote: '10 million requests a month, always free' },
  },
  ses: {
    mails: { usd: 0.1, unit: '1,000 e-mails', source: src.ses },
    attachments: { usd: 0.12, unit: 'GB of attachments', source: src.ses },
  },
  scheduler: { invocations: { usd: 1, unit: 'million invocations', source: src.scheduler, free: 14, freeNote: '14 million invocations a month' } },
  sns: { email: { usd: 2, unit: '100,000 e-mail notifications', source: src.sns, free: 0.01, freeNote: '1,000 e-mail notifications a month' } },
};

export const PRICES: Record<Region, PriceList> = {
  'eu-central-1': {
    cognito,
    waf,
    dynamodb: {
      writes: { usd: 0.7625, unit: 'million write request units', source: src.dynamodb },
      reads: { usd: 0.1525, unit: 'million read request units', source: src.dynamodb },
      storage: { usd: 0.306, unit: 'GB-month', source: src.dynamodb, free: 25, freeNote: '25 GB a month, always free' },
      pitr: { usd: 0.2448, unit: 'GB-month', source: src.dynamodb },
      // AWS Backup's warm storage for DynamoDB is priced as DynamoDB's own on-demand backups.
      backup: { usd: 0.1224, unit: 'GB-month', source: src.backup },
      backupCold: { usd: 0.0367, unit: 'GB-month', source: src.backup },
    },
    lambda: {
      requests: { usd: 0.2, unit: 'million requests', source: src.lambda, free: 1, freeNote: '1 million requests a month, always free' },
      gbSecondArm: { usd: 0.0000133334, unit: 'GB-second (arm64)', source: src.lambda, free: 400_000, freeNote: '400,000 GB-s a month, always free (shared with x86)' },
    },
    apiGateway: { httpRequests: { usd: 1.2, unit: 'million HTTP API requests (per 512 KB)', source: src.apiGateway } },
    cloudfront: shared.cloudfront,
    s3: {
      standard: { usd: 0.0245, unit: 'GB-month (Standard)', source: src.s3 },
      standardIa: { usd: 0.0135, unit: 'GB-month (Standard-IA)', source: src.s3 },
      put: { usd: 0.0054, unit: '1,000 PUT/COPY/LIST', source: src.s3 },
      get: { usd: 0.00043, unit: '1,000 GET/HEAD', source: src.s3 },
      dataOut: { usd: 0.09, unit: 'GB to the internet', source: src.s3, free: 100, freeNote: '100 GB a month across services, always free' },
    },
    ses: shared.ses,
    scheduler: shared.scheduler,
    cloudwatch: {
      logIngestion: { usd: 0.63, unit: 'GB ingested', source: src.cloudwatch, free: 5, freeNote: '5 GB a month (with storage)' },
      logStorage: { usd: 0.0324, unit: 'GB-month archived (compressed)', source: src.cloudwatch },
      alarm: { usd: 0.1, unit: 'alarm-month (standard)', source: src.cloudwatch, free: 10, freeNote: '10 alarm metrics' },
      compositeAlarm: { usd: 0.5, unit: 'composite alarm-month', source: src.cloudwatch },
      dashboard: { usd: 3, unit: 'dashboard-month', source: src.cloudwatch, free: 3, freeNote: '3 dashboards' },
      metric: { usd: 0.3, unit: 'custom metric-month', source: src.cloudwatch, free: 10, freeNote: '10 metrics' },
    },
    sns: shared.sns,
  },
  'us-east-1': {
    cognito,
    waf,
    dynamodb: {
      writes: { usd: 0.625, unit: 'million write request units', source: src.dynamodb },
      reads: { usd: 0.125, unit: 'million read request units', source: src.dynamodb },
      storage: { usd: 0.25, unit: 'GB-month', source: src.dynamodb, free: 25, freeNote: '25 GB a month, always free' },
      pitr: { usd: 0.2, unit: 'GB-month', source: src.dynamodb },
      backup: { usd: 0.1, unit: 'GB-month', source: src.backup },
      backupCold: { usd: 0.03, unit: 'GB-month', source: src.backup },
    },
    lambda: {
      requests: { usd: 0.2, unit: 'million requests', source: src.lambda, free: 1, freeNote: '1 million requests a month, always free' },
      gbSecondArm: { usd: 0.0000133334, unit: 'GB-second (arm64)', source: src.lambda, free: 400_000, freeNote: '400,000 GB-s a month, always free (shared with x86)' },
    },
    apiGateway: { httpRequests: { usd: 1, unit: 'million HTTP API requests (per 512 KB)', source: src.apiGateway } },
    cloudfront: shared.cloudfront,
    s3: {
      standard: { usd: 0.023, unit: 'GB-month (Standard)', source: src.s3 },
      standardIa: { usd: 0.0125, unit: 'GB-month (Standard-IA)', source: src.s3 },
      put: { usd: 0.005, unit: '1,000 PUT/COPY/LIST', source: src.s3 },
      get: { usd: 0.0004, unit: '1,000 GET/HEAD', source: src.s3 },
      dataOut: { usd: 0.09, unit: 'GB to the internet', source: src.s3, free: 100, freeNote: '100 GB a month across services, always free' },
    },
    ses: shared.ses,
    scheduler: shared.scheduler,
    cloudwatch: {
      logIngestion: { usd: 0.5, unit: 'GB ingested', source: src.cloudwatch, free: 5, freeNote: '5 GB a month (with storage)' },
      logStorage: { usd: 0.03, unit: 'GB-month archived (compressed)', source: src.cloudwatch },
      alarm: { usd: 0.1, unit: 'alarm-month (standard)', source: src.cloudwatch, free: 10, freeNote: '10 alarm metrics' },
      compositeAlarm: { usd: 0.5, unit: 'composite alarm-month', source: src.cloudwatch },
      dashboard: { usd: 3, unit: 'dashboard-month', source: src.cloudwatch, free: 3, freeNote: '3 dashboards' },
      metric: { usd: 0.3, unit: 'custom metric-month', source: src.cloudwatch, free: 10, freeNote: '10 metrics' },
    },
    sns: shared.sns,
  },
};
