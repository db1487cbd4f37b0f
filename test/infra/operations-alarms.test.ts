/**
 * Alarms that reach a person (issue 12, part 3): the operations topic and its e-mail
 * subscription, every alarm sending ALARM and OK there, what each watches, the dashboard, and the
 * release the stack carries.
 */
import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { BUSINESS_METRICS, METRICS_NAMESPACE } from '../../shared/config/business-metrics.ts';
import { RELEASE_PATTERN } from '../../infra/lib/release.ts';
import { referencedId, resourcesOf, synthSchool } from './support.ts';

const { template, stack, release } = synthSchool();

type AlarmProps = {
  AlarmName: string;
  AlarmActions?: unknown[];
  OKActions?: unknown[];
  MetricName?: string;
  Namespace?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Metrics?: {
    Id: string;
    Expression?: string;
    MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions?: { Name: string; Value: unknown }[] } };
  }[];
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
};

const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map((r) => r.Properties as unknown as AlarmProps);
const alarm = (suffix: string): AlarmProps => {
  const found = alarms.find((a) => a.AlarmName === `klassny-demo-${suffix}`);
  if (!found) throw new Error(`no alarm klassny-demo-${suffix}; have ${alarms.map((a) => a.AlarmName).join(', ')}`);
  return found;
};
/** The one metric an alarm reads, whether written plainly or as a labelled metric query. */
const metricOf = (a: AlarmProps) => {
  if (a.MetricName) return { Namespace: a.Namespace, MetricName: a.MetricName, Dimensions: a.Dimensions };
  const stats = (a.Metrics ?? []).filter((m) => m.MetricStat);
  expect(stats, a.AlarmName).toHaveLength(1);
  const { Namespace, MetricName, Dimensions } = stats[0]!.MetricStat!.Metric;
  return { Namespace, MetricName, Dimensions };
};
const metricNamesOf = (a: AlarmProps): string[] =>
  a.MetricName ? [a.MetricName] : (a.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));

describe('the operations topic', () => {
  const topics = resourcesOf(template, 'AWS::SNS::Topic');
  const [topicId] = Object.keys(topics);

  it('is one topic with an e-mail subscription to the school file\'s operationsEmail', () => {
    expect(Object.keys(topics)).toHaveLength(1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@school.example',
      TopicArn: { Ref: topicId },
    });
  });

  it('receives ALARM and OK of every alarm of the stack', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(10);
    for (const a of alarms) {
      expect(a.AlarmActions?.map(referencedId), a.AlarmName).toEqual([topicId]);
      expect(a.OKActions?.map(referencedId), a.AlarmName).toEqual([topicId]);
    }
  });

  it('refuses publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('also gets AWS Backup\'s failed jobs from the vault', () => {
    template.hasResourceProperties('AWS::Backup::BackupVault', {
      Notifications: { SNSTopicArn: { Ref: topicId }, BackupVaultEvents: Match.arrayWith(['BACKUP_JOB_FAILED']) },
    });
  });
});

describe('the alarms', () => {
  it('watch failed scheduled runs', () => {
    expect(metricNamesOf(alarm('FailedRuns'))).toEqual(['ApproximateNumberOfMessagesVisible']);
  });

  it('watch the API\'s 5xx share, only with enough requests', () => {
    const a = alarm('ApiServerErrors');
    expect(metricNamesOf(a).sort()).toEqual(['5xx', 'Count']);
    expect(a.Metrics?.find((m) => m.Expression)?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(a.Threshold).toBe(5);
  });

  it('sum errors and throttles of every API function and the sign-in trigger', () => {
    const userFacing = stack.areaFunctions.size + 1;
    expect(metricNamesOf(alarm('FunctionErrors'))).toEqual(Array(userFacing).fill('Errors'));
    expect(metricNamesOf(alarm('FunctionThrottles'))).toEqual(Array(userFacing).fill('Throttles'));
  });

  it('watch DynamoDB throttles and system errors of the table', () => {
    expect(metricNamesOf(alarm('TableThrottles')).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    expect(new Set(metricNamesOf(alarm('TableSystemErrors')))).toEqual(new Set(['SystemErrors']));
  });

  it('say when AWS Backup completed nothing in a day, also when it reported nothing', () => {
    const a = alarm('BackupNotCompleted');
    expect(a).toMatchObject({ ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: 'breaching' });
    expect(metricOf(a)).toEqual({
      Namespace: 'AWS/Backup',
      MetricName: 'NumberOfBackupJobsCompleted',
      Dimensions: [{ Name: 'BackupVaultName', Value: expect.anything() }],
    });
  });

  it('watch SES bounces and complaints before AWS reviews the account', () => {
    expect(alarm('MailBounceRate').Threshold).toBe(0.04);
    expect(metricOf(alarm('MailBounceRate'))).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate' });
    expect(alarm('MailComplaintRate').Threshold).toBe(0.0008);
    expect(metricOf(alarm('MailComplaintRate'))).toMatchObject({ Namespace: 'AWS/SES', MetricName: 'Reputation.ComplaintRate' });
  });

  it('read the business metric MailsFailed the functions emit, for this school', () => {
    const metric = metricOf(alarm('MailsFailed'));
    expect(metric).toMatchObject({ Namespace: METRICS_NAMESPACE, MetricName: BUSINESS_METRICS.mailsFailed });
    expect(metric.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'service', Value: 'klassny' },
        { Name: 'school', Value: 'demo' },
      ]),
    );
  });
});

describe('the dashboard', () => {
  it('is named after the school and shows the alarms and every business metric', () => {
    const dashboards = Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]!.Properties!.DashboardName).toBe('klassny-demo');
    const body = JSON.stringify(dashboards[0]!.Properties!.DashboardBody);
    expect(body).toContain('"type\\":\\"alarm\\"');
    for (const name of Object.values(BUSINESS_METRICS)) expect(body, name).toContain(`\\"${name}\\"`);
  });
});

describe('the release', () => {
  it('is a stack tag, an output and every function\'s KLASSNY_VERSION', () => {
    expect(release).toMatch(RELEASE_PATTERN);
    expect(stack.tags.tagValues()).toMatchObject({ 'klassny:release': release });
    template.hasOutput('Release', { Value: release });
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function')).filter(
      (f) => (f.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables?.USER_POOL_ID,
    );
    expect(functions.length).toBeGreaterThan(10);
    for (const f of functions) {
      expect((f.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.KLASSNY_VERSION).toBe(release);
    }
  });

  it('can be named with -c release=…, and a malformed name stops the synth', () => {
    expect(synthSchool({ context: { release: 'v1.4.0' } }).release).toBe('v1.4.0');
    expect(() => synthSchool({ context: { release: 'v1 4' } })).toThrow(/Invalid release "v1 4"/);
  });
});
