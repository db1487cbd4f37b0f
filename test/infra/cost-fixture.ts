/**
 * A small school stack and round per-request figures for the cost model's tests: every line of
 * its bill can be recomputed by hand (cost-model.test.ts does, figure by figure).
 */
import type { CfnTemplate } from '../../infra/cost/inventory.ts';
import type { Measured } from '../../infra/cost/measured.ts';
import { resolveUsage, usageSchema } from '../../infra/cost/usage.ts';

const fn = (description: string, memory: number, logGroup: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Description: description, MemorySize: memory, Architectures: ['arm64'], LoggingConfig: { LogGroup: { Ref: logGroup } } },
});
const schedule = (expression: string, functionId: string) => ({
  Type: 'AWS::Scheduler::Schedule',
  Properties: { ScheduleExpression: expression, ScheduleExpressionTimezone: 'Europe/Moscow', State: 'ENABLED', Target: { Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } } },
});

export const fixtureTemplate: CfnTemplate = {
  Resources: {
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolTier: 'PLUS', LambdaConfig: { PostAuthentication: { 'Fn::GetAtt': ['Trigger', 'Arn'] } } } },
    Acl: { Type: 'AWS::WAFv2::WebACL', Properties: { Scope: 'REGIONAL', Rules: [{ Name: 'IpReputation' }, { Name: 'SignInPerAddress' }] } },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: { BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, GlobalSecondaryIndexes: [{}, {}, {}, {}] },
    },
    Plan: {
      Type: 'AWS::Backup::BackupPlan',
      Properties: {
        BackupPlan: {
          BackupPlanRule: [
            { RuleName: 'daily', ScheduleExpression: 'cron(0 2 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } },
            { RuleName: 'monthly', ScheduleExpression: 'cron(0 3 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 } },
          ],
        },
      },
    },
    Logs90: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } },
    AccessLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 180 } },
    Diary: fn('Klassny fixture: HTTP area diary', 512, 'Logs90'),
    Journal: fn('Klassny fixture: HTTP area journal', 512, 'Logs90'),
    Notes: fn('Klassny fixture: HTTP area notifications', 512, 'Logs90'),
    Reports: fn('Klassny fixture: HTTP area reports', 1024, 'Logs90'),
    Trigger: fn('Klassny fixture: records sign-ins (user pool post-authentication trigger)', 256, 'Logs90'),
    Mail: fn('Klassny fixture: scheduled deliver-mail', 512, 'Logs90'),
    Backup: fn('Klassny fixture: scheduled backup-table', 512, 'Logs90'),
    Period: fn('Klassny fixture: scheduled period-control', 512, 'Logs90'),
    MailSchedule: schedule('cron(0/5 * * * ? *)', 'Mail'),
    BackupSchedule: schedule('cron(30 2 * * ? *)', 'Backup'),
    PeriodSchedule: schedule('cron(30 6 * * ? *)', 'Period'),
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['AccessLogs', 'Arn'] } } } },
    Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: {} },
    FilesBucket: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ Prefix: 'pending/', ExpirationInDays: 1, Status: 'Enabled' }] } } },
    BackupsBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { LifecycleConfiguration: { Rules: [{ ExpirationInDays: 400, Status: 'Enabled', Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }] }] } },
    },
    LogBucket: { Type: 'AWS::S3::Bucket', Properties: { LifecycleConfiguration: { Rules: [{ ExpirationInDays: 180, Status: 'Enabled' }] } } },
    // One plain alarm and one metric-math alarm over two metrics: 3 alarm metrics.
    Alarm1: { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'Errors' } },
    Alarm2: { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [{ Id: 'e', Expression: 'a+b' }, { Id: 'a', MetricStat: {} }, { Id: 'b', MetricStat: {} }] } },
    Board: { Type: 'AWS::CloudWatch::Dashboard', Properties: {} },
    Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
  },
};

/** Round figures, as if measured on a demo school of 100 students after 10 school days. */
export const fixtureMeasured: Measured = {
  source: 'fixture',
  pages: {
    journal: { rcu: 60, bytes: 200_000, ms: 50 },
    diary: { rcu: 8, bytes: 20_000, ms: 20 },
    marks: { rcu: 4, bytes: 10_000, ms: 10 },
  },
  saves: {
    // 33 items = 15 records + their 15 audit events + 2 checks + 1 idempotency record.
    marks: { rcu: 2, bytes: 3_000, ms: 80, transactionItems: 33 },
    attendance: { rcu: 4, bytes: 1_500, ms: 100, transactionItems: 33 },
    lesson: { rcu: 8, bytes: 600, ms: 20, transactionItems: 4 },
  },
  importMs: { 'area:journal': 100, 'area:diary': 100, 'job:deliver-mail': 100, 'job:backup-table': 100, 'job:period-control': 200 },
  demo: { students: 100, schoolDays: 10, lessons: 200, marks: 1_000, attendance: 200, journalItems: 1_500, staticItems: 2_000 },
  digest: { notificationsPerMark: 2, fanOutMsPerNotification: 10, fanOutRruPerNotification: 1, digestMsPerMail: 20 },
  checks: { 'period-control': { ms: 5_000, rcu: 6_000, mails: 20, files: 2 } },
};

export const fixtureUsage = resolveUsage(
  usageSchema.parse({
    students: 1_000,
    parentsPerStudent: 1,
    staff: 100,
    studentActiveShare: 0.5,
    parentActiveShare: 1,
    staffActiveShare: 1,
    offSeasonShare: 0,
    schoolDaysPerYear: 200,
    activeMonths: 10,
    studentSignInsPerDay: 1,
    parentSignInsPerDay: 1,
    staffSignInsPerDay: 2,
    refreshesPerSignIn: 1,
    studentPagesPerDay: 2,
    parentPagesPerDay: 2,
    staffPagesPerDay: 5,
    extraRequestsPerPage: 1,
    reportsPerMonth: 20,
    homeworkFilesPerLesson: 0.5,
    homeworkFileMb: 1,
    downloadsPerFile: 10,
    mailsPerParentPerDay: 1,
    siteRequestsPerSignIn: 4,
    siteKbPerSignIn: 10,
    coldStartShare: 0,
    dataYears: 1,
    periodsPerYear: 6,
  }),
);
