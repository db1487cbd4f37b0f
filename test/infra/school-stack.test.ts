/**
 * The school stack's template, synthesized in-process (no bundling), checked against the shared
 * inputs it is built from: table definition, operations, schedules, roles, function environment.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { roleSchema } from '../../shared/domain/role.ts';
import { AREA_TABLE_ACTIONS, DRILL_TABLE_SUFFIX, JOB_TABLE_ACTIONS, TRIGGER_TABLE_ACTIONS } from '../../infra/lib/table-access.ts';
import { AREA_FILE_ACCESS, FILE_KEY_PREFIXES, JOB_FILE_ACCESS } from '../../infra/lib/files-access.ts';
import { NONCURRENT_VERSION_EXPIRATION, PENDING_UPLOAD_EXPIRATION } from '../../infra/lib/files-bucket.ts';
import { routeKey } from '../../shared/api/operation.ts';
import { areasOf, DEFAULT_ROUTE_AREA, operations } from '../../shared/api/operations.ts';
import { functionEnvNames } from '../../shared/config/function-env.ts';
import { schoolConfigSchema } from '../../shared/config/school-config.ts';
import { tableDefinition } from '../../shared/table/definition.ts';
import { schedules } from '../../functions/scheduled/schedules.ts';
import { homeworkKey, pendingKey } from '../../functions/data/homework-file-store.ts';
import { PASSWORD_POLICY, RATE_LIMITS, SIGN_IN_LIMITED_RESPONSE, SIGN_IN_TARGETS } from '../../shared/config/access-settings.ts';
import { IDENTITY_ADMIN_ACTIONS } from '../../infra/lib/school-stack.ts';
import { IP_REPUTATION_RULE, SIGN_IN_RATE_RULE, SignInProtection } from '../../infra/lib/sign-in-protection.ts';
import { API_ORIGIN_REQUEST_POLICY, VIEWER_ADDRESS_HEADER } from '../../infra/lib/web-site.ts';
import { joinedText, logicalIdIn, referencedId, referencedIds, resourcesOf, SYNTH_TIMEOUT, synthSchool } from './support.ts';

const { template, stack, school } = synthSchool();

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => logicalIdIn(stack, construct);
const filesBucketProps = () => resourcesOf(template, 'AWS::S3::Bucket')[logicalIdOf(stack.files.bucket)]!.Properties!;

describe('stack', () => {
  it('is named after the school', () => {
    expect(school.schoolId).toBe('demo');
    expect(stack.stackName).toBe('Klassny-demo');
  });

  it('has the outputs DevOps and the operator command read', () => {
    for (const name of ['ApiUrl', 'WebUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'FilesBucketName']) {
      template.hasOutput(name, {});
    }
    const outputs = template.findOutputs('WebUrl');
    expect(joinedText(outputs.WebUrl!.Value)).toMatch(/^https:\/\/<Web\w+\.DomainName>$/);
  });

  it('has no dependency cycle between its resources (CloudFormation would refuse the template)', () => {
    // Template.fromStack checks the resources' references for cycles and throws on one.
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('table', () => {
  const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
  const [table] = Object.values(tables);

  it('is one table, retained, on demand, with PITR and deletion protection', () => {
    expect(Object.keys(tables)).toHaveLength(1);
    expect(table!.DeletionPolicy).toBe('Retain');
    expect(table!.UpdateReplacePolicy).toBe('Retain');
    expect(table!.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    });
  });

  it('has exactly the keys and indexes of shared/table/definition.ts', () => {
    const props = table!.Properties as {
      KeySchema: { AttributeName: string; KeyType: string }[];
      AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }[];
    };
    expect(props.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(
      props.GlobalSecondaryIndexes.map((index) => ({ indexName: index.IndexName, keys: index.KeySchema })),
    ).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        keys: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
      })),
    );
    const expectedAttributes = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ].map((key) => ({ AttributeName: key.name, AttributeType: key.type }));
    expect(new Set(props.AttributeDefinitions.map((a) => JSON.stringify(a)))).toEqual(
      new Set(expectedAttributes.map((a) => JSON.stringify(a))),
    );
  });

  it('is backed up daily and monthly by AWS Backup', () => {
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'daily', ScheduleExpression: 'cron(0 2 * * ? *)', Lifecycle: { DeleteAfterDays: 35 }, ScheduleExpressionTimezone: school.timeZone }),
          Match.objectLike({ RuleName: 'monthly', ScheduleExpression: 'cron(0 3 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 }, ScheduleExpressionTimezone: school.timeZone }),
        ],
      },
    });
    const tableId = Object.keys(tables)[0]!;
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }] }),
    });
    const vaults = resourcesOf(template, 'AWS::Backup::BackupVault');
    expect(Object.values(vaults).map((vault) => vault.DeletionPolicy)).toEqual(['Retain']);
  });
});

describe('user pool', () => {
  it('signs in by login, with a strong password, optional TOTP and no self-service', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UsernameAttributes: Match.absent(),
      AliasAttributes: Match.absent(),
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    const pool = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0]!;
    const minLength = (pool.Properties as { Policies: { PasswordPolicy: { MinimumLength: number } } }).Policies.PasswordPolicy.MinimumLength;
    expect(minLength).toBeGreaterThanOrEqual(8);
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
    });
  });

  it('has the password policy of shared/config/access-settings.ts', () => {
    const pool = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0]!;
    expect((pool.Properties as { Policies: { PasswordPolicy: unknown } }).Policies.PasswordPolicy).toEqual({
      MinimumLength: PASSWORD_POLICY.minLength,
      RequireLowercase: PASSWORD_POLICY.requireLowercase,
      RequireUppercase: PASSWORD_POLICY.requireUppercase,
      RequireNumbers: PASSWORD_POLICY.requireDigits,
      RequireSymbols: PASSWORD_POLICY.requireSymbols,
      PasswordHistorySize: 5,
      TemporaryPasswordValidityDays: 7,
    });
  });

  it('has one group per role of shared/api/identity.ts', () => {
    const groups = resourcesOf(template, 'AWS::Cognito::UserPoolGroup');
    expect(Object.values(groups).map((group) => group.Properties!.GroupName).sort()).toEqual([...roleSchema.options].sort());
    expect(roleSchema.options).toHaveLength(6);
  });

  it('has a public web client with password + refresh flows and short-lived tokens', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 12 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });

  it('can be deployed on the Essentials plan without threat protection', () => {
    const essentials = synthSchool({ context: { cognitoPlan: 'essentials' } }).template;
    essentials.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', UserPoolAddOns: Match.absent() });
    essentials.resourceCountIs('AWS::Cognito::UserPoolRiskConfigurationAttachment', 0);
  }, SYNTH_TIMEOUT);
});

describe('sign-in protection (AWS WAF on the user pool)', () => {
  type Rule = { Name: string; Priority: number; Action?: unknown; OverrideAction?: unknown; Statement: Record<string, unknown>; VisibilityConfig: unknown };
  const acls = resourcesOf(template, 'AWS::WAFv2::WebACL');
  const [aclId] = Object.keys(acls);
  const acl = acls[aclId!]!.Properties as {
    Scope: string;
    DefaultAction: unknown;
    Rules: Rule[];
    CustomResponseBodies: Record<string, { ContentType: string; Content: string }>;
    VisibilityConfig: unknown;
  };
  const ruleNamed = (name: string) => acl.Rules.find((rule) => rule.Name === name)!;
  const visible = { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: expect.any(String) };

  it('is one regional web ACL that allows by default, with metrics and sampled requests on', () => {
    expect(Object.keys(acls)).toHaveLength(1);
    expect(acl).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} }, VisibilityConfig: visible });
    for (const rule of acl.Rules) expect(rule.VisibilityConfig, rule.Name).toEqual(visible);
  });

  it('is associated with the school\'s user pool', () => {
    const associations = Object.values(resourcesOf(template, 'AWS::WAFv2::WebACLAssociation'));
    expect(associations.map((a) => a.Properties)).toEqual([
      { ResourceArn: { 'Fn::GetAtt': [logicalIdOf(stack.directory.userPool), 'Arn'] }, WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] } },
    ]);
  });

  it('limits sign-in calls per address to RATE_LIMITS.signInPerAddress, answering 429 TooManyRequestsException', () => {
    const rule = ruleNamed(SIGN_IN_RATE_RULE);
    const { limit, windowSeconds } = RATE_LIMITS.signInPerAddress;
    expect(rule.Statement).toEqual({
      RateBasedStatement: {
        Limit: limit,
        EvaluationWindowSec: windowSeconds,
        AggregateKeyType: 'IP',
        ScopeDownStatement: {
          OrStatement: {
            Statements: SIGN_IN_TARGETS.map((target) => ({
              ByteMatchStatement: {
                FieldToMatch: { SingleHeader: { Name: 'x-amz-target' } },
                PositionalConstraint: 'EXACTLY',
                SearchString: target.toLowerCase(),
                TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
              },
            })),
          },
        },
      },
    });
    expect([...SIGN_IN_TARGETS]).toEqual([
      'AWSCognitoIdentityProviderService.InitiateAuth',
      'AWSCognitoIdentityProviderService.RespondToAuthChallenge',
    ]);
    const response = (rule.Action as { Block: { CustomResponse: { ResponseCode: number; CustomResponseBodyKey: string } } }).Block.CustomResponse;
    expect(response.ResponseCode).toBe(429);
    const body = acl.CustomResponseBodies[response.CustomResponseBodyKey]!;
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toEqual({ __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    expect(JSON.parse(body.Content)).toEqual(SIGN_IN_LIMITED_RESPONSE.body);
  });

  it('blocks addresses of Amazon\'s IP reputation list before counting sign-ins', () => {
    const rule = ruleNamed(IP_REPUTATION_RULE);
    expect(rule).toMatchObject({
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } },
    });
    expect(rule.Priority).toBeLessThan(ruleNamed(SIGN_IN_RATE_RULE).Priority);
  });

  it('refuses limits AWS WAF cannot enforce, before anything is deployed', () => {
    const scope = new Stack(new App(), 'Limits');
    const userPool = new UserPool(scope, 'Pool');
    const protect = (id: string, limit: { limit: number; windowSeconds: number }) =>
      new SignInProtection(scope, id, { schoolId: 'demo', userPool, limit });
    expect(() => protect('Window', { limit: 100, windowSeconds: 900 })).toThrow(/window 900 s: AWS WAF supports 60, 120, 300, 600 s only/);
    expect(() => protect('Low', { limit: 5, windowSeconds: 300 })).toThrow(/at least 10/);
    expect(() => protect('Fine', { limit: 10, windowSeconds: 60 })).not.toThrow();
  });

  it('logs blocked and counted requests to an aws-waf-logs-* group with a retention', () => {
    const configs = Object.values(resourcesOf(template, 'AWS::WAFv2::LoggingConfiguration')).map((c) => c.Properties!);
    expect(configs).toHaveLength(1);
    const config = configs[0] as { ResourceArn: unknown; LogDestinationConfigs: unknown[]; LoggingFilter: unknown };
    expect(config.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    const destination = joinedText(config.LogDestinationConfigs[0]);
    const logGroupId = /^arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<(\w+)>$/.exec(destination)?.[1];
    expect(logGroupId, destination).toBeDefined();
    const logGroup = resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId!]!;
    expect(joinedText(logGroup.Properties!.LogGroupName)).toMatch(/^aws-waf-logs-klassny-demo-/);
    expect(logGroup.Properties!.RetentionInDays).toBeGreaterThan(0);
    expect(config.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
        },
      ],
    });
  });
});

describe('HTTP API', () => {
  const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route');
  const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
  const routeByKey = new Map(Object.values(routes).map((route) => [route.Properties!.RouteKey as string, route.Properties!]));

  function functionIdOfRoute(route: Record<string, unknown>): string {
    const target = joinedText(route.Target);
    const integrationId = /^integrations\/<(\w+)>$/.exec(target)?.[1];
    expect(integrationId, `route target ${target}`).toBeDefined();
    return referencedId(integrations[integrationId!]!.Properties!.IntegrationUri)!;
  }

  it('has one route per operation plus $default, and nothing else', () => {
    expect([...routeByKey.keys()].sort()).toEqual([...operations.map(routeKey), '$default'].sort());
  });

  it('puts the JWT authorizer on exactly the authenticated operations', () => {
    const [authorizerId] = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer'));
    for (const operation of operations) {
      const route = routeByKey.get(routeKey(operation))!;
      if (operation.access === 'authenticated') {
        expect(route, operation.operationId).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      } else {
        expect(route.AuthorizationType, operation.operationId).toBe('NONE');
        expect(route.AuthorizerId, operation.operationId).toBeUndefined();
      }
    }
    expect(routeByKey.get('$default')!.AuthorizationType).toBe('NONE');
  });

  it('integrates each route with the function of its area; $default with the default area', () => {
    const areaFunctionIds = new Map([...stack.areaFunctions].map(([area, fn]) => [area, logicalIdOf(fn.function)]));
    expect([...areaFunctionIds.keys()].sort()).toEqual(areasOf());
    for (const operation of operations) {
      expect(functionIdOfRoute(routeByKey.get(routeKey(operation))!), operation.operationId).toBe(areaFunctionIds.get(operation.area));
    }
    expect(functionIdOfRoute(routeByKey.get('$default')!)).toBe(areaFunctionIds.get(DEFAULT_ROUTE_AREA));
    for (const integration of Object.values(integrations)) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('checks Cognito tokens of the web client', () => {
    const poolId = logicalIdOf(stack.directory.userPool);
    const clientId = logicalIdOf(stack.directory.webClient);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [poolId, 'ProviderURL'] }]] },
      },
    });
  });

  it('throttles the stage and logs JSON access lines without personal data', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0]!;
    const settings = stage.Properties!.AccessLogSettings as { Format: string; DestinationArn: unknown };
    const fields = JSON.parse(settings.Format) as Record<string, string>;
    expect(fields).toMatchObject({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', routeKey: '$context.routeKey', status: '$context.status' });
    expect(settings.Format).not.toMatch(/authorization|\.body|requestOverride|claims|userAgent|querystring|\$context\.path/i);
    const logGroupId = referencedId(settings.DestinationArn)!;
    expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]!.Properties!.RetentionInDays).toBeGreaterThan(0);
  });

  it('configures no CORS: the site calls the API on its own origin', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP', CorsConfiguration: Match.absent() });
  });
});

describe('functions', () => {
  const functions = resourcesOf(template, 'AWS::Lambda::Function');
  const productFunctionIds = [
    ...[...stack.areaFunctions.values()].map((fn) => logicalIdOf(fn.function)),
    ...[...stack.jobs.functions.values()].map((fn) => logicalIdOf(fn.function)),
  ];

  it('are one per area and one per schedule', () => {
    expect(productFunctionIds).toHaveLength(areasOf().length + schedules.length);
    for (const id of productFunctionIds) expect(functions[id], id).toBeDefined();
  });

  it('are deployed only after the data migrations ran (the trigger), and only the migrations and the export may Scan', () => {
    const triggerId = logicalIdIn(stack, stack.migrations.trigger.node.defaultChild as never);
    const all = template.toJSON().Resources as Record<string, { DependsOn?: string[] }>;
    for (const id of [...productFunctionIds, logicalIdOf(stack.signInRecorder.function)]) {
      expect(all[id]!.DependsOn ?? [], id).toContain(triggerId);
    }
    const scanners = Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter(([, policy]) => JSON.stringify(policy.Properties!.PolicyDocument).includes('dynamodb:Scan'))
      .map(([id]) => id);
    // The restore drill scans only its scratch tables (drill-tables.ts, backups.test.ts).
    expect(scanners.map((id) => id.replace(/RoleDefaultPolicy\w+$/, '')).sort()).toEqual(['JobsJobbackuptable', 'JobsJobrestoredrill', 'MigrationsRunner']);
  });

  it('run on the newest Node.js runtime CDK offers, on ARM64', () => {
    const version = (name: string) => Number(/^nodejs(\d+)/.exec(name)?.[1] ?? 0);
    const newest = Runtime.ALL.filter((runtime) => runtime.family === RuntimeFamily.NODEJS)
      .map((runtime) => runtime.name)
      .sort((a, b) => version(b) - version(a))[0];
    expect(newest).toMatch(/^nodejs\d+\.x$/);
    const reportsId = logicalIdOf(stack.areaFunctions.get('reports')!.function);
    for (const id of productFunctionIds) {
      expect(functions[id]!.Properties, id).toMatchObject({
        Runtime: newest,
        Architectures: ['arm64'],
        Handler: 'index.handler',
        // The reports render PDF and XLSX of a whole school: more memory, so more CPU (decision 34).
        MemorySize: id === reportsId ? 1024 : 512,
        LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
      });
    }
  });

  it('get every variable of shared/config/function-env.ts', () => {
    for (const id of productFunctionIds) {
      const variables = (functions[id]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      for (const name of functionEnvNames) expect(variables[name], `${id} ${name}`).toBeDefined();
      expect(variables).toMatchObject({
        SCHOOL_ID: school.schoolId,
        SCHOOL_NAME: school.schoolName,
        SCHOOL_TIME_ZONE: school.timeZone,
        DIRECTOR_EMAIL: school.directorEmail,
        MAIL_FROM: school.mailFrom,
        LOG_LEVEL: 'info',
      });
      expect(joinedText(variables.WEB_URL)).toMatch(/^https:\/\/<Web\w+\.DomainName>$/);
      expect(variables.FILES_BUCKET, id).toEqual({ Ref: logicalIdOf(stack.files.bucket) });
    }
  });

  it('log to their own log group with a retention', () => {
    for (const id of productFunctionIds) {
      const logGroupId = referencedId((functions[id]!.Properties!.LoggingConfig as { LogGroup: unknown }).LogGroup)!;
      expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]?.Properties?.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'));
  type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
  const rawStatementsOf = (fn: { role: { node: { defaultChild?: unknown } } }): Statement[] => {
    const roleId = logicalIdOf(fn.role);
    return policies
      .filter((policy) => referencedIds(policy.Properties!.Roles).has(roleId))
      .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
  };
  const statementsOf = (fn: { role: { node: { defaultChild?: unknown } } }) =>
    rawStatementsOf(fn).map((statement) => ({
      actions: ([] as string[]).concat(statement.Action),
      resources: referencedIds(statement.Resource),
    }));

  it('have least-privilege roles: the table actions of their area only, Cognito admin for identity, SES for jobs', () => {
    const tableId = logicalIdOf(stack.data.table);
    const poolId = logicalIdOf(stack.directory.userPool);
    const allows = (statements: ReturnType<typeof statementsOf>, action: string, resourceId: string) =>
      statements.some((s) => s.actions.includes(action) && s.resources.has(resourceId));
    const tableActions = (statements: ReturnType<typeof statementsOf>) =>
      [...new Set(statements.filter((s) => s.resources.has(tableId)).flatMap((s) => s.actions))].sort();
    const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

    for (const [area, fn] of stack.areaFunctions) {
      const statements = statementsOf(fn);
      expect(tableActions(statements), area).toEqual([...AREA_TABLE_ACTIONS[area]!].sort());
      // Nothing scans; the read-only areas cannot write; health and the API description need no table.
      expect(tableActions(statements).some((a) => a === 'dynamodb:Scan' || a.startsWith('dynamodb:*')), area).toBe(false);
      if (area === 'diary') expect(tableActions(statements).some((a) => WRITES.includes(a)), area).toBe(false);
      if (area === 'system') expect(tableActions(statements), area).toEqual([]);
      if (area === 'journal' || area === 'identity') expect(allows(statements, 'dynamodb:PutItem', tableId), area).toBe(true);
      expect(statements.some((s) => s.actions.some((a) => a.startsWith('ses:'))), area).toBe(false);
      const cognito = statements.filter((s) => s.actions.some((a) => a.startsWith('cognito-idp:')));
      if (area === 'identity') {
        expect(cognito.flatMap((s) => s.actions).sort()).toEqual([...IDENTITY_ADMIN_ACTIONS].sort());
        // What the identity area calls (invitation codes, roles, sessions, account administration).
        expect(cognito.flatMap((s) => s.actions)).toEqual(
          expect.arrayContaining(
            [
              'AdminCreateUser',
              'AdminGetUser',
              'AdminDeleteUser',
              'AdminSetUserPassword',
              'AdminAddUserToGroup',
              'AdminRemoveUserFromGroup',
              'AdminDisableUser',
              'AdminEnableUser',
              'AdminUserGlobalSignOut',
              'AdminListGroupsForUser',
              'AdminUpdateUserAttributes',
            ].map((action) => `cognito-idp:${action}`),
          ),
        );
        expect(cognito.every((s) => s.resources.has(poolId) && s.resources.size === 1)).toBe(true);
      } else {
        expect(cognito, area).toEqual([]);
      }
      for (const statement of statements) expect(statement.actions.some((a) => a.endsWith(':*') || a === '*'), area).toBe(false);
    }
    for (const [name, fn] of stack.jobs.functions) {
      // Without the restore drill's scratch tables (`<table>-drill-*` names the table too): test/infra/backups.test.ts checks those.
      const statements = statementsOf(fn).filter((_, i) => !JSON.stringify(rawStatementsOf(fn)[i]!.Resource).includes(DRILL_TABLE_SUFFIX));
      expect(tableActions(statements), name).toEqual([...JOB_TABLE_ACTIONS[name]!].sort());
      expect(statements.some((s) => s.actions.includes('ses:SendEmail')), name).toBe(true);
    }
  });

  it('include the pool\'s sign-in trigger, which may only UpdateItem the table and knows nothing but the table (п. 5.10)', () => {
    const fn = stack.signInRecorder;
    const fnId = logicalIdOf(fn.function);
    const poolId = logicalIdOf(stack.directory.userPool);
    const tableId = logicalIdOf(stack.data.table);
    // The pool calls it after every completed sign-in, and has no other trigger (none on token refresh).
    const pool = Object.values(resourcesOf(template, 'AWS::Cognito::UserPool'))[0]!;
    const triggers = (pool.Properties as { LambdaConfig?: Record<string, unknown> }).LambdaConfig ?? {};
    expect(Object.keys(triggers)).toEqual(['PostAuthentication']);
    expect(referencedId(triggers.PostAuthentication)).toBe(fnId);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
    // Its role: UpdateItem on the school's table, nothing else beyond its own logs.
    const statements = statementsOf(fn);
    expect(TRIGGER_TABLE_ACTIONS['record-sign-in']).toEqual(['dynamodb:UpdateItem']);
    expect(statements.filter((s) => s.resources.has(tableId))).toEqual([{ actions: ['dynamodb:UpdateItem'], resources: new Set([tableId]) }]);
    expect(statements.flatMap((s) => s.actions).filter((a) => !a.startsWith('logs:'))).toEqual(['dynamodb:UpdateItem']);
    // The table's name only (the pool cannot be named in its own trigger: a cycle), Cognito's 5 s at most.
    const props = functions[fnId]!.Properties!;
    expect((props.Environment as { Variables: Record<string, unknown> }).Variables).toEqual({
      TABLE_NAME: { Ref: tableId },
      LOG_LEVEL: 'info',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(props).toMatchObject({ Timeout: 5, Architectures: ['arm64'], Handler: 'index.handler' });
    const logGroupId = referencedId((props.LoggingConfig as { LogGroup: unknown }).LogGroup)!;
    expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]?.Properties?.RetentionInDays).toBeGreaterThan(0);
  });

  it('have exactly the files-bucket actions and key prefixes of their area (files-access.ts); jobs theirs', () => {
    const bucketId = logicalIdOf(stack.files.bucket);
    /** Every `action resource` pair a role is allowed on the files bucket, resources as text. */
    const fileGrants = (fn: { role: { node: { defaultChild?: unknown } } }) =>
      rawStatementsOf(fn)
        .filter((statement) => referencedIds(statement.Resource).has(bucketId))
        .flatMap((statement) => {
          expect(statement.Effect).toBe('Allow');
          return ([] as string[])
            .concat(statement.Action)
            .flatMap((action) => ([] as unknown[]).concat(statement.Resource).map((resource) => `${action} ${joinedText(resource)}`));
        })
        .sort();
    const declared = (grants: (typeof AREA_FILE_ACCESS)[string]) =>
      grants.flatMap((g) => g.prefixes.map((prefix) => `${g.action} <${bucketId}.Arn>/${FILE_KEY_PREFIXES[prefix]}*`)).sort();

    for (const [area, fn] of stack.areaFunctions) {
      const grants = fileGrants(fn);
      expect(grants, area).toEqual(declared(AREA_FILE_ACCESS[area]!));
      // Objects only, under a prefix: nothing on the bucket itself (no ListBucket), no wildcard action.
      for (const grant of grants) expect(grant, area).toMatch(/^s3:(GetObject|PutObject|DeleteObject) <\w+\.Arn>\/(pending|homework|reports)\/\*$/);
      // Nothing else in S3 either (the site bucket is written only by the deployment).
      // Nothing else in S3 either (the site bucket is written only by the deployment); the backups bucket as backups-access.ts says (test/infra/backups.test.ts).
      const backupsId = logicalIdOf(stack.backups.bucket);
      expect(statementsOf(fn).filter((s) => s.actions.some((a) => a.startsWith('s3:'))).every((s) => s.resources.has(bucketId) || s.resources.has(backupsId)), area).toBe(true);
    }
    for (const [name, fn] of stack.jobs.functions) {
      expect(fileGrants(fn), name).toEqual(declared(JOB_FILE_ACCESS[name]!));
      // A job reads or writes reports only (the control checks' справки, the mail's attachments), never homework.
      for (const grant of fileGrants(fn)) expect(grant, name).toMatch(/^s3:(GetObject|PutObject) <\w+\.Arn>\/reports\/\*$/);
    }

    // What was agreed for the API (docs/decisions.md 31), spelled out.
    const arn = `<${bucketId}.Arn>`;
    expect(fileGrants(stack.areaFunctions.get('journal')!)).toEqual(
      ['GetObject', 'PutObject', 'DeleteObject'].flatMap((a) => [`s3:${a} ${arn}/pending/*`, `s3:${a} ${arn}/homework/*`]).sort(),
    );
    expect(fileGrants(stack.areaFunctions.get('diary')!)).toEqual([`s3:GetObject ${arn}/homework/*`]);
    expect(fileGrants(stack.areaFunctions.get('reports')!)).toEqual([`s3:GetObject ${arn}/reports/*`, `s3:PutObject ${arn}/reports/*`]);
    expect(fileGrants(stack.jobs.functions.get('deliver-mail')!)).toEqual([`s3:GetObject ${arn}/reports/*`]);
    for (const area of ['identity', 'system']) expect(fileGrants(stack.areaFunctions.get(area)!), area).toEqual([]);
    expect(Object.keys(AREA_FILE_ACCESS).sort()).toEqual(areasOf());
    expect(Object.keys(JOB_FILE_ACCESS).sort()).toEqual(schedules.map((s) => s.name).sort());

    // No other role of the stack (site deployment, backup, scheduler …) is granted anything on the files bucket.
    const productRoleIds = new Set([...stack.areaFunctions.values(), ...stack.jobs.functions.values()].map((fn) => logicalIdOf(fn.role)));
    for (const policy of policies) {
      const touchesFiles = referencedIds(policy.Properties!.PolicyDocument).has(bucketId);
      if (touchesFiles) expect([...referencedIds(policy.Properties!.Roles)].every((id) => productRoleIds.has(id))).toBe(true);
    }
  });
});

describe('schedules', () => {
  it('are one EventBridge Scheduler schedule per entry of schedules.ts, in the school time zone', () => {
    const found = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).map((s) => s.Properties!);
    expect(found.map((s) => s.Name).sort()).toEqual(schedules.map((s) => s.name).sort());
    for (const definition of schedules) {
      const schedule = found.find((s) => s.Name === definition.name)!;
      const functionId = logicalIdOf(stack.jobs.functions.get(definition.name)!.function);
      expect(schedule).toMatchObject({
        ScheduleExpression: definition.expression,
        ScheduleExpressionTimezone: school.timeZone,
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(stack.jobs.deadLetterQueue), 'Arn'] } },
        },
      });
    }
  });

  it('follow another school\'s time zone', () => {
    const other = synthSchool({ context: { timeZone: 'Asia/Vladivostok' } }).template;
    other.allResourcesProperties('AWS::Scheduler::Schedule', { ScheduleExpressionTimezone: 'Asia/Vladivostok' });
  }, SYNTH_TIMEOUT);

  it('send failed runs to an encrypted, TLS-only dead-letter queue (Scheduler and Lambda)', () => {
    const queueId = logicalIdOf(stack.jobs.deadLetterQueue);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      Queues: [{ Ref: queueId }],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Threshold: 1 });
  });
});

describe('web site', () => {
  it('serves a private bucket through CloudFront with Origin Access Control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: Match.absent(),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
      }),
    });
  });

  it('sends /api/* to the HTTP API, uncached, over HTTPS only', () => {
    const distribution = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!;
    const config = distribution.Properties!.DistributionConfig as {
      CacheBehaviors: { PathPattern: string; ViewerProtocolPolicy: string; TargetOriginId: string; AllowedMethods: string[] }[];
      Origins: { Id: string; DomainName: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] } }[];
    };
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
    expect(api).toMatchObject({ ViewerProtocolPolicy: 'https-only' });
    expect(api.AllowedMethods).toContain('POST');
    const origin = config.Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(joinedText(origin.DomainName)).toMatch(/^<Http\w+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>$/);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('forwards the viewer\'s headers except Host, plus CloudFront-Viewer-Address, to the API', () => {
    const distribution = Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]!;
    const behaviors = (distribution.Properties!.DistributionConfig as { CacheBehaviors: { PathPattern: string; OriginRequestPolicyId: unknown }[] })
      .CacheBehaviors;
    const api = behaviors.find((b) => b.PathPattern === '/api/*')!;
    // CloudFront's managed AllViewerExceptHostHeader: every viewer header (Authorization included)
    // but Host, and CloudFront's viewer headers, CloudFront-Viewer-Address among them. A custom
    // policy cannot do the same: listing headers cannot include Authorization.
    expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(API_ORIGIN_REQUEST_POLICY.originRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(VIEWER_ADDRESS_HEADER).toBe('CloudFront-Viewer-Address');
    template.resourceCountIs('AWS::CloudFront::OriginRequestPolicy', 0);
  });

  it('sends security headers with a strict Content-Security-Policy', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const headers = (policy.Properties!.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> }).SecurityHeadersConfig;
    const csp = joinedText(headers.ContentSecurityPolicy!.ContentSecurityPolicy);
    const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'self'");
    const filesBucket = joinedText(filesBucketProps().BucketName);
    expect(directives.get('connect-src')).toBe(
      "'self' https://cognito-idp.<AWS::Region>.<AWS::URLSuffix> " +
        // The browser's presigned upload: virtual-hosted and path-style (the bucket's path only).
        `https://${filesBucket}.s3.<AWS::Region>.<AWS::URLSuffix> https://s3.<AWS::Region>.<AWS::URLSuffix>/${filesBucket}/`,
    );
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('style-src')).toBe("'self'"); // no 'unsafe-inline': no inline style may run
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'self'");
    expect(directives.get('script-src') ?? directives.get('default-src')).toBe("'self'");
    expect(headers).toMatchObject({
      ContentSecurityPolicy: { Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      StrictTransportSecurity: { AccessControlMaxAgeSec: expect.any(Number) },
      ReferrerPolicy: { ReferrerPolicy: expect.any(String) },
    });
  });

  it('with a custom domain, serves it with the school certificate and TLS 1.2 at least', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a3c1e-1111-2222-3333-444455556666';
    const custom = synthSchool({ context: { domainName: 'journal.school.example', certificateArn } });
    custom.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['journal.school.example'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    expect(custom.template.findOutputs('WebUrl').WebUrl!.Value).toBe('https://journal.school.example');
    const fn = custom.stack.areaFunctions.get(DEFAULT_ROUTE_AREA)!;
    const variables = (custom.template.findResources('AWS::Lambda::Function')[logicalIdIn(custom.stack, fn.function)]!.Properties.Environment as {
      Variables: Record<string, unknown>;
    }).Variables;
    expect(variables.WEB_URL).toBe('https://journal.school.example');
  }, SYNTH_TIMEOUT);

  it('uploads the build (hashed assets cached for a year) and config.json, then invalidates', () => {
    const webDist = mkdtempSync(path.join(tmpdir(), 'klassny-dist-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Классный</title>');
    writeFileSync(path.join(webDist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const built = synthSchool({ stackProps: { webDist } }).template;
    const deployments = Object.values(resourcesOf(built, 'Custom::CDKBucketDeployment')).map((d) => d.Properties!);
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((d) => JSON.stringify(d.Include) === '["assets/*"]')!;
    expect(assets).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    const pages = deployments.find((d) => d !== assets)!;
    expect(pages).toMatchObject({ Prune: true, Exclude: ['assets/*'], DistributionPaths: ['/*'], SystemMetadata: { 'cache-control': 'no-cache' } });
    expect((pages.SourceObjectKeys as unknown[]).length).toBe(2);
    expect(JSON.stringify(pages.SourceMarkers)).toContain('DomainName');
  }, SYNTH_TIMEOUT);

  it('without a build, deploys only config.json and keeps the deployed site', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'klassny-nodist-'));
    const bare = synthSchool({ stackProps: { webDist: empty } }).template;
    const deployments = Object.values(resourcesOf(bare, 'Custom::CDKBucketDeployment')).map((d) => d.Properties!);
    expect(deployments).toHaveLength(1);
    expect(deployments[0]).toMatchObject({ Prune: false });
    expect((deployments[0]!.SourceObjectKeys as unknown[]).length).toBe(1);
  }, SYNTH_TIMEOUT);
});

describe('files bucket', () => {
  const bucketId = logicalIdOf(stack.files.bucket);
  const bucket = resourcesOf(template, 'AWS::S3::Bucket')[bucketId]!;
  const props = filesBucketProps();

  it('is private: all public access blocked, no ACLs, TLS only', () => {
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    // The bucket policy allows nobody anything: access comes from the functions' roles only.
    const policies = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).filter((p) => referencedId(p.Properties!.Bucket) === bucketId);
    const statements = policies.flatMap((p) => (p.Properties!.PolicyDocument as { Statement: { Effect: string }[] }).Statement);
    expect(statements.every((st) => st.Effect === 'Deny')).toBe(true);
  });

  it('is encrypted with S3-managed keys and retained with the stack\'s data', () => {
    expect(props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
  });

  it('keeps versions: a deleted or replaced file is recoverable for 30 days', () => {
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(NONCURRENT_VERSION_EXPIRATION.toDays()).toBe(30);
    expect(PENDING_UPLOAD_EXPIRATION.toDays()).toBe(1);
  });

  it('expires pending uploads after a day, old versions after 30 days, abandoned multipart uploads after a day', () => {
    const rules = (props.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toHaveLength(2);
    expect(rules).toContainEqual({
      Id: 'expire-pending-uploads',
      Prefix: FILE_KEY_PREFIXES.pending,
      Status: 'Enabled',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
    expect(rules).toContainEqual({
      Id: 'expire-old-versions',
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      ExpiredObjectDeleteMarker: true,
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
    // Nothing expires the current homework files: they stay as long as their lesson does.
    expect(rules.filter((rule) => rule.ExpirationInDays !== undefined).map((rule) => rule.Prefix)).toEqual(['pending/']);
  });

  it('allows PUT and GET from the site\'s origin only, with the headers a presigned upload sends', () => {
    const cors = (props.CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0]).toMatchObject({ AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['content-type', 'if-none-match', 'x-amz-*'], ExposedHeaders: ['ETag'] });
    const origins = cors[0]!.AllowedOrigins as unknown[];
    expect(origins.map(joinedText)).toEqual([joinedText(template.findOutputs('WebUrl').WebUrl!.Value)]);
    expect(joinedText(origins[0])).toMatch(/^https:\/\/<Web\w+\.DomainName>$/);
  });

  it('with a custom domain, allows that origin', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a3c1e-1111-2222-3333-444455556666';
    const custom = synthSchool({ context: { domainName: 'journal.school.example', certificateArn } });
    const customBucket = resourcesOf(custom.template, 'AWS::S3::Bucket')[logicalIdIn(custom.stack, custom.stack.files.bucket)]!;
    const cors = (customBucket.Properties!.CorsConfiguration as { CorsRules: { AllowedOrigins: unknown[] }[] }).CorsRules;
    expect(cors.map((rule) => rule.AllowedOrigins)).toEqual([['https://journal.school.example']]);
  }, SYNTH_TIMEOUT);

  it('writes server access logs to the stack\'s log bucket, as the site bucket does', () => {
    expect(props.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(stack.site.logBucket) },
      LogFilePrefix: 'files-bucket/',
    });
  });

  it('has a name fixed from the school and the stack\'s own id, not a generated one (the CSP names it)', () => {
    expect(joinedText(props.BucketName)).toBe(`klassny-${school.schoolId}-files-select(0,split(-,select(2,split(/,<AWS::StackId>))))`);
    // No resource in it: the site's CSP can name the bucket without waiting for it.
    expect([...referencedIds(props.BucketName)]).toEqual(['AWS::StackId']);
    // The longest school id still makes a valid bucket name (≤ 63 characters, 8 hex digits of the stack's UUID).
    const longest = 'a'.repeat(32);
    expect(schoolConfigSchema.shape.schoolId.safeParse(longest).success).toBe(true);
    expect(schoolConfigSchema.shape.schoolId.safeParse(`${longest}a`).success).toBe(false);
    expect(`klassny-${longest}-files-`.length + 8).toBeLessThanOrEqual(63);
    template.hasOutput('FilesBucketName', { Value: { Ref: bucketId } });
  });

  it('holds the keys the functions make under the prefixes the grants and the lifecycle name', () => {
    // The functions cannot import infra (layering), so the two are checked here: a key outside
    // these prefixes would work locally and be refused in AWS.
    expect(pendingKey('01JUPLOAD')).toBe(`${FILE_KEY_PREFIXES.pending}01JUPLOAD`);
    expect(homeworkKey('c-2026-05-А.sub-01J.2026-09-01.3', '01JFILE')).toBe(`${FILE_KEY_PREFIXES.homework}c-2026-05-А.sub-01J.2026-09-01.3/01JFILE`);
  });

  it('is named in the site\'s CSP without a reference to any resource, so it can follow the distribution it allows', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    expect([...referencedIds(policy.Properties)].every((id) => id.startsWith('AWS::'))).toBe(true);
    expect(referencedIds(props.CorsConfiguration).has(logicalIdOf(stack.site.distribution))).toBe(true);
  });
});

describe('mail', () => {
  it('verifies the school sender address and requires TLS for delivery', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: school.mailFrom, ConfigurationSetAttributes: Match.anyValue() });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
    });
  });
});
