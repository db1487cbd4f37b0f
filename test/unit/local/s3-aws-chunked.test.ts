/**
 * The S3 stand-in's aws-chunked decoder (the framing the SDK uses for streamed uploads), fed in
 * every split a network may make.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder } from '#infra/local/s3/aws-chunked.ts';

const decode = async (pieces: Buffer[]) => {
  const decoder = new AwsChunkedDecoder();
  const body = await buffer(Readable.from(pieces).pipe(decoder));
  return { body: body.toString('latin1'), trailers: Object.fromEntries(decoder.trailers) };
};

describe('aws-chunked', () => {
  const encoded = Buffer.from('5\r\nhello\r\n7\r\n, world\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n', 'latin1');

  it('yields the body and the trailers, however the bytes arrive', async () => {
    for (const size of [1, 2, 3, 7, encoded.length]) {
      const pieces: Buffer[] = [];
      for (let i = 0; i < encoded.length; i += size) pieces.push(encoded.subarray(i, i + size));
      expect(await decode(pieces), `pieces of ${size}`).toEqual({ body: 'hello, world', trailers: { 'x-amz-checksum-crc32': 'NhCmhg==' } });
    }
  });

  it('takes a body without trailers', async () => {
    expect(await decode([Buffer.from('3\r\nabc\r\n0\r\n\r\n')])).toEqual({ body: 'abc', trailers: {} });
  });

  it('refuses a cut or malformed framing (IncompleteBody)', async () => {
    for (const bad of ['5\r\nhel', '5\r\nhelloXX', 'zz\r\nhello\r\n0\r\n\r\n', '3\r\nabc\r\n0\r\n\r\nextra', '3;chunk-signature=ab\r\nabc\r\n0\r\n\r\n']) {
      await expect(decode([Buffer.from(bad)]), bad).rejects.toMatchObject({ code: 'IncompleteBody', status: 400 });
    }
  });
});
