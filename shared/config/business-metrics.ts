/**
 * The product's business metrics, emitted by the functions as CloudWatch embedded metrics
 * (functions/lib/metrics.ts, Powertools for AWS Lambda Metrics) and read back by the stack's
 * alarms and dashboard (infra/lib/operations-alarms.ts) and by the cost model (each is one
 * custom metric a school: the namespace with the dimensions `service` and `school`).
 */
export const METRICS_NAMESPACE = 'Klassny';

/** The dimension saying which school's stack emitted a metric. */
export const METRICS_SCHOOL_DIMENSION = 'school';

/** Powertools always adds a `service` dimension; ours is the same for every function. */
export const METRICS_SERVICE = 'klassny';

export const BUSINESS_METRICS = {
  /** A write operation answered 2xx (marks, attendance, a lesson, final marks, accounts…). */
  saves: 'Saves',
  /** A write refused because someone else changed the item first (409 CONFLICT). */
  conflicts: 'Conflicts',
  /** A write answered from its idempotency record: the same request sent again. */
  replays: 'Replays',
  /** A write refused by a rule of the regulation or of the product (422). */
  ruleRefusals: 'RuleRefusals',
  /** An e-mail the mail delivery gave up on (SES refused it or the retries ran out). */
  mailsFailed: 'MailsFailed',
} as const;

export type BusinessMetricName = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];
