/**
 * The data migrations in the deploy (infra/lib/data-migrations.ts), on a small stack of its own:
 * a trigger that runs the migration Lambda after the table and before the functions named to it,
 * the Lambda's 15 minutes and release, and exactly the table actions table-access.ts declares.
 */
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { DataMigrations, MIGRATION_TIMEOUT } from '../../infra/lib/data-migrations.ts';
import { JournalTable } from '../../infra/lib/journal-table.ts';
import { NodeFunction } from '../../infra/lib/node-function.ts';
import { MAINTENANCE_TABLE_ACTIONS } from '../../infra/lib/table-access.ts';
import { cdkJsonContext, joinedText, logicalIdIn, referencedIds, resourcesOf } from './support.ts';

function build() {
  // No bundling: the template is what is checked, not the bundle (test/infra/lambda-bundle.test.ts builds one).
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:validateAgainstDefaultRules': false } });
  const stack = new Stack(app, 'MigrationsTest');
  const table = new JournalTable(stack, 'Data', { schoolId: 'test', timeZone: 'Europe/Moscow' });
  const migrations = new DataMigrations(stack, 'Migrations', { schoolId: 'test', table, release: '1.4.0' });
  const environment = { TABLE_NAME: table.table.tableName, LOG_LEVEL: 'info' };
  const served = new NodeFunction(stack, 'Area-journal', { entry: 'functions/http/areas/journal.ts', description: 'a new release\'s function', environment, timeout: Duration.seconds(15) });
  const other = new NodeFunction(stack, 'Unrelated', { entry: 'functions/http/areas/system.ts', description: 'not named to runBefore', environment, timeout: Duration.seconds(15) });
  migrations.runBefore(served);
  return { app, stack, table, migrations, served, other, template: Template.fromStack(stack) };
}

const { app, stack, table, migrations, served, other, template } = build();
const idOf = (construct: { node: { defaultChild?: unknown } }) => logicalIdIn(stack, construct);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }>;
const triggerId = Object.keys(resourcesOf(template, 'Custom::Trigger'))[0]!;
const runnerId = idOf(migrations.runner.function);

describe('the data migrations in the deploy', () => {
  it('run once per deploy by a trigger invoking the migration Lambda and waiting up to 15 minutes for it', () => {
    expect(Object.keys(resourcesOf(template, 'Custom::Trigger'))).toHaveLength(1);
    const props = resources[triggerId]!.Properties!;
    expect(props).toMatchObject({ InvocationType: 'RequestResponse', Timeout: String(MIGRATION_TIMEOUT.toMilliseconds()), ExecuteOnHandlerChange: true });
    // The runner's current version: new code (a migration) or a new release makes a new one, which runs the trigger again.
    const versionId = [...referencedIds(props.HandlerArn)][0]!;
    expect(resources[versionId]).toMatchObject({ Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: runnerId } } });
  });

  it('the Lambda: 15 minutes, the table\'s name and the release being deployed, nothing else', () => {
    const props = resources[runnerId]!.Properties!;
    expect(MIGRATION_TIMEOUT.toMinutes()).toBe(15);
    expect(props).toMatchObject({ Timeout: 900, Architectures: ['arm64'], Handler: 'index.handler' });
    expect((props.Environment as { Variables: Record<string, unknown> }).Variables).toEqual({
      TABLE_NAME: { Ref: idOf(table.table) },
      LOG_LEVEL: 'info',
      KLASSNY_VERSION: '1.4.0',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may do exactly the migrations\' table actions (table-access.ts), on the school\'s table and its indexes only', () => {
    const tableId = idOf(table.table);
    const roleId = idOf(migrations.runner.role);
    type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
    const statements = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((policy) => referencedIds(policy.Properties!.Roles).has(roleId))
      .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
    const onTable = statements.filter((s) => referencedIds(s.Resource).has(tableId));
    expect(onTable).toHaveLength(1);
    expect(([] as string[]).concat(onTable[0]!.Action).sort()).toEqual([...MAINTENANCE_TABLE_ACTIONS.migrate!].sort());
    expect(MAINTENANCE_TABLE_ACTIONS.migrate).toEqual(expect.arrayContaining(['dynamodb:Scan', 'dynamodb:Query', 'dynamodb:UpdateItem']));
    expect(MAINTENANCE_TABLE_ACTIONS.migrate).not.toContain('dynamodb:DeleteItem');
    expect(([] as unknown[]).concat(onTable[0]!.Resource).map(joinedText).sort()).toEqual([`<${tableId}.Arn>`, `<${tableId}.Arn>/index/*`].sort());
    // Beyond the table, only its own logs.
    const others = statements.filter((s) => !onTable.includes(s)).flatMap((s) => ([] as string[]).concat(s.Action));
    expect(others.every((a) => a.startsWith('logs:'))).toBe(true);
  });

  it('runs after the table and its own permissions, before the functions named to runBefore (and only those)', () => {
    const dependsOn = (id: string) => resources[id]!.DependsOn ?? [];
    const roleId = idOf(migrations.runner.role);
    const policyId = Object.keys(resourcesOf(template, 'AWS::IAM::Policy')).find((id) =>
      referencedIds(resources[id]!.Properties!.Roles).has(roleId),
    )!;
    expect(dependsOn(triggerId)).toEqual(expect.arrayContaining([idOf(table.table), policyId, runnerId]));
    expect(dependsOn(idOf(served.function))).toContain(triggerId);
    expect(dependsOn(idOf(other.function))).not.toContain(triggerId);
    // Everything of the named construct waits, its role and log group too.
    expect(dependsOn(idOf(served.role))).toContain(triggerId);
    // No cycle: CloudFormation would refuse the template.
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  it('passes cdk-nag, its one acknowledgement used and explained', () => {
    const checks = new AwsSolutionsChecks();
    const internals = checks as unknown as { isAcknowledged(resource: IConstruct, ruleId: string): boolean };
    const original = internals.isAcknowledged.bind(checks);
    const used = new Set<string>();
    internals.isAcknowledged = (resource, ruleId) => {
      const acknowledged = original(resource, ruleId);
      if (acknowledged) {
        for (let scope: IConstruct | undefined = resource; scope; scope = scope.node.scope) {
          if (ownAcknowledgements(scope).some((a) => a.id === ruleId)) {
            used.add(`${scope.node.path} ${ruleId}`);
            break;
          }
        }
      }
      return acknowledged;
    };
    const report = checks.validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    // The one acknowledgement: the table grant's index wildcard (JournalTable.grantItemActions); CDK's trigger provider needs none.
    const mine = migrations.node.findAll().flatMap((c) => ownAcknowledgements(c).map((a) => ({ ...a, path: c.node.path })));
    expect(mine.map((a) => a.id)).toEqual([`AwsSolutions-IAM5[Resource::<${idOf(table.table)}.Arn>/index/*]`]);
    for (const a of mine) {
      expect(used.has(`${a.path} ${a.id}`), `${a.id} at ${a.path} acknowledges nothing`).toBe(true);
      expect(String(a.reason).length, a.id).toBeGreaterThanOrEqual(40);
    }
  });
});

function ownAcknowledgements(construct: IConstruct): { id: string; reason: unknown }[] {
  return construct.node.metadata
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ id: id.replace(/^annotation::/i, ''), reason })));
}
