/**
 * Everything one school runs on in AWS (stack `Klassny-<schoolId>`): user pool with its sign-in
 * protection (WAF), table, files bucket, HTTP API with its Lambda functions, scheduled jobs,
 * e-mail, the web site and backups.
 */
import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { functionEnvSchema } from '../../shared/config/function-env.ts';
import type { SchoolConfig } from '../../shared/config/school-config.ts';
import { HTTP_FUNCTION_TIMEOUT_SECONDS, httpFunctionTimeoutSeconds } from '../../shared/config/limits.ts';
import { operations as allOperations, areasOf } from '../../shared/api/operations.ts';
import type { OperationContract } from '../../shared/api/operation.ts';
import { schedules as allSchedules, type ScheduleDefinition } from '../../functions/scheduled/schedules.ts';
import type { StackOptions } from './config-from-context.ts';
import { KlassnyHttpApi } from './http-api.ts';
import { JournalTable } from './journal-table.ts';
import { JOB_DRILL_TABLE_ACTIONS, tableActionsOf } from './table-access.ts';
import { backupAccessOf } from './backups-access.ts';
import { BackupsBucket } from './backups-bucket.ts';
import { grantDrillTables } from './drill-tables.ts';
import { fileAccessOf } from './files-access.ts';
import { FilesBucket, filesBucketName, filesConnectSources } from './files-bucket.ts';
import { DataMigrations } from './data-migrations.ts';
import { MailSender } from './mail-sender.ts';
import { OperationsAlarms } from './operations-alarms.ts';
import { type FunctionEnvironment, NodeFunction } from './node-function.ts';
import { ScheduledJobs } from './scheduled-jobs.ts';
import { SignInProtection } from './sign-in-protection.ts';
import { UserDirectory } from './user-directory.ts';
import { WebSite } from './web-site.ts';

export type SchoolStackProps = StackProps & {
  school: SchoolConfig;
  options: StackOptions;
  /** Receives the stack's alarms (the school file's `operationsEmail`). */
  operationsEmail: string;
  /** What the stack is deployed from (release.ts): tag, output and the functions' KLASSNY_VERSION. */
  release: string;
  /** Defaults to shared/api/operations.ts; tests may pass their own. */
  operations?: readonly OperationContract[];
  /** Defaults to functions/scheduled/schedules.ts; tests may pass their own. */
  schedules?: readonly ScheduleDefinition[];
  /** Defaults to web/dist. */
  webDist?: string;
};

export { stackNameOf } from './stack-name.ts';

/** The area whose function manages users in the pool (creates them, sets groups and passwords). */
export const IDENTITY_AREA = 'identity';

/** The area of the school's reports and control (functions/http/areas/reports.ts). */
export const REPORTS_AREA = 'reports';

/** Cognito administration the identity area needs, on this school's pool only. */
export const IDENTITY_ADMIN_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
] as const;

/** Also how long the local API Gateway waits for a handler (infra/local/api-gateway). */
export const HTTP_FUNCTION_TIMEOUT = Duration.seconds(HTTP_FUNCTION_TIMEOUT_SECONDS);

/** As long as Cognito waits for a trigger: a longer run would be a failed sign-in anyway. */
export const SIGN_IN_TRIGGER_TIMEOUT = Duration.seconds(5);

export class SchoolStack extends Stack {
  readonly school: SchoolConfig;
  readonly release: string;
  readonly operations: OperationsAlarms;
  readonly directory: UserDirectory;
  readonly signInProtection: SignInProtection;
  readonly data: JournalTable;
  /** The data migrations, run by the deploy before the new functions serve (docs/migrations.md). */
  readonly migrations: DataMigrations;
  readonly mail: MailSender;
  readonly httpApi: KlassnyHttpApi;
  readonly site: WebSite;
  readonly files: FilesBucket;
  readonly backups: BackupsBucket;
  readonly areaFunctions = new Map<string, NodeFunction>();
  readonly jobs: ScheduledJobs;
  /** The user pool's post-authentication trigger: records sign-ins on the accounts (п. 5.10). */
  readonly signInRecorder: NodeFunction;

  constructor(scope: Construct, id: string, props: SchoolStackProps) {
    super(scope, id, {
      description: `Klassny school journal: ${props.school.schoolId}`,
      ...props,
    });
    const { school, options } = props;
    this.school = school;
    this.release = props.release;
    const operations = props.operations ?? allOperations;
    Tags.of(this).add('klassny:school', school.schoolId);
    this.operations = new OperationsAlarms(this, 'Operations', { schoolId: school.schoolId, operationsEmail: props.operationsEmail });

    this.directory = new UserDirectory(this, 'Identity', {
      schoolId: school.schoolId,
      cognitoPlan: options.cognitoPlan,
    });
    const { userPool, webClient } = this.directory;
    this.signInProtection = new SignInProtection(this, 'SignInProtection', { schoolId: school.schoolId, userPool });

    this.data = new JournalTable(this, 'Data', { schoolId: school.schoolId, timeZone: school.timeZone, alertTopic: this.operations.topic });
    this.migrations = new DataMigrations(this, 'Migrations', { schoolId: school.schoolId, table: this.data, release: props.release });

    this.signInRecorder = new NodeFunction(this, 'Trigger-record-sign-in', {
      entry: 'functions/identity/record-sign-in.ts',
      description: `Klassny ${school.schoolId}: records sign-ins (user pool post-authentication trigger)`,
      environment: { TABLE_NAME: this.data.table.tableName, LOG_LEVEL: functionEnvSchema.shape.LOG_LEVEL.parse(undefined) },
      // Cognito waits 5 s for a trigger and fails the sign-in after that; the handler gives up on its write sooner.
      timeout: SIGN_IN_TRIGGER_TIMEOUT,
    });
    this.data.grantItemActions(this.signInRecorder.role, tableActionsOf('trigger', 'record-sign-in'));
    this.directory.recordSignInsWith(this.signInRecorder.function);
    this.mail = new MailSender(this, 'Mail', { schoolId: school.schoolId, mailFrom: school.mailFrom });

    this.httpApi = new KlassnyHttpApi(this, 'Http', {
      schoolId: school.schoolId,
      issuerUrl: this.directory.issuerUrl,
      audience: webClient.userPoolClientId,
    });

    // The site's CSP names the files bucket and the bucket's CORS names the site's origin: the
    // bucket's name is fixed first, so the CSP needs no reference to the bucket (no cycle), and
    // the bucket is made after the distribution whose domain it allows.
    const filesBucket = filesBucketName(this, school.schoolId);
    this.site = new WebSite(this, 'Web', {
      schoolId: school.schoolId,
      apiDomainName: `${this.httpApi.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
      ...(options.domainName && options.certificateArn
        ? { customDomain: { domainName: options.domainName, certificateArn: options.certificateArn } }
        : {}),
      ...(props.webDist ? { webDist: props.webDist } : {}),
      fileUploadSources: filesConnectSources(this, filesBucket),
    });
    this.files = new FilesBucket(this, 'Files', {
      bucketName: filesBucket,
      siteOrigin: this.site.url,
      logBucket: this.site.logBucket,
    });
    this.backups = new BackupsBucket(this, 'Backups', { logBucket: this.site.logBucket });

    const environment: FunctionEnvironment = {
      TABLE_NAME: this.data.table.tableName,
      FILES_BUCKET: this.files.bucket.bucketName,
      BACKUPS_BUCKET: this.backups.bucket.bucketName,
      USER_POOL_ID: userPool.userPoolId,
      USER_POOL_CLIENT_ID: webClient.userPoolClientId,
      SCHOOL_ID: school.schoolId,
      SCHOOL_NAME: school.schoolName,
      SCHOOL_TIME_ZONE: school.timeZone,
      DIRECTOR_EMAIL: school.directorEmail,
      MAIL_FROM: school.mailFrom,
      WEB_URL: this.site.url,
      LOG_LEVEL: functionEnvSchema.shape.LOG_LEVEL.parse(undefined),
      KLASSNY_VERSION: props.release,
    };

    for (const area of areasOf([...operations])) {
      const fn = new NodeFunction(this, `Area-${area}`, {
        entry: `functions/http/areas/${area}.ts`,
        description: `Klassny ${school.schoolId}: HTTP area ${area}`,
        environment,
        timeout: Duration.seconds(httpFunctionTimeoutSeconds(area)),
        // Reports read a whole school's journals and render PDF and XLSX: Lambda's CPU grows with memory.
        ...(area === REPORTS_AREA ? { memorySize: 1024 } : {}),
      });
      this.data.grantItemActions(fn.role, tableActionsOf('area', area));
      this.files.grantObjectAccess(fn.role, fileAccessOf('area', area));
      this.backups.grantAccess(fn.role, backupAccessOf('area', area));
      if (area === IDENTITY_AREA) userPool.grant(fn.function, ...IDENTITY_ADMIN_ACTIONS);
      this.areaFunctions.set(area, fn);
    }
    this.httpApi.addOperationRoutes(operations, (area) => {
      const fn = this.areaFunctions.get(area);
      if (!fn) throw new Error(`No function for area "${area}"`);
      return fn.function;
    });

    this.jobs = new ScheduledJobs(this, 'Jobs', {
      schoolId: school.schoolId,
      timeZone: school.timeZone,
      schedules: props.schedules ?? allSchedules,
      environment,
    });
    for (const [name, job] of this.jobs.functions) {
      this.data.grantItemActions(job.role, tableActionsOf('job', name));
      this.files.grantObjectAccess(job.role, fileAccessOf('job', name));
      this.backups.grantAccess(job.role, backupAccessOf('job', name));
      grantDrillTables(this.data.table, job.role, JOB_DRILL_TABLE_ACTIONS[name] ?? []);
      this.mail.grantSend(job.function);
    }

    // The new release's functions serve only a table in their layout: deployed after the migrations ran.
    this.migrations.runBefore(this.signInRecorder, ...this.areaFunctions.values(), this.jobs);

    this.operations.watch({
      stage: this.httpApi.stage,
      userFacingFunctions: [...[...this.areaFunctions.values()].map((fn) => fn.function), this.signInRecorder.function],
      table: this.data.table,
      failedRunsAlarm: this.jobs.failedRunsAlarm,
      failedRunsQueue: this.jobs.deadLetterQueue,
      backupVaultName: this.data.vault.backupVaultName,
    });

    this.site.deploy({
      apiUrl: this.site.url,
      region: this.region,
      cognitoEndpoint: `https://cognito-idp.${this.region}.${this.urlSuffix}/`,
      userPoolId: userPool.userPoolId,
      userPoolClientId: webClient.userPoolClientId,
      schoolName: school.schoolName,
      timeZone: school.timeZone,
    });

    new CfnOutput(this, 'ApiUrl', {
      description: 'The HTTP API stage (direct). The site calls the same API through WebUrl + /api/.',
      value: this.httpApi.url,
    });
    new CfnOutput(this, 'Release', { description: 'The release this stack was deployed from (also the stack tag klassny:release)', value: props.release });
    new CfnOutput(this, 'OperationsTopicArn', { description: 'SNS topic every alarm of the school goes to', value: this.operations.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { description: 'CloudWatch dashboard of the school', value: `klassny-${school.schoolId}` });
    new CfnOutput(this, 'WebUrl', { description: 'The journal for users', value: this.site.url });
    new CfnOutput(this, 'UserPoolId', { description: 'Cognito user pool of the school', value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { description: 'Cognito app client of the web site', value: webClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { description: 'DynamoDB table of the school', value: this.data.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { description: 'S3 bucket of the school\'s homework files', value: this.files.bucket.bucketName });
    new CfnOutput(this, 'BackupsBucketName', { description: 'S3 bucket of the school\'s nightly table exports (docs/backups.md)', value: this.backups.bucket.bucketName });
  }
}
