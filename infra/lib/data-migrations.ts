/**
 * The data migrations in the deploy (docs/data-model.md, "Data migrations"): one Lambda
 * (functions/migrations/handler.ts) that a CDK trigger invokes during the deploy, after the table
 * and before whatever `runBefore` names — the functions of the new release — so they never serve a
 * table in the previous layout. A failed or unfinished run fails the deploy (the old functions keep
 * serving; the next deploy resumes from the recorded cursor).
 *
 * The trigger runs when the function's version changes: new code (a new migration) or a new
 * release (KLASSNY_VERSION). With nothing pending, a run is one Query.
 */
import { Duration } from 'aws-cdk-lib';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
import { functionEnvSchema } from '../../shared/config/function-env.ts';
import type { JournalTable } from './journal-table.ts';
import { NodeFunction } from './node-function.ts';
import { tableActionsOf } from './table-access.ts';

/** Lambda's longest: a school's table of a full year (~400k items) is a few minutes; the runner stops 90 s before, keeping its progress. */
export const MIGRATION_TIMEOUT = Duration.minutes(15);

export type DataMigrationsProps = {
  schoolId: string;
  table: JournalTable;
  /** The release being deployed: recorded on each migration it runs (KLASSNY_VERSION), and a new one re-runs the trigger. */
  release: string;
};

export class DataMigrations extends Construct {
  readonly runner: NodeFunction;
  readonly trigger: triggers.Trigger;

  constructor(scope: Construct, id: string, props: DataMigrationsProps) {
    super(scope, id);

    this.runner = new NodeFunction(this, 'Runner', {
      entry: 'functions/migrations/handler.ts',
      description: `Klassny ${props.schoolId}: data migrations, run by the deploy before the new functions`,
      // The table only: it waits for nothing else in the stack, and knows nothing else.
      environment: { TABLE_NAME: props.table.table.tableName, LOG_LEVEL: functionEnvSchema.shape.LOG_LEVEL.parse(undefined) },
      timeout: MIGRATION_TIMEOUT,
    });
    this.runner.function.addEnvironment('KLASSNY_VERSION', props.release);
    props.table.grantItemActions(this.runner.role, tableActionsOf('maintenance', 'migrate'));

    this.trigger = new triggers.Trigger(this, 'Trigger', {
      handler: this.runner.function,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      timeout: MIGRATION_TIMEOUT,
      executeOnHandlerChange: true,
      // After the table (a new index is there first) and after the runner's role may use it.
      executeAfter: [props.table.table, this.runner],
    });
  }

  /** The given constructs (the new release's functions) are deployed only after the migrations ran. */
  runBefore(...scopes: Construct[]): void {
    this.trigger.executeBefore(...scopes);
  }
}
