/**
 * The school's people: a Cognito user pool (one per school), its role groups and the web client.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { roleSchema } from '../../shared/domain/role.ts';
import { PASSWORD_POLICY } from '../../shared/config/access-settings.ts';
import { PASSWORD_HISTORY_SIZE } from '../../shared/config/limits.ts';

export type UserDirectoryProps = {
  schoolId: string;
  /** `plus`: threat protection on (see config-from-context.ts); `essentials`: off, to save its price. */
  cognitoPlan: 'plus' | 'essentials';
};

/** The role groups; the names are the roles of shared/api/identity.ts, read from tokens' `cognito:groups`. */
export const ROLE_GROUPS: readonly string[] = roleSchema.options;

export class UserDirectory extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of the pool's tokens. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const plus = props.cognitoPlan === 'plus';

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `klassny-${props.schoolId}`,
      // People sign in with a login the school's operator gives them; children and many parents
      // have no e-mail address of their own, and an address must not double as a login.
      signInAliases: { username: true },
      signInCaseSensitive: false,
      // Accounts are created only by the school (operator), never by visitors.
      selfSignUpEnabled: false,
      // The one policy of shared/config/access-settings.ts, also applied by the local emulator
      // and checked by the API and the web's forms before they call Cognito.
      passwordPolicy: {
        ...PASSWORD_POLICY,
        passwordHistorySize: PASSWORD_HISTORY_SIZE,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // No self-service recovery: it would need every child's and parent's e-mail address or
      // phone number in the pool (more personal data to hold and protect) and would let whoever
      // controls that mailbox take over a child's account. A forgotten password is reset by the
      // school's operator (AdminSetUserPassword) after checking who is asking, in person.
      accountRecovery: cognito.AccountRecovery.NONE,
      featurePlan: plus ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.issuerUrl = `https://${this.userPool.userPoolProviderUrl}`;

    for (const role of ROLE_GROUPS) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `Klassny role: ${role}` });
    }

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      // A browser cannot keep a secret.
      generateSecret: false,
      // USER_PASSWORD_AUTH (plus REFRESH_TOKEN_AUTH, which Cognito always allows): the same flow
      // works against the local identity stand-in, and it lets threat protection check the
      // password itself against known leaks (it cannot with SRP).
      authFlows: { userPassword: true },
      // The site signs in through the Cognito API, not the hosted UI: no OAuth flows or URLs.
      disableOAuth: true,
      // Access and ID tokens live 15 minutes: the API's JWT authorizer cannot see revocation or
      // group changes, so a removed role or a signed-out session stops working within 15 minutes.
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      // The refresh token lives 12 hours: one school day (lessons, then marking in the evening)
      // without signing in again, while a session left open on a shared classroom or library
      // computer is dead by the next morning.
      refreshTokenValidity: Duration.hours(12),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    if (plus) {
      // Threat protection's actions. Leaked passwords are blocked outright (the operator sets a
      // new one). For unusual sign-ins, users who set up TOTP are asked for it; users without it
      // are not blocked, because a whole class signing in from one school network looks unusual
      // too, and a blocked pupil in the middle of a lesson has no quick way back in.
      new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'ThreatProtection', {
        userPoolId: this.userPool.userPoolId,
        clientId: 'ALL',
        compromisedCredentialsRiskConfiguration: {
          eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
          actions: { eventAction: 'BLOCK' },
        },
        accountTakeoverRiskConfiguration: {
          actions: {
            lowAction: { eventAction: 'NO_ACTION', notify: false },
            mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
            highAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          },
        },
      });
    } else {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'The deployer chose -c cognitoPlan=essentials: the Plus plan (threat protection) is billed per monthly active user ' +
          'with no free tier, which a school may not afford for every pupil and parent. Strong password policy, optional TOTP ' +
          'and Cognito\'s built-in sign-in lockout stay on. The default deployment uses Plus.',
      });
    }

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP only, no SMS): pupils from 7 years old and many parents have no authenticator app, and ' +
        'an account locked behind a lost phone would have to be recovered by the operator anyway. Staff are asked to ' +
        'enable TOTP; threat protection asks for it on unusual sign-ins of users who did.',
    });
  }

  /**
   * Records every completed password sign-in (functions/identity/record-sign-in.ts; the usage
   * report, п. 5.10): the post-authentication trigger. Not fired by token refreshes. Added by the
   * stack once the table exists; the function must not name the pool (a cycle, see triggerEnvSchema).
   */
  recordSignInsWith(fn: lambda.IFunction): void {
    this.userPool.addTrigger(cognito.UserPoolOperation.POST_AUTHENTICATION, fn);
  }
}
