import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** The same security headers CloudFront adds in AWS (infra/lib), so the site behaves alike. */
export const siteSecurityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Text files CloudFront compresses (`compress: true` on the site's behaviour); images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest']);

/**
 * Serves the built web site (web/dist), as S3 + CloudFront do in AWS — compressed with brotli or
 * gzip when the browser accepts it, as CloudFront does (each file compressed once, kept while unchanged).
 */
export function createStaticSite(root: string) {
  const compressedCache = new Map<string, Buffer>();
  const compress = (file: string, mtimeMs: number, body: Buffer, encoding: 'br' | 'gzip'): Buffer => {
    const key = `${file}|${mtimeMs}|${encoding}`;
    let out = compressedCache.get(key);
    if (!out) {
      out = encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 });
      compressedCache.set(key, out);
    }
    return out;
  };
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return notFound(res);
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return notFound(res);
    try {
      const info = await stat(file);
      if (!info.isFile()) return notFound(res);
      const raw = await readFile(file);
      // Hashed assets never change; the entry page must always be fresh to pick up new ones.
      const immutable = path.startsWith('/assets/');
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = !COMPRESSIBLE.has(extname(file)) || raw.length < 1024 ? undefined : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : undefined;
      const body = encoding ? compress(file, info.mtimeMs, raw, encoding) : raw;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': String(body.length),
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...(COMPRESSIBLE.has(extname(file)) ? { vary: 'accept-encoding' } : {}),
        ...siteSecurityHeaders,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      notFound(res);
    }
  };
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...siteSecurityHeaders });
  res.end('Не найдено');
}
