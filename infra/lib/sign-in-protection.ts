/**
 * Sign-in protection in front of the user pool: a regional AWS WAF web ACL associated with the
 * pool. Cognito's own lockout limits guesses per login; this limits them per address, so one
 * machine cannot try one common password against every login of the school (password spraying),
 * and it turns away addresses Amazon's threat intelligence knows for bots and attacks.
 *
 * Rules, in order:
 * 1. `AWS-AWSManagedRulesAmazonIpReputationList` (AWS managed, blocking): addresses seen in
 *    botnets, scanning and DDoS.
 * 2. `SignInPerAddress` (rate-based, per IP): more than RATE_LIMITS.signInPerAddress.limit
 *    InitiateAuth/RespondToAuthChallenge calls in the window get 429 with a Cognito-style JSON
 *    body, the same as the local stand-in (infra/local/sign-in-rate-limit.ts) answers.
 *
 * Every other request is allowed. Metrics and sampled requests are on for each rule; the log
 * group `aws-waf-logs-klassny-<school>-<stack uuid>` keeps blocked and counted requests only.
 */
import { ArnFormat, Aws, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { RATE_LIMITS, SIGN_IN_LIMITED_RESPONSE, SIGN_IN_TARGETS } from '../../shared/config/access-settings.ts';

/** The evaluation windows AWS WAF's rate-based rules support. */
const WAF_WINDOWS_SECONDS: readonly number[] = [60, 120, 300, 600];
/** AWS WAF's smallest rate limit. */
const WAF_MIN_LIMIT = 10;

export const IP_REPUTATION_RULE = 'AWS-AWSManagedRulesAmazonIpReputationList';
export const SIGN_IN_RATE_RULE = 'SignInPerAddress';
const LIMITED_BODY_KEY = 'TooManyRequests';

export type SignInProtectionProps = {
  schoolId: string;
  userPool: IUserPool;
  /** Defaults to RATE_LIMITS.signInPerAddress. */
  limit?: { limit: number; windowSeconds: number };
};

export class SignInProtection extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly association: wafv2.CfnWebACLAssociation;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SignInProtectionProps) {
    super(scope, id);
    const { limit, windowSeconds } = props.limit ?? RATE_LIMITS.signInPerAddress;
    if (!WAF_WINDOWS_SECONDS.includes(windowSeconds)) {
      throw new Error(`Sign-in rate window ${windowSeconds} s: AWS WAF supports ${WAF_WINDOWS_SECONDS.join(', ')} s only`);
    }
    if (!Number.isInteger(limit) || limit < WAF_MIN_LIMIT) {
      throw new Error(`Sign-in rate limit ${limit}: AWS WAF needs a whole number of at least ${WAF_MIN_LIMIT}`);
    }
    const metric = (name: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `klassny-${props.schoolId}-${name}`,
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `klassny-${props.schoolId}-user-pool`,
      description: `Klassny ${props.schoolId}: sign-in limit per address and IP reputation in front of the user pool`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric('user-pool'),
      customResponseBodies: {
        [LIMITED_BODY_KEY]: { contentType: 'APPLICATION_JSON', content: JSON.stringify(SIGN_IN_LIMITED_RESPONSE.body) },
      },
      rules: [
        {
          // Blocking, not counting: the lists name addresses that are actively used for bots,
          // reconnaissance and attacks, and their false-positive rate is low by design; sign-in is
          // the one public part of the journal where such traffic can do harm. Blocks show in
          // the metrics, sampled requests and the log group, so a wrongly blocked network is
          // visible (docs/deploy.md says how to switch this rule to counting).
          name: IP_REPUTATION_RULE,
          priority: 0,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' } },
          visibilityConfig: metric('ip-reputation'),
        },
        {
          name: SIGN_IN_RATE_RULE,
          priority: 1,
          action: { block: { customResponse: { responseCode: SIGN_IN_LIMITED_RESPONSE.status, customResponseBodyKey: LIMITED_BODY_KEY } } },
          statement: {
            rateBasedStatement: {
              limit,
              evaluationWindowSec: windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: SIGN_IN_TARGETS.map((target) => ({
                    byteMatchStatement: {
                      // SingleHeader is untyped in CDK too: PascalCase. WAF compares header names case-insensitively.
                      fieldToMatch: { singleHeader: { Name: 'x-amz-target' } },
                      positionalConstraint: 'EXACTLY',
                      // Compared in lower case, so a differently cased target cannot slip past.
                      searchString: target.toLowerCase(),
                      textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                    },
                  })),
                },
              },
            },
          },
          visibilityConfig: metric('sign-in-per-address'),
        },
      ],
    });

    this.association = new wafv2.CfnWebACLAssociation(this, 'PoolAssociation', {
      resourceArn: props.userPool.userPoolArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF writes only to log groups named aws-waf-logs-*. The stack's UUID in the name keeps a
    // school that is deleted and deployed again (the group is retained) from colliding with its old group.
    const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: Fn.join('-', [`aws-waf-logs-klassny-${props.schoolId}`, stackUuid]),
      // Addresses are personal data: kept as long as the functions' logs.
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The ARN without the `:*` suffix of the log group's Arn attribute, as WAF documents it.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Only what WAF blocked or counted: allowed sign-ins are in the metrics and sampled requests.
      // (LoggingFilter is untyped in CDK and passed to CloudFormation as written: PascalCase.)
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
  }
}
