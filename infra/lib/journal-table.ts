/**
 * The school's one DynamoDB table, built from the shared definition (shared/table/definition.ts),
 * and its backups: point-in-time recovery for the last 35 days plus AWS Backup snapshots kept
 * longer and outside the table's own lifecycle.
 */
import { Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { KeyAttribute } from '../../shared/table/definition.ts';
import { tableDefinition } from '../../shared/table/definition.ts';

export type JournalTableProps = {
  schoolId: string;
  /** Backups run at night in the school's time zone. */
  timeZone: string;
  /** Where the vault reports failed backup jobs (the operations topic, operations-alarms.ts). */
  alertTopic?: sns.ITopic;
};

export const DAILY_BACKUP_RETENTION = Duration.days(35);
export const MONTHLY_BACKUP_RETENTION = Duration.days(365);

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}

export class JournalTable extends Construct {
  readonly table: dynamodb.Table;
  readonly backupPlan: backup.BackupPlan;
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: JournalTableProps) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attribute(tableDefinition.partitionKey),
      sortKey: attribute(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `klassny-${props.schoolId}`,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.alertTopic
        ? { notificationTopic: props.alertTopic, notificationEvents: [backup.BackupVaultEvents.BACKUP_JOB_FAILED, backup.BackupVaultEvents.RESTORE_JOB_FAILED] }
        : {}),
    });
    this.vault = vault;
    const zone = TimeZone.of(props.timeZone);
    this.backupPlan = new backup.BackupPlan(this, 'BackupPlan', {
      backupPlanName: `klassny-${props.schoolId}`,
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: events.Schedule.expression('cron(0 2 * * ? *)'),
          scheduleExpressionTimezone: zone,
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: DAILY_BACKUP_RETENTION,
        }),
        new backup.BackupPlanRule({
          ruleName: 'monthly',
          scheduleExpression: events.Schedule.expression('cron(0 3 1 * ? *)'),
          scheduleExpressionTimezone: zone,
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: MONTHLY_BACKUP_RETENTION,
        }),
      ],
    });
    const selection = this.backupPlan.addSelection('Table', {
      resources: [backup.BackupResource.fromDynamoDbTable(this.table)],
    });

    // CDK gives the selection's role the AWS Backup service role policy (backup only; restores are
    // started by a person with their own permissions, docs/deploy.md).
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'AWSBackupServiceRolePolicyForBackup is the policy AWS Backup documents for its service role; what the role ' +
        'backs up is limited by this selection (the school table only), and AWS keeps the policy current.',
    });
  }

  /**
   * Exactly these item actions on the table and its indexes (infra/lib/table-access.ts), nothing
   * else. The grant covers the indexes (`<table>/index/*`); cdk-nag reports that wildcard,
   * acknowledged here on the grantee's role.
   */
  grantItemActions(grantee: iam.IRole, actions: readonly string[]): void {
    if (actions.length === 0) return;
    this.table.grant(grantee, ...actions);
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as dynamodb.CfnTable);
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`,
      reason: 'Queries on the global secondary indexes of the school\'s own table (shared/table/definition.ts); no other table.',
    });
  }
}
