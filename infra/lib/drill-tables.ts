/**
 * The restore drill's scratch tables (п. 7.1; functions/backup/restore-drill.ts): each month the
 * latest backup is restored into `<school table>-drill-<date>`, compared and deleted. The grant
 * names only that pattern, so the drill can make, fill, read and delete its own tables and no
 * other — least of all the school's table, whose name the pattern cannot match.
 */
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DRILL_TABLE_SUFFIX } from './table-access.ts';

export function drillTablesArn(table: dynamodb.ITable): string {
  return Stack.of(table).formatArn({
    service: 'dynamodb',
    resource: 'table',
    resourceName: `${table.tableName}${DRILL_TABLE_SUFFIX}*`,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
}

/** Exactly these actions (table-access.ts, JOB_DRILL_TABLE_ACTIONS) on the scratch tables, nothing else. */
export function grantDrillTables(table: dynamodb.ITable, grantee: iam.IRole, actions: readonly string[]): void {
  if (actions.length === 0) return;
  grantee.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [drillTablesArn(table)] }));
  const tableId = Stack.of(table).getLogicalId(table.node.defaultChild as dynamodb.CfnTable);
  Validations.of(grantee).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<${tableId}>${DRILL_TABLE_SUFFIX}*]`,
    reason:
      'The restore drill\'s scratch tables, one a month named <school table>-drill-<date>: made, filled, read back and ' +
      'deleted by the drill; the pattern matches no other table (table-access.ts, JOB_DRILL_TABLE_ACTIONS).',
  });
}
