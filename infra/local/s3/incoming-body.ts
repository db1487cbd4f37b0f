/**
 * A request body on its way to the store, checked as S3 checks it: the declared length (50 MB at
 * most here), the `x-amz-content-sha256` hash it was signed with, `Content-MD5`, and an
 * `x-amz-checksum-*` value in a header or an aws-chunked trailer (CRC32, SHA-1, SHA-256 verified;
 * CRC32C and CRC64NVME accepted unverified). A failed check fails the stream, so nothing is stored.
 * The MD5 (the ETag) and the verified checksum are known once the stream has ended.
 */
import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { headerValue } from '../sigv4.ts';
import { STREAMING_UNSIGNED_TRAILER, type Authenticated } from './auth.ts';
import { AwsChunkedDecoder } from './aws-chunked.ts';
import { invalidArgument, S3Error } from './errors.ts';

export type ChecksumAlgorithm = 'crc32' | 'sha1' | 'sha256';
export type StoredChecksum = { algorithm: ChecksumAlgorithm; value: string };
export type BodyDigest = { size: number; md5Hex: string; checksum?: StoredChecksum };

const VERIFIED: ChecksumAlgorithm[] = ['crc32', 'sha1', 'sha256'];
const CHECKSUM_HEADERS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'].map((a) => `x-amz-checksum-${a}`);

export const entityTooLarge = (proposed: number, max: number) =>
  new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    ProposedSize: String(proposed),
    MaxSizeAllowed: String(max),
  });

/** Checks what the headers declare at once (411, 400 EntityTooLarge …); the rest as the body streams. */
export function incomingBody(
  req: IncomingMessage,
  auth: Authenticated,
  maxBytes: number,
  lengthRequired = true,
): { stream: Readable; digest: () => BodyDigest } {
  const encodings = (headerValue(req.headers, 'content-encoding') ?? '').split(',').map((e) => e.trim().toLowerCase());
  const chunked = auth.payloadHash === STREAMING_UNSIGNED_TRAILER || encodings.includes('aws-chunked');
  const lengthHeader = chunked ? 'x-amz-decoded-content-length' : 'content-length';
  const lengthText = headerValue(req.headers, lengthHeader);
  if (lengthText === undefined && (lengthRequired || chunked)) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
  }
  if (lengthText !== undefined && !/^\d+$/.test(lengthText)) throw invalidArgument(`Invalid ${lengthHeader}`, lengthHeader, lengthText);
  const declared = Number(lengthText ?? 0);
  if (declared > maxBytes) throw entityTooLarge(declared, maxBytes);

  const md5 = createHash('md5');
  const sha256 = /^[0-9a-f]{64}$/.test(auth.payloadHash) ? createHash('sha256') : undefined;
  const contentMd5 = headerValue(req.headers, 'content-md5');
  if (contentMd5 !== undefined && Buffer.from(contentMd5, 'base64').length !== 16) {
    throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': contentMd5 });
  }
  // The checksum comes in a header, or is announced by x-amz-trailer and follows the body.
  const trailerName = chunked ? headerValue(req.headers, 'x-amz-trailer')?.trim().toLowerCase() : undefined;
  const checksumName = trailerName ?? CHECKSUM_HEADERS.find((name) => req.headers[name] !== undefined);
  const algorithm = VERIFIED.find((a) => checksumName === `x-amz-checksum-${a}`);
  const checksum = algorithm ? createChecksum(algorithm) : undefined;

  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  let size = 0;
  let digest: BodyDigest | undefined;
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (size > declared) return callback(size > maxBytes ? entityTooLarge(size, maxBytes) : incomplete());
      md5.update(chunk);
      sha256?.update(chunk);
      checksum?.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      try {
        if (size !== declared) throw incomplete();
        const md5Digest = md5.digest();
        if (sha256) {
          const computed = sha256.digest('hex');
          if (computed !== auth.payloadHash) {
            throw new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
              ClientComputedContentSHA256: auth.payloadHash,
              S3ComputedContentSHA256: computed,
            });
          }
        }
        if (contentMd5 !== undefined && !Buffer.from(contentMd5, 'base64').equals(md5Digest)) {
          throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
            ExpectedDigest: contentMd5,
            CalculatedDigest: md5Digest.toString('base64'),
          });
        }
        let stored: StoredChecksum | undefined;
        if (checksumName !== undefined) {
          const given = trailerName ? decoder?.trailers.get(trailerName) : headerValue(req.headers, checksumName);
          if (given === undefined) throw new S3Error('IncompleteBody', `The trailing header ${checksumName} was declared but not sent.`, 400);
          if (algorithm && checksum) {
            const computed = checksum.digest();
            if (computed !== given) {
              throw new S3Error('BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`, 400);
            }
            stored = { algorithm, value: computed };
          }
        }
        digest = { size, md5Hex: md5Digest.toString('hex'), ...(stored ? { checksum: stored } : {}) };
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  const stream = decoder ? req.pipe(decoder).pipe(verifier) : req.pipe(verifier);
  // pipe() forwards data, not failures: a client that goes away must fail the write.
  req.once('close', () => {
    if (!req.complete) verifier.destroy(new Error('the client closed the request before its end'));
  });
  decoder?.once('error', (error) => verifier.destroy(error));
  return {
    stream,
    digest: () => {
      if (!digest) throw new Error('the body has not been read to its end');
      return digest;
    },
  };
}

const incomplete = () =>
  new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);

function createChecksum(algorithm: ChecksumAlgorithm): { update(chunk: Buffer): void; digest(): string } {
  if (algorithm === 'crc32') {
    let value = 0;
    return {
      update: (chunk) => void (value = crc32(chunk, value)),
      digest: () => {
        const out = Buffer.alloc(4);
        out.writeUInt32BE(value >>> 0);
        return out.toString('base64');
      },
    };
  }
  const hash: Hash = createHash(algorithm);
  return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest('base64') };
}
