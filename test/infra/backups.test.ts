/**
 * Backups in the school stack (п. 7.1): the backups bucket and who may do what with it, the
 * backup jobs' table grants (the one Scan; the drill's scratch tables only) and their schedules.
 */
import { describe, expect, it } from 'vitest';
import { AREA_BACKUP_ACCESS, backupAccessOf, JOB_BACKUP_ACCESS } from '../../infra/lib/backups-access.ts';
import { BACKUP_EXPIRATION, BACKUP_NONCURRENT_EXPIRATION, BACKUP_TRANSITION_TO_IA } from '../../infra/lib/backups-bucket.ts';
import { DRILL_TABLE_SUFFIX, JOB_DRILL_TABLE_ACTIONS, JOB_TABLE_ACTIONS } from '../../infra/lib/table-access.ts';
import { schedules } from '../../functions/scheduled/schedules.ts';
import { partKey, manifestKey, drillResultKey } from '../../functions/backup/manifest.ts';
import { drillTableName } from '../../functions/backup/restore-drill.ts';
import { joinedText, logicalIdIn, referencedId, referencedIds, resourcesOf, synthSchool } from './support.ts';

const { template, stack } = synthSchool();
const idOf = (construct: { node: { defaultChild?: unknown } }) => logicalIdIn(stack, construct);
const bucketId = idOf(stack.backups.bucket);
const tableId = idOf(stack.data.table);
const bucket = resourcesOf(template, 'AWS::S3::Bucket')[bucketId]!;
const props = bucket.Properties!;

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'));
const statementsOfRole = (roleId: string): Statement[] =>
  policies
    .filter((policy) => referencedIds(policy.Properties!.Roles).has(roleId))
    .flatMap((policy) => (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
const actionsOf = (statement: Statement) => ([] as string[]).concat(statement.Action);
const resourcesText = (statement: Statement) => ([] as unknown[]).concat(statement.Resource).map(joinedText);

const productFunctions = [...stack.areaFunctions.entries(), ...stack.jobs.functions.entries()];
const job = (name: string) => stack.jobs.functions.get(name)!;

/** Every `action resource [condition]` a role is allowed on the backups bucket. */
function backupGrants(roleId: string): string[] {
  return statementsOfRole(roleId)
    .filter((statement) => referencedIds(statement.Resource).has(bucketId))
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      const condition = statement.Condition ? ` ${JSON.stringify(statement.Condition)}` : '';
      return actionsOf(statement).flatMap((action) => resourcesText(statement).map((resource) => `${action} ${resource}${condition}`));
    })
    .sort();
}

describe('the backups bucket', () => {
  it('is private, TLS only, encrypted, versioned and retained with the school\'s data', () => {
    expect(props.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(props.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(props.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.DeletionPolicy).toBe('Retain');
    const bucketPolicies = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).filter((p) => referencedId(p.Properties!.Bucket) === bucketId);
    const statements = bucketPolicies.flatMap((p) => (p.Properties!.PolicyDocument as { Statement: Statement[] }).Statement);
    // The bucket policy only denies plain HTTP; it allows nobody anything.
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements.every((s) => s.Effect === 'Deny')).toBe(true);
  });

  it('moves backups to Infrequent Access after 30 days, removes them after 400, old versions after 30', () => {
    const rules = (props.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toContainEqual({
      Id: 'age-backups',
      Prefix: 'backups/',
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
      ExpirationInDays: 400,
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
    });
    expect(rules).toContainEqual({ Id: 'remove-expired-delete-markers', Status: 'Enabled', ExpiredObjectDeleteMarker: true });
    expect([BACKUP_TRANSITION_TO_IA.toDays(), BACKUP_EXPIRATION.toDays(), BACKUP_NONCURRENT_EXPIRATION.toDays()]).toEqual([30, 400, 30]);
    // The lifecycle's prefix is where the backups are written.
    for (const key of [partKey('2026-05-14T0230Z', 1), manifestKey('2026-05-14T0230Z'), drillResultKey('2026-05-14T0230Z', '2026-06-02')]) {
      expect(key.startsWith('backups/2026-05-14T0230Z/')).toBe(true);
    }
  });

  it('writes server access logs to the stack\'s log bucket, like the files bucket', () => {
    expect(props.LoggingConfiguration).toEqual({ DestinationBucketName: { Ref: idOf(stack.site.logBucket) }, LogFilePrefix: 'backups-bucket/' });
  });

  it('is named to every function (BACKUPS_BUCKET) and in the stack\'s outputs', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    for (const [name, fn] of productFunctions) {
      const variables = (functions[idOf(fn.function)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.BACKUPS_BUCKET, name).toEqual({ Ref: bucketId });
    }
    template.hasOutput('BackupsBucketName', { Value: { Ref: bucketId } });
  });
});

describe('who may touch the backups', () => {
  const arn = `<${bucketId}.Arn>`;

  it('the export writes new objects under backups/ and nothing else; the drill lists, reads and writes there; nobody deletes', () => {
    expect(backupGrants(idOf(job('backup-table').role))).toEqual([`s3:PutObject ${arn}/backups/*`]);
    expect(backupGrants(idOf(job('restore-drill').role))).toEqual(
      [
        `s3:GetObject ${arn}/backups/*`,
        `s3:ListBucket ${arn} ${JSON.stringify({ StringLike: { 's3:prefix': ['backups/*'] } })}`,
        `s3:PutObject ${arn}/backups/*`,
      ].sort(),
    );
    expect(JOB_BACKUP_ACCESS).toEqual({ 'backup-table': ['write'], 'restore-drill': ['list', 'read', 'write'] });
    // Every function has exactly what backups-access.ts declares for it; no HTTP area may write.
    const declared = (accesses: readonly string[]) =>
      accesses
        .map((access) =>
          access === 'list'
            ? `s3:ListBucket ${arn} ${JSON.stringify({ StringLike: { 's3:prefix': ['backups/*'] } })}`
            : `s3:${access === 'read' ? 'GetObject' : 'PutObject'} ${arn}/backups/*`,
        )
        .sort();
    for (const [name, fn] of stack.jobs.functions) expect(backupGrants(idOf(fn.role)), name).toEqual(declared(backupAccessOf('job', name)));
    for (const [area, fn] of stack.areaFunctions) {
      expect(backupGrants(idOf(fn.role)), area).toEqual(declared(backupAccessOf('area', area)));
      expect(AREA_BACKUP_ACCESS[area] ?? [], area).not.toContain('write');
    }
    // No role of the stack may delete from it or use a wildcard action on it.
    for (const policy of policies) {
      for (const statement of (policy.Properties!.PolicyDocument as { Statement: Statement[] }).Statement) {
        if (!referencedIds(statement.Resource).has(bucketId)) continue;
        expect(actionsOf(statement).filter((a) => a.startsWith('s3:Delete') || a.endsWith('*'))).toEqual([]);
      }
    }
  });

  it('only the export scans the school\'s table, and it cannot write', () => {
    const scanners = productFunctions
      .filter(([, fn]) =>
        statementsOfRole(idOf(fn.role)).some((s) => referencedIds(s.Resource).has(tableId) && actionsOf(s).includes('dynamodb:Scan') && !resourcesText(s).some((r) => r.includes(DRILL_TABLE_SUFFIX))),
      )
      .map(([name]) => name);
    expect(scanners).toEqual(['backup-table']);
    expect(JOB_TABLE_ACTIONS['backup-table']).toEqual(['dynamodb:Scan']);
  });

  it('the drill may create, fill, read and delete `<table>-drill-*` tables and no other table', () => {
    const drillStatements = (roleId: string) => statementsOfRole(roleId).filter((s) => resourcesText(s).some((r) => r.includes(DRILL_TABLE_SUFFIX)));
    const statements = drillStatements(idOf(job('restore-drill').role));
    expect(statements).toHaveLength(1);
    expect(resourcesText(statements[0]!)).toEqual([`arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<${tableId}>-drill-*`]);
    expect(actionsOf(statements[0]!).sort()).toEqual([...JOB_DRILL_TABLE_ACTIONS['restore-drill']!].sort());
    // Its table actions on the school's own table are only the lease and the director's e-mail.
    const own = statementsOfRole(idOf(job('restore-drill').role)).filter((s) => referencedIds(s.Resource).has(tableId) && !statements.includes(s));
    expect([...new Set(own.flatMap(actionsOf))].sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    for (const [name, fn] of productFunctions) if (name !== 'restore-drill') expect(drillStatements(idOf(fn.role)), name).toEqual([]);
    // The name the drill makes matches the pattern, and the school's table name never does.
    expect(drillTableName('Klassny-demo-DataTable', '2026-06-02')).toBe(`Klassny-demo-DataTable${DRILL_TABLE_SUFFIX}2026-06-02`);
  });
});

describe('backup schedules', () => {
  const functions = resourcesOf(template, 'AWS::Lambda::Function');
  const scheduled = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).map((s) => s.Properties!);

  it('export nightly at 02:30 and drill on the 2nd of each month at 04:00, school time, with the time they need', () => {
    expect(scheduled.find((s) => s.Name === 'backup-table')).toMatchObject({ ScheduleExpression: 'cron(30 2 * * ? *)' });
    expect(scheduled.find((s) => s.Name === 'restore-drill')).toMatchObject({ ScheduleExpression: 'cron(0 4 2 * ? *)' });
    expect(functions[idOf(job('backup-table').function)]!.Properties!.Timeout).toBe(10 * 60);
    expect(functions[idOf(job('restore-drill').function)]!.Properties!.Timeout).toBe(15 * 60);
    expect(functions[idOf(job('deliver-mail').function)]!.Properties!.Timeout).toBe(4 * 60);
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['backup-table', 'restore-drill']));
  });
});
