/**
 * The school's backups bucket (п. 7.1): the nightly export of the table (gzip'd NDJSON parts and a
 * manifest under `backups/<id>/`, functions/backup/) — the portable copy that can be restored into
 * any table, beside the point-in-time copies of PITR and AWS Backup (journal-table.ts).
 *
 * Private and TLS-only, encrypted with S3-managed keys, versioned; a backup moves to Infrequent
 * Access after 30 days (read once a month at most, by the drill) and is removed after 400 days,
 * which keeps every night of the last school year and more. Who may list, read or write is
 * declared in backups-access.ts; nobody may delete.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BACKUP_KEY_PREFIX, type BackupAccess } from './backups-access.ts';

export const BACKUP_TRANSITION_TO_IA = Duration.days(30);
export const BACKUP_EXPIRATION = Duration.days(400);
/** An overwritten or deleted object (nothing of ours does either) stays recoverable this long. */
export const BACKUP_NONCURRENT_EXPIRATION = Duration.days(30);

export type BackupsBucketProps = {
  /** Where S3 server access logs go: the stack's log bucket, as for the files bucket. */
  logBucket: s3.IBucket;
};

const OBJECT_ACTIONS: Record<Exclude<BackupAccess, 'list'>, string> = { read: 's3:GetObject', write: 's3:PutObject' };

export class BackupsBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: BackupsBucketProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // S3-managed keys, as the files bucket: encrypted at rest; access is decided by IAM on the
      // few roles granted (backups-access.ts). A KMS key would add its own policy and a charge
      // per request without keeping anyone out whom IAM lets in.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'backups-bucket/',
      lifecycleRules: [
        {
          id: 'age-backups',
          prefix: BACKUP_KEY_PREFIX,
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: BACKUP_TRANSITION_TO_IA }],
          expiration: BACKUP_EXPIRATION,
          noncurrentVersionExpiration: BACKUP_NONCURRENT_EXPIRATION,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          // Delete markers the expiration leaves behind, once nothing is under them.
          id: 'remove-expired-delete-markers',
          expiredObjectDeleteMarker: true,
        },
      ],
      // School data: kept when the stack is deleted, like the table and the files.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Exactly these accesses (backups-access.ts), under `backups/` only: ListBucket conditioned on
   * the prefix, GetObject/PutObject on `backups/*`. cdk-nag reports the object wildcard; it is
   * acknowledged on the grantee's role.
   */
  grantAccess(grantee: iam.IRole, accesses: readonly BackupAccess[]): void {
    if (accesses.length === 0) return;
    const objects = this.bucket.arnForObjects(`${BACKUP_KEY_PREFIX}*`);
    for (const access of accesses) {
      if (access === 'list') {
        grantee.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['s3:ListBucket'],
            resources: [this.bucket.bucketArn],
            conditions: { StringLike: { 's3:prefix': [`${BACKUP_KEY_PREFIX}*`] } },
          }),
        );
      } else {
        grantee.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [OBJECT_ACTIONS[access]], resources: [objects] }));
      }
    }
    if (accesses.some((access) => access !== 'list')) {
      const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
      Validations.of(grantee).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${BACKUP_KEY_PREFIX}*]`,
        reason:
          'Objects under backups/ of the school\'s backups bucket: each night\'s backup has its own folder and parts ' +
          '(backups/<id>/part-<n>.ndjson.gz, manifest.json), so the grant names the prefix (backups-access.ts).',
      });
    }
  }
}
