/**
 * The school's files: homework (PDF, office documents, images; ≤ 10 MB each) that teachers'
 * browsers upload straight to S3 with presigned PUT URLs and that students, parents and teachers
 * download with short-lived presigned GET URLs. Files never pass through API Gateway (10 MB
 * payload limit, base64) or a function's memory: the journal copies a checked upload from
 * `pending/<uploadId>` to `homework/<lessonId>/<fileId>` inside S3.
 *
 * Who may do what is declared per area in files-access.ts (decision 31).
 *
 * The bucket's name is fixed before the bucket exists (`filesBucketName`), because the site's
 * Content-Security-Policy must name the bucket while the bucket's CORS names the site's origin:
 * with a generated name, bucket → distribution (CORS) and distribution → response headers policy →
 * bucket (CSP) would be a CloudFormation dependency cycle. A name built from the school id and
 * the stack's own id breaks it: the CSP references no resource, only AWS::StackId.
 */
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { FILE_KEY_PREFIXES, type FileGrant } from './files-access.ts';

/** How long an upload may wait under `pending/` before S3 removes it (the journal copies it within seconds). */
export const PENDING_UPLOAD_EXPIRATION = Duration.days(1);
/** How long a replaced or deleted file stays recoverable: a teacher's mistake is undone within a month. */
export const NONCURRENT_VERSION_EXPIRATION = Duration.days(30);

/**
 * What the browser sends with a presigned PUT besides the signed query string: content-type and
 * `if-none-match: *` (both signed, so the upload cannot overwrite or change type), and whatever
 * `x-amz-*` headers the signer included (e.g. checksums). content-length is set by the browser
 * itself and never appears in a preflight.
 */
export const FILES_CORS_ALLOWED_HEADERS = ['content-type', 'if-none-match', 'x-amz-*'] as const;

/**
 * `klassny-<schoolId>-files-<first 8 hex digits of the stack's UUID>`: unique per deployed stack
 * (bucket names are global; another account, or this school's stack deleted and created again
 * while its retained bucket still exists, gets another name), at most 55 characters (schoolId ≤ 32),
 * readable in the console, and known without referring to the bucket resource.
 */
export function filesBucketName(scope: Construct, schoolId: string): string {
  // AWS::StackId is arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>.
  const stackUuid = Fn.select(2, Fn.split('/', Stack.of(scope).stackId));
  return `klassny-${schoolId}-files-${Fn.select(0, Fn.split('-', stackUuid))}`;
}

/**
 * The CSP `connect-src` sources the browser's upload `fetch` needs: the bucket's regional
 * virtual-hosted endpoint, and the regional endpoint limited to the bucket's path, because the
 * functions presign path-style URLs (`forcePathStyle`: `https://s3.<region>.amazonaws.com/<bucket>/<key>`).
 */
export function filesConnectSources(scope: Construct, bucketName: string): string[] {
  const stack = Stack.of(scope);
  const regionalEndpoint = `s3.${stack.region}.${stack.urlSuffix}`;
  return [`https://${bucketName}.${regionalEndpoint}`, `https://${regionalEndpoint}/${bucketName}/`];
}

export type FilesBucketProps = {
  /** From `filesBucketName`, the same name the site's CSP was given. */
  bucketName: string;
  /** The site's origin (`https://<custom domain or CloudFront domain>`), the only one CORS allows. */
  siteOrigin: string;
  /** Where S3 server access logs go: the stack's log bucket, as for the site bucket. */
  logBucket: s3.IBucket;
};

export class FilesBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: FilesBucketProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // ACLs off: every object belongs to the bucket's account whoever uploaded it; an upload
      // carrying an ACL header other than bucket-owner-full-control is refused.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // S3-managed keys, not KMS: KMS bills every upload and download (and a presigned URL's
      // signer would also need kms:Decrypt/GenerateDataKey in the key policy); the data is
      // encrypted at rest either way and access is decided by IAM on the functions' roles.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: 'files-bucket/',
      lifecycleRules: [
        {
          // Uploads never attached to a lesson (abandoned, or refused by the API's check), and
          // the old version the journal's delete leaves behind after copying one.
          id: 'expire-pending-uploads',
          prefix: FILE_KEY_PREFIXES.pending,
          expiration: PENDING_UPLOAD_EXPIRATION,
          noncurrentVersionExpiration: PENDING_UPLOAD_EXPIRATION,
        },
        {
          // Replaced or deleted homework stays recoverable for a month, then goes; so do the
          // delete markers left with nothing behind them, and any abandoned multipart upload.
          id: 'expire-old-versions',
          noncurrentVersionExpiration: NONCURRENT_VERSION_EXPIRATION,
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        {
          id: 'site-uploads-and-downloads',
          allowedOrigins: [props.siteOrigin],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
          allowedHeaders: [...FILES_CORS_ALLOWED_HEADERS],
          // Lets the page read the ETag S3 answers an upload with.
          exposedHeaders: ['ETag'],
          maxAge: Duration.hours(1).toSeconds(),
        },
      ],
      // School data: kept when the stack is deleted, like the table.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Exactly these object actions under these prefixes (files-access.ts), nothing on the bucket
   * itself (no ListBucket). cdk-nag reports the `<prefix>*` object wildcards; each is acknowledged
   * on the grantee's role, only for the prefixes it is granted.
   */
  grantObjectAccess(grantee: iam.IRole, grants: readonly FileGrant[]): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    const prefixes = new Set<string>();
    for (const grant of grants) {
      const resources = grant.prefixes.map((prefix) => this.bucket.arnForObjects(`${FILE_KEY_PREFIXES[prefix]}*`));
      grantee.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [grant.action], resources }));
      for (const prefix of grant.prefixes) prefixes.add(FILE_KEY_PREFIXES[prefix]);
    }
    for (const prefix of prefixes) {
      Validations.of(grantee).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason:
          `Objects under ${prefix} of the school's files bucket: keys are made per upload and per file ` +
          '(pending/<uploadId>, homework/<lessonId>/<fileId>), so the grant names the prefix (files-access.ts).',
      });
    }
  }
}
