/**
 * Builds the CDK app: reads and validates the school config from context, creates the school's
 * stack and registers the cdk-nag AwsSolutions checks (any unacknowledged finding, error or
 * warning, fails the synth). Used by infra/bin/app.ts and, in-process, by the tests.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SchoolConfig } from '../../shared/config/school-config.ts';
import { resolveSchoolConfig, resolveStackOptions, type StackOptions } from './config-from-context.ts';
import { SchoolStack, type SchoolStackProps, stackNameOf } from './school-stack.ts';

export type BuildAppOptions = AppProps & {
  /** Register the cdk-nag plugin (default true). */
  nag?: boolean;
  /** Passed through to the stack (tests). */
  stackProps?: Pick<SchoolStackProps, 'operations' | 'schedules' | 'webDist'>;
};

export type KlassnyApp = { app: App; stack: SchoolStack; school: SchoolConfig; options: StackOptions };

export function buildApp(options: BuildAppOptions = {}): KlassnyApp {
  const { nag = true, stackProps, ...appProps } = options;
  const app = new App(appProps);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const school = resolveSchoolConfig(context);
  const stackOptions = resolveStackOptions(context);

  // Environment-agnostic unless the CLI knows the account and region (it does when deploying
  // with credentials); nothing in the stack needs a lookup, so synth works offline.
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  const stack = new SchoolStack(app, stackNameOf(school.schoolId), {
    stackName: stackNameOf(school.schoolId),
    ...(account && region ? { env: { account, region } } : {}),
    school,
    options: stackOptions,
    ...stackProps,
  });

  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, school, options: stackOptions };
}
