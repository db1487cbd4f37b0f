/**
 * The scheduled functions of functions/scheduled/schedules.ts: one Lambda per entry, started by
 * an EventBridge Scheduler schedule evaluated in the school's time zone.
 *
 * Failure handling, in two layers, both ending in one encrypted dead-letter queue:
 * - Scheduler retries a failed delivery (throttling, function unavailable) and, when it gives up,
 *   puts the event in the queue;
 * - Scheduler invokes the function asynchronously, so a run that throws is retried by Lambda and
 *   then sent to the same queue with the error (on-failure destination).
 * An alarm turns red while the queue holds anything.
 */
import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ScheduleDefinition } from '../../functions/scheduled/schedules.ts';
import { scheduleEntry } from '../../functions/scheduled/schedules.ts';
import type { FunctionEnvironment } from './node-function.ts';
import { NodeFunction } from './node-function.ts';

export type ScheduledJobsProps = {
  schoolId: string;
  timeZone: string;
  schedules: readonly ScheduleDefinition[];
  environment: FunctionEnvironment;
};

/**
 * Below the shortest interval (deliver-mail runs every 5 minutes), so two runs of one job never
 * overlap; long enough for a monthly report. A nightly or monthly job may ask for more
 * (`timeoutMinutes` in schedules.ts: the backup and its restore drill).
 */
export const SCHEDULED_FUNCTION_TIMEOUT = Duration.minutes(4);

export class ScheduledJobs extends Construct {
  readonly functions = new Map<string, NodeFunction>();
  readonly schedules = new Map<string, scheduler.Schedule>();
  readonly deadLetterQueue: sqs.Queue;
  /** Red while the dead-letter queue holds a failed run; the stack routes it to the operations topic. */
  readonly failedRunsAlarm: cloudwatch.Alarm;
  readonly group: scheduler.ScheduleGroup;
  readonly schedulerRole: iam.Role;

  constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue: Scheduler and Lambda (on-failure destination) put failed ' +
        'scheduled runs here. Nothing consumes it automatically; an alarm shows when it is not empty.',
    });
    this.failedRunsAlarm = new cloudwatch.Alarm(this, 'FailedRunsAlarm', {
      alarmName: `klassny-${props.schoolId}-FailedRuns`,
      alarmDescription: `Klassny ${props.schoolId}: a scheduled job failed after retries; see the dead-letter queue`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.group = new scheduler.ScheduleGroup(this, 'Group', { scheduleGroupName: `klassny-${props.schoolId}` });
    const timeZone = TimeZone.of(props.timeZone);
    // The role Scheduler assumes to start the jobs; only this account's schedules may use it.
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `Starts the scheduled jobs of school ${props.schoolId}`,
    });

    for (const definition of props.schedules) {
      const job = new NodeFunction(this, `Job-${definition.name}`, {
        entry: scheduleEntry(definition.name),
        description: `Klassny ${props.schoolId}: scheduled ${definition.name}`,
        environment: props.environment,
        timeout: definition.timeoutMinutes ? Duration.minutes(definition.timeoutMinutes) : SCHEDULED_FUNCTION_TIMEOUT,
      });
      job.function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        onFailure: new SqsDestination(this.deadLetterQueue),
      });
      this.functions.set(definition.name, job);

      const schedule = new scheduler.Schedule(this, `Schedule-${definition.name}`, {
        scheduleName: definition.name,
        description: definition.description.slice(0, 512),
        scheduleGroup: this.group,
        schedule: scheduler.ScheduleExpression.expression(definition.expression, timeZone),
        target: new targets.LambdaInvoke(job.function, {
          role: this.schedulerRole,
          retryAttempts: 3,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: this.deadLetterQueue,
        }),
      });
      this.schedules.set(definition.name, schedule);
      this.acknowledgeInvokeGrant(job.function);
    }
  }

  /** Lambda's grantInvoke covers the function and its versions/aliases (`<arn>:*`): the same function only. */
  private acknowledgeInvokeGrant(fn: lambda.IFunction): void {
    const fnId = Stack.of(this).getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    Validations.of(this.schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on this scheduled job\'s versions and aliases (CDK grantInvoke); no other function.',
    });
  }
}
