/**
 * What the school's synthesized CloudFormation template says the bill depends on: the functions
 * with their memory and architecture, the schedules and how often they run, the web ACL's rules,
 * the user pool's feature plan, the table's settings, the backup plan's rules and retention, the
 * log groups' retention, the alarms, dashboards, topics and buckets. Read from the template
 * object only (pure), so a test can hand it a fixture and the CLI a synthesized or saved one.
 */
import { runsPerYear } from './cron.ts';

export const COST_PLANS = ['lite', 'essentials', 'plus'] as const;
export type CostPlan = (typeof COST_PLANS)[number];

export type CfnTemplate = { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

export type FunctionInfo = {
  id: string;
  /** `area:journal`, `job:deliver-mail`, `trigger`, or `other` (deployment helpers), from the function's description. */
  role: string;
  memoryMb: number;
  arm64: boolean;
  /** Retention of the function's own log group (LoggingConfig), if it names one. */
  logRetentionDays?: number;
};

export type ScheduleInfo = { id: string; name: string; expression: string; runsPerYear: number; functionId?: string };
export type BackupRule = { name: string; expression: string; runsPerYear: number; deleteAfterDays?: number; coldAfterDays?: number };
export type BucketInfo = {
  id: string;
  /** From the logical id: files, site, logs, backups, or other. */
  kind: string;
  expirationDays?: number;
  /** Days after which objects move to Standard-IA (the first transition, if any). */
  iaAfterDays?: number;
};

export type Inventory = {
  functions: FunctionInfo[];
  schedules: ScheduleInfo[];
  userPools: { id: string; plan: CostPlan; postAuthTrigger: boolean }[];
  webAcls: { id: string; rules: number; scope: string }[];
  tables: { id: string; onDemand: boolean; pitr: boolean; indexes: number }[];
  backupRules: BackupRule[];
  logGroups: { id: string; retentionDays?: number }[];
  alarms: number;
  /** CloudWatch bills an alarm per metric it evaluates: a metric-math alarm over 7 functions' errors is 7. */
  alarmMetrics: number;
  compositeAlarms: number;
  dashboards: number;
  topics: number;
  buckets: BucketInfo[];
  distributions: number;
  httpApis: number;
  /** Retention of the HTTP API stages' access-log groups. */
  accessLogRetentionDays?: number;
};

type Props = Record<string, unknown>;

const TIERS: Record<string, CostPlan> = { LITE: 'lite', ESSENTIALS: 'essentials', PLUS: 'plus' };

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` names. */
function referenced(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  return Array.isArray(v['Fn::GetAtt']) && typeof v['Fn::GetAtt'][0] === 'string' ? v['Fn::GetAtt'][0] : undefined;
}

function roleOf(description: unknown): string {
  const text = typeof description === 'string' ? description : '';
  const area = /HTTP area ([\w-]+)/.exec(text);
  if (area) return `area:${area[1]}`;
  const job = /scheduled ([\w-]+)/.exec(text);
  if (job) return `job:${job[1]}`;
  return /post-authentication trigger|records sign-ins/i.test(text) ? 'trigger' : 'other';
}

function bucketKind(id: string): string {
  for (const [kind, pattern] of [['files', /^Files/], ['backups', /^Backups/], ['logs', /Log/], ['site', /Site/]] as const) {
    if (pattern.test(id)) return kind;
  }
  return 'other';
}

export function inventoryOf(template: CfnTemplate): Inventory {
  const resources = Object.entries(template.Resources ?? {});
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type).map(([id, r]) => [id, (r.Properties ?? {}) as Props] as const);
  const count = (type: string) => ofType(type).length;

  const logGroups = ofType('AWS::Logs::LogGroup').map(([id, p]) => ({ id, ...(typeof p.RetentionInDays === 'number' ? { retentionDays: p.RetentionInDays } : {}) }));
  const retentionOf = (ref: unknown) => logGroups.find((g) => g.id === referenced(ref))?.retentionDays;

  const functions = ofType('AWS::Lambda::Function').map(([id, p]): FunctionInfo => {
    const logRetentionDays = retentionOf((p.LoggingConfig as Props | undefined)?.LogGroup);
    return {
      id,
      role: roleOf(p.Description),
      // CloudFormation's defaults when the template leaves them out.
      memoryMb: typeof p.MemorySize === 'number' ? p.MemorySize : 128,
      arm64: Array.isArray(p.Architectures) && p.Architectures.includes('arm64'),
      ...(logRetentionDays !== undefined ? { logRetentionDays } : {}),
    };
  });
  const roleById = new Map(functions.map((f) => [f.id, f.role]));

  const schedules = ofType('AWS::Scheduler::Schedule')
    .filter(([, p]) => p.State !== 'DISABLED')
    .map(([id, p]): ScheduleInfo => {
      const expression = String(p.ScheduleExpression);
      const functionId = referenced((p.Target as Props | undefined)?.Arn);
      const role = functionId ? roleById.get(functionId) : undefined;
      return {
        id,
        name: role?.startsWith('job:') ? role.slice(4) : id,
        expression,
        runsPerYear: runsPerYear(expression),
        ...(functionId ? { functionId } : {}),
      };
    });

  const userPools = ofType('AWS::Cognito::UserPool').map(([id, p]) => ({
    id,
    // Without UserPoolTier a new pool gets Essentials, Cognito's default since November 2024.
    plan: TIERS[String(p.UserPoolTier ?? 'ESSENTIALS').toUpperCase()] ?? 'essentials',
    postAuthTrigger: Boolean((p.LambdaConfig as Props | undefined)?.PostAuthentication),
  }));

  const webAcls = ofType('AWS::WAFv2::WebACL').map(([id, p]) => ({ id, rules: Array.isArray(p.Rules) ? p.Rules.length : 0, scope: String(p.Scope ?? 'REGIONAL') }));

  const tables = ofType('AWS::DynamoDB::Table').map(([id, p]) => ({
    id,
    onDemand: p.BillingMode === 'PAY_PER_REQUEST',
    pitr: Boolean((p.PointInTimeRecoverySpecification as Props | undefined)?.PointInTimeRecoveryEnabled),
    indexes: Array.isArray(p.GlobalSecondaryIndexes) ? p.GlobalSecondaryIndexes.length : 0,
  }));

  const backupRules = ofType('AWS::Backup::BackupPlan').flatMap(([, p]) => {
    const rules = ((p.BackupPlan as Props | undefined)?.BackupPlanRule ?? []) as Props[];
    return rules.map((rule): BackupRule => {
      const lifecycle = (rule.Lifecycle ?? {}) as Props;
      const expression = String(rule.ScheduleExpression ?? 'cron(0 5 ? * * *)'); // AWS Backup's default: daily
      return {
        name: String(rule.RuleName),
        expression,
        runsPerYear: runsPerYear(expression),
        ...(typeof lifecycle.DeleteAfterDays === 'number' ? { deleteAfterDays: lifecycle.DeleteAfterDays } : {}),
        ...(typeof lifecycle.MoveToColdStorageAfterDays === 'number' ? { coldAfterDays: lifecycle.MoveToColdStorageAfterDays } : {}),
      };
    });
  });

  const accessLogRetentionDays = ofType('AWS::ApiGatewayV2::Stage')
    .map(([, p]) => retentionOf((p.AccessLogSettings as Props | undefined)?.DestinationArn))
    .find((days) => days !== undefined);

  const buckets = ofType('AWS::S3::Bucket').map(([id, p]): BucketInfo => {
    const rules = (((p.LifecycleConfiguration as Props | undefined)?.Rules ?? []) as Props[]).filter((r) => r.Status !== 'Disabled');
    // The rule that ages the bucket's main content: not one limited to a scratch prefix such as pending/.
    const main = rules.find((r) => typeof r.ExpirationInDays === 'number' && (r.Prefix === undefined || r.Prefix !== 'pending/'));
    const transition = rules.flatMap((r) => (Array.isArray(r.Transitions) ? (r.Transitions as Props[]) : [])).find((t) => t.StorageClass === 'STANDARD_IA');
    return {
      id,
      kind: bucketKind(id),
      ...(main ? { expirationDays: main.ExpirationInDays as number } : {}),
      ...(transition && typeof transition.TransitionInDays === 'number' ? { iaAfterDays: transition.TransitionInDays } : {}),
    };
  });

  return {
    functions,
    schedules,
    userPools,
    webAcls,
    tables,
    backupRules,
    logGroups,
    alarms: count('AWS::CloudWatch::Alarm'),
    alarmMetrics: ofType('AWS::CloudWatch::Alarm').reduce(
      (sum, [, p]) => sum + (Array.isArray(p.Metrics) ? Math.max(1, (p.Metrics as Props[]).filter((metric) => metric.MetricStat).length) : 1),
      0,
    ),
    compositeAlarms: count('AWS::CloudWatch::CompositeAlarm'),
    dashboards: count('AWS::CloudWatch::Dashboard'),
    topics: count('AWS::SNS::Topic'),
    buckets,
    distributions: count('AWS::CloudFront::Distribution'),
    httpApis: ofType('AWS::ApiGatewayV2::Api').filter(([, p]) => p.ProtocolType === undefined || p.ProtocolType === 'HTTP').length,
    ...(accessLogRetentionDays !== undefined ? { accessLogRetentionDays } : {}),
  };
}
