/**
 * Builds the CDK app: reads and validates the school file from context (or takes the fleet's
 * schools), creates each school's stack and registers the cdk-nag AwsSolutions checks (any
 * unacknowledged finding, error or warning, fails the synth). Used by infra/bin/app.ts, by the
 * fleet (infra/fleet) and, in-process, by the tests.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { schoolConfigSchema, type SchoolConfig } from '../../shared/config/school-config.ts';
import { resolveSchoolFile, StackConfigError } from './config-from-context.ts';
import { resolveRelease } from './release.ts';
import type { SchoolFile, StackOptions } from './school-file.ts';
import { SchoolStack, type SchoolStackProps, stackNameOf } from './school-stack.ts';

type TestStackProps = Pick<SchoolStackProps, 'operations' | 'schedules' | 'webDist'>;

export type BuildAppOptions = AppProps & {
  /** Register the cdk-nag plugin (default true). */
  nag?: boolean;
  /** Passed through to the stack (tests). */
  stackProps?: TestStackProps;
};

export type KlassnyApp = { app: App; stack: SchoolStack; school: SchoolConfig; options: StackOptions; release: string };

export function buildApp(options: BuildAppOptions = {}): KlassnyApp {
  const { nag = true, stackProps, ...appProps } = options;
  const app = new App(appProps);
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const file = resolveSchoolFile(context);
  const release = releaseOrStop(context('release'));
  const stack = addSchoolStack(app, file, release, stackProps);
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, school: stack.school, options: file.deployment, release };
}

/** One app holding every given school's stack: the fleet synthesizes them together (shared bundles). */
export function buildFleetApp(
  schools: readonly SchoolFile[],
  options: AppProps & { release: string; nag?: boolean; stackProps?: TestStackProps; env?: { account: string; region: string } },
): { app: App; stacks: SchoolStack[] } {
  const { nag = true, release, stackProps, env, ...appProps } = options;
  const app = new App(appProps);
  const stacks = schools.map((file) => addSchoolStack(app, file, release, stackProps, env));
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stacks };
}

function addSchoolStack(
  app: App,
  file: SchoolFile,
  release: string,
  stackProps: TestStackProps | undefined,
  env: { account: string; region: string } | undefined = undefined,
): SchoolStack {
  // Environment-agnostic unless the toolkit knows the account and region (it does when deploying
  // with credentials); nothing in the stack needs a lookup, so synth works offline.
  const account = env?.account ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = env?.region ?? process.env.CDK_DEFAULT_REGION;
  const name = stackNameOf(file.schoolId);
  return new SchoolStack(app, name, {
    stackName: name,
    ...(account && region ? { env: { account, region } } : {}),
    // A stack-level tag: CloudFormation puts it on the resources at deploy, the template stays the same.
    tags: { 'klassny:release': release },
    school: schoolConfigSchema.parse(file),
    operationsEmail: file.operationsEmail,
    release,
    options: file.deployment,
    ...stackProps,
  });
}

function releaseOrStop(value: unknown): string {
  try {
    return resolveRelease(value);
  } catch (error) {
    throw new StackConfigError((error as Error).message);
  }
}
