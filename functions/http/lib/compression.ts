import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { HttpEvent, HttpResult } from './types.ts';

/** Below this an answer goes as it is: compressing a few hundred bytes saves nothing. */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * The API's answers compressed when the caller accepts it (brotli, else gzip): API Gateway's
 * HTTP API does not compress, and CloudFront does not compress the uncached `/api/*` behaviour
 * (its cache policy has compression off; the origin request policy forwards Accept-Encoding). A
 * class journal's 150 KB of JSON becomes ~10 KB. The body goes base64 with `isBase64Encoded`,
 * which API Gateway (and the local gateway) send as bytes.
 */
export function compressed(event: HttpEvent, result: HttpResult): HttpResult {
  if (result.isBase64Encoded || result.headers['content-encoding'] || Buffer.byteLength(result.body) < MIN_COMPRESS_BYTES) return result;
  const accepted = acceptedEncodings(event.headers?.['accept-encoding']);
  const encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
  if (!encoding) return { ...result, headers: { ...result.headers, vary: 'accept-encoding' } };
  const body =
    encoding === 'br'
      ? brotliCompressSync(result.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
      : gzipSync(result.body, { level: 6 });
  return {
    ...result,
    body: body.toString('base64'),
    isBase64Encoded: true,
    headers: { ...result.headers, 'content-encoding': encoding, vary: 'accept-encoding' },
  };
}

/** The codings named in Accept-Encoding without `q=0`. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    out.add(name);
  }
  return out;
}
