/**
 * One Lambda function of the product: a TypeScript module under functions/ bundled by the
 * locally installed esbuild (no Docker) into one ESM file, with its own role and log group.
 *
 * The role starts empty except for writing to its own log group (no AWS managed policy); every
 * other permission is granted by the stack, resource by resource.
 */
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionEnv } from '../../shared/config/function-env.ts';
import { functionEnvNames, triggerEnvNames } from '../../shared/config/function-env.ts';
import { LAMBDA_BUNDLING } from './bundling.ts';
import { repoRoot } from './paths.ts';

/**
 * The newest Node.js runtime aws-cdk-lib offers (not NODEJS_LATEST, whose value moves with CDK
 * upgrades and would change functions without a code change here).
 */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * The fonts of the PDF reports, read from `fonts/` beside the bundle (functions/reports/export/fonts.ts,
 * same file names): node_modules is not deployed, so they are copied there after bundling — only
 * into a bundle that contains the PDF renderer (it names the files), not into every function.
 */
export const REPORT_FONT_FILES = ['DejaVuSansCondensed.ttf', 'DejaVuSansCondensed-Bold.ttf'] as const;

const copyReportFonts: ICommandHooks = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir, outputDir) => [
    `if grep -q '${REPORT_FONT_FILES[0]}' "${outputDir}/index.mjs"; then mkdir -p "${outputDir}/fonts" && ${REPORT_FONT_FILES.map(
      (file) => `cp "${inputDir}/node_modules/dejavu-fonts-ttf/ttf/${file}" "${outputDir}/fonts/${file}"`,
    ).join(' && ')}; fi`,
  ],
};

/** Every variable of shared/config/function-env.ts, as strings (CloudFormation tokens allowed). */
export type FunctionEnvironment = { [K in keyof FunctionEnv]: string };
/** A user pool trigger's: the table only (triggerEnvSchema says why). */
export type TriggerEnvironment = Pick<FunctionEnvironment, (typeof triggerEnvNames)[number]>;

/** How long a function's own logs are kept. They may name users in error messages, so not forever. */
export const FUNCTION_LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

export type NodeFunctionProps = {
  /** Module path relative to the repository root, e.g. `functions/http/areas/system.ts`; exports `handler`. */
  entry: string;
  description: string;
  environment: FunctionEnvironment | TriggerEnvironment;
  timeout: Duration;
  memorySize?: number;
};

export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);

    const environment: Partial<FunctionEnvironment> = props.environment;
    // A trigger's environment is the one without the pool (see triggerEnvSchema).
    const required = 'USER_POOL_ID' in environment ? functionEnvNames : triggerEnvNames;
    const missing = required.filter((name) => !environment[name]);
    if (missing.length > 0) {
      throw new Error(`Function ${props.entry}: environment lacks ${missing.join(', ')} (see shared/config/function-env.ts)`);
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: FUNCTION_LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      // INFO keeps the platform's REPORT lines (duration, memory used) that sizing decisions need.
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        platform: LAMBDA_BUNDLING.platform,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        minify: LAMBDA_BUNDLING.minify,
        esbuildArgs: { '--alias': Object.entries(LAMBDA_BUNDLING.alias).map(([from, to]) => `${from}=${to}`) },
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
        // The SDK version is pinned in package.json and tested; bundle it rather than use the
        // runtime's copy, whose version changes without notice.
        bundleAwsSDK: true,
        externalModules: [],
        commandHooks: copyReportFonts,
      },
    });
  }
}
