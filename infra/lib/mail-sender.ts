/**
 * Outgoing e-mail through SES: the school's sender address as a verified identity, and a
 * configuration set every message goes through (TLS required to the receiving server, bounces and
 * complaints suppressed, reputation tracked).
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export type MailSenderProps = {
  schoolId: string;
  /** The From address (school config `mailFrom`). */
  mailFrom: string;
};

export class MailSender extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  private readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: MailSenderProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `klassny-${props.schoolId}`,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      sendingEnabled: true,
    });

    // An address identity: SES mails a confirmation link to it after the first deploy. A school that
    // controls its mail domain can verify the domain (DKIM) instead; see docs/deploy.md.
    this.identity = new ses.EmailIdentity(this, 'Sender', {
      identity: ses.Identity.email(props.mailFrom),
      configurationSet: this.configurationSet,
    });
  }

  /** SendEmail from the school's address only, through its configuration set. */
  grantSend(grantee: iam.IGrantable): void {
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          this.identity.emailIdentityArn,
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.mailFrom } },
      }),
    );
  }
}
