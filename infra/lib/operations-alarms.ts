/**
 * Alarms that reach a person: one SNS topic per school with an e-mail subscription to the school
 * file's `operationsEmail`, every alarm of the stack sending both ALARM and OK to it, and a
 * CloudWatch dashboard (`klassny-<schoolId>`) showing what the alarms watch and the business
 * metrics (shared/config/business-metrics.ts).
 *
 * What is watched, and why each is worth a message (thresholds in ALARM_THRESHOLDS):
 * - the API answering 5xx to more than 5 % of at least 20 requests in 5 minutes, twice running;
 * - the API's functions and the sign-in trigger failing (crashes, timeouts: the handlers answer
 *   their own errors, so a Lambda error is the code not answering at all) or throttled;
 * - DynamoDB throttling the table or failing with system errors;
 * - scheduled runs failing after their retries (ScheduledJobs' dead-letter queue);
 * - AWS Backup not completing a job of the vault in a day, and its failed jobs (the vault
 *   notifies the topic itself);
 * - SES bounce and complaint rates nearing the levels at which AWS reviews the account (account
 *   metrics: SES keeps reputation per account);
 * - e-mails given up on after all their attempts (business metric MailsFailed).
 *
 * Each metric an alarm reads is billed (docs/cost.md): the function alarms sum their functions'
 * metrics in one expression rather than one alarm per function.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  BUSINESS_METRICS,
  METRICS_NAMESPACE,
  METRICS_SCHOOL_DIMENSION,
  METRICS_SERVICE,
  type BusinessMetricName,
} from '../../shared/config/business-metrics.ts';

export const ALARM_THRESHOLDS = {
  /** Per cent of the API's answers that are 5xx, over 5 minutes, two periods running. */
  apiServerErrorPercent: 5,
  /** Below this many requests in 5 minutes the 5xx share is not judged (one failed call of three is not an outage). */
  apiMinimumRequests: 20,
  /** Lambda errors of the API functions and the trigger, summed, in 5 minutes. */
  functionErrors: 3,
  functionThrottles: 5,
  /** Read and write throttle events of the table and its indexes, in 5 minutes. */
  tableThrottleEvents: 10,
  tableSystemErrors: 5,
  /** SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate; be told at 4 % and 0.08 %. */
  sesBounceRate: 0.04,
  sesComplaintRate: 0.0008,
  /** E-mails given up on, in an hour. */
  mailsFailed: 1,
} as const;

/** The table operations whose system errors are watched: those every page and write uses. */
const WATCHED_TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
];

const FIVE_MINUTES = Duration.minutes(5);

export type OperationsAlarmsProps = {
  schoolId: string;
  operationsEmail: string;
};

export type WatchedParts = {
  stage: apigw.HttpStage;
  /** The API areas' functions and the user pool trigger: what answers users. */
  userFacingFunctions: readonly lambda.IFunction[];
  table: dynamodb.Table;
  failedRunsAlarm: cloudwatch.Alarm;
  failedRunsQueue: sqs.IQueue;
  backupVaultName: string;
};

export class OperationsAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly schoolId: string;
  private dashboard?: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.schoolId = props.schoolId;
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `klassny-${props.schoolId}-operations`,
      displayName: `Klassny ${props.schoolId}: alarms`,
      enforceSSL: true,
    });
    // AWS sends a confirmation e-mail; nothing arrives until the recipient confirms it (docs/deploy.md).
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.operationsEmail));
    // Not encrypted with KMS: the topic carries alarm names, states and AWS Backup job notices, no
    // personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a
    // customer-managed key would add a monthly charge to every school for nothing secret.
  }

  /** Sends the alarm's ALARM and OK transitions to the topic. */
  route(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Creates every alarm over the stack's parts and the dashboard showing them. */
  watch(parts: WatchedParts): void {
    const prefix = `Klassny ${this.schoolId}`;
    this.route(parts.failedRunsAlarm);

    const requests = parts.stage.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = parts.stage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrorPercent = new cloudwatch.MathExpression({
      label: 'API 5xx, % of requests',
      expression: `IF(requests >= ${ALARM_THRESHOLDS.apiMinimumRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      period: FIVE_MINUTES,
    });
    this.addAlarm('ApiServerErrors', {
      alarmDescription: `${prefix}: the API answered 5xx to more than ${ALARM_THRESHOLDS.apiServerErrorPercent} % of requests for 10 minutes`,
      metric: serverErrorPercent,
      threshold: ALARM_THRESHOLDS.apiServerErrorPercent,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    const functionErrors = sumOf(
      'errors',
      'Errors of the API functions and the sign-in trigger',
      parts.userFacingFunctions.map((fn) => fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })),
    );
    this.addAlarm('FunctionErrors', {
      alarmDescription: `${prefix}: the API's functions or the sign-in trigger failed to answer (crash or timeout)`,
      metric: functionErrors,
      threshold: ALARM_THRESHOLDS.functionErrors,
    });
    const functionThrottles = sumOf(
      'throttles',
      'Throttles of the API functions and the sign-in trigger',
      parts.userFacingFunctions.map((fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' })),
    );
    this.addAlarm('FunctionThrottles', {
      alarmDescription: `${prefix}: Lambda throttled the API's functions or the sign-in trigger (concurrency exhausted)`,
      metric: functionThrottles,
      threshold: ALARM_THRESHOLDS.functionThrottles,
    });

    const tableThrottles = sumOf('tableThrottles', 'Throttle events of the table', [
      parts.table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
      parts.table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
    ]);
    this.addAlarm('TableThrottles', {
      alarmDescription: `${prefix}: DynamoDB throttled reads or writes of the school's table`,
      metric: tableThrottles,
      threshold: ALARM_THRESHOLDS.tableThrottleEvents,
    });
    const tableSystemErrors = parts.table.metricSystemErrorsForOperations({
      operations: WATCHED_TABLE_OPERATIONS,
      period: FIVE_MINUTES,
      label: 'System errors of the table',
    });
    this.addAlarm('TableSystemErrors', {
      alarmDescription: `${prefix}: DynamoDB answered system errors (HTTP 500) to the table's reads and writes`,
      metric: tableSystemErrors,
      threshold: ALARM_THRESHOLDS.tableSystemErrors,
    });

    const backupsCompleted = new cloudwatch.Metric({
      namespace: 'AWS/Backup',
      metricName: 'NumberOfBackupJobsCompleted',
      dimensionsMap: { BackupVaultName: parts.backupVaultName },
      statistic: 'Sum',
      period: Duration.days(1),
      label: 'Backup jobs completed (AWS Backup)',
    });
    this.addAlarm('BackupNotCompleted', {
      alarmDescription: `${prefix}: AWS Backup completed no backup of the table in the last 24 hours (the daily job failed or did not run)`,
      metric: backupsCompleted,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      // No data at all means no job reported: that is the case to be told about.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    const bounceRate = sesReputation('Reputation.BounceRate', 'SES bounce rate (account)');
    this.addAlarm('MailBounceRate', {
      alarmDescription: `${prefix}: the SES bounce rate of the account is at ${ALARM_THRESHOLDS.sesBounceRate * 100} % (AWS reviews at 5 %)`,
      metric: bounceRate,
      threshold: ALARM_THRESHOLDS.sesBounceRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    const complaintRate = sesReputation('Reputation.ComplaintRate', 'SES complaint rate (account)');
    this.addAlarm('MailComplaintRate', {
      alarmDescription: `${prefix}: the SES complaint rate of the account is at ${ALARM_THRESHOLDS.sesComplaintRate * 100} % (AWS reviews at 0.1 %)`,
      metric: complaintRate,
      threshold: ALARM_THRESHOLDS.sesComplaintRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    const mailsFailed = this.businessMetric(BUSINESS_METRICS.mailsFailed, Duration.hours(1));
    this.addAlarm('MailsFailed', {
      alarmDescription: `${prefix}: e-mails were given up on after all their attempts (see the deliver-mail logs)`,
      metric: mailsFailed,
      threshold: ALARM_THRESHOLDS.mailsFailed,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `klassny-${this.schoolId}`,
      defaultInterval: Duration.days(1),
    });
    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      graph('API requests and errors', [requests, parts.stage.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }), serverErrors]),
      graph('API latency (ms)', [
        parts.stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }),
        parts.stage.metricLatency({ period: FIVE_MINUTES, statistic: 'p95' }),
      ]),
      graph('Functions failing or throttled', [functionErrors, functionThrottles]),
    );
    this.dashboard.addWidgets(
      graph(
        'Journal writes',
        [BUSINESS_METRICS.saves, BUSINESS_METRICS.conflicts, BUSINESS_METRICS.replays, BUSINESS_METRICS.ruleRefusals].map((name) =>
          this.businessMetric(name, FIVE_MINUTES),
        ),
      ),
      graph('Table capacity used', [
        parts.table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum' }),
        parts.table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES, statistic: 'Sum' }),
      ]),
      graph('Table throttles and system errors', [tableThrottles, tableSystemErrors]),
    );
    this.dashboard.addWidgets(
      graph('Scheduled runs failed (dead-letter queue)', [
        parts.failedRunsQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES }),
      ]),
      graph('Backups (AWS Backup)', [
        backupsCompleted,
        new cloudwatch.Metric({
          namespace: 'AWS/Backup',
          metricName: 'NumberOfBackupJobsFailed',
          dimensionsMap: { BackupVaultName: parts.backupVaultName },
          statistic: 'Sum',
          period: Duration.days(1),
          label: 'Backup jobs failed',
        }),
      ]),
      graph('E-mail', [mailsFailed, bounceRate, complaintRate]),
    );
  }

  private addAlarm(
    id: string,
    props: Pick<cloudwatch.AlarmProps, 'alarmDescription' | 'metric' | 'threshold'> &
      Partial<Pick<cloudwatch.AlarmProps, 'evaluationPeriods' | 'comparisonOperator' | 'treatMissingData'>>,
  ): cloudwatch.Alarm {
    return this.route(
      new cloudwatch.Alarm(this, id, {
        alarmName: `klassny-${this.schoolId}-${id}`,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...props,
      }),
    );
  }

  private businessMetric(name: BusinessMetricName, period: Duration): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: name,
      dimensionsMap: { service: METRICS_SERVICE, [METRICS_SCHOOL_DIMENSION]: this.schoolId },
      statistic: 'Sum',
      period,
    });
  }
}

/** One expression summing metrics (an alarm reads at most 10). */
function sumOf(idPrefix: string, label: string, metrics: readonly cloudwatch.IMetric[]): cloudwatch.MathExpression {
  if (metrics.length === 0 || metrics.length > 10) throw new Error(`${label}: an alarm can sum 1 to 10 metrics, not ${metrics.length}`);
  // Ids unique across one graph, which may show several sums.
  const usingMetrics = Object.fromEntries(metrics.map((metric, i) => [`${idPrefix}${i}`, metric]));
  return new cloudwatch.MathExpression({ label, expression: Object.keys(usingMetrics).join(' + '), usingMetrics, period: FIVE_MINUTES });
}

function sesReputation(metricName: string, label: string): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1), label });
}
