/**
 * Decoder of S3's `aws-chunked` content encoding with unsigned chunks and trailing headers
 * (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`), which the SDK sends for a
 * streamed body: `<hex size>\r\n<bytes>\r\n` … `0\r\n` then `name:value\r\n` lines and `\r\n`.
 * The trailers (the checksum) are in `trailers` once the stream has ended.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './errors.ts';

const MAX_LINE = 4096;
const CRLF = Buffer.from('\r\n');

const malformed = () => new S3Error('IncompleteBody', 'The aws-chunked body is malformed or incomplete.', 400);

export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private pending: Buffer = Buffer.alloc(0);
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.consume();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.state === 'done' ? null : malformed());
  }

  private consume(): void {
    while (this.pending.length > 0) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') throw malformed();
      const end = this.pending.indexOf(CRLF);
      if (end < 0) {
        if (this.pending.length > MAX_LINE) throw malformed();
        return;
      }
      const line = this.pending.subarray(0, end).toString('latin1');
      this.pending = this.pending.subarray(end + 2);
      if (this.state === 'data-end') {
        if (line !== '') throw malformed();
        this.state = 'size';
      } else if (this.state === 'size') {
        // A chunk extension (`;chunk-signature=…`) belongs to signed chunks, refused before decoding.
        const size = /^[0-9a-fA-F]{1,8}$/.test(line) ? Number.parseInt(line, 16) : Number.NaN;
        if (Number.isNaN(size)) throw malformed();
        this.remaining = size;
        this.state = size === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        this.state = 'done';
      } else {
        const colon = line.indexOf(':');
        if (colon <= 0) throw malformed();
        this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    }
  }
}
