/**
 * The S3 client (module scope; the endpoint from the environment, as in dynamo-client.ts).
 * Path-style addresses (`<endpoint>/<bucket>/<key>`): the local stand-in is one path of the
 * stack's port, which no `<bucket>.<host>` name reaches; S3 in AWS answers path-style as well.
 */
import { S3Client } from '@aws-sdk/client-s3';

/**
 * Checksums only where S3 requires them: otherwise the SDK signs a CRC32 of an empty body into
 * every presigned PUT (`x-amz-checksum-crc32=AAAAAA==`), which the browser's real body would not
 * match — S3 and its compatibles disagree on whether they then refuse the upload.
 */
export const s3 = new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
