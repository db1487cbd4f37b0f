import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSite } from '#infra/local/static-site.ts';

/** The local site is compressed like CloudFront's (`compress: true`): text files, when the browser accepts it. */
let port = 0;
const server = createServer((req, res) => void createStaticSite(root)(req, res));
const root = mkdtempSync(join(tmpdir(), 'klassny-site-'));
beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), `<!doctype html><title>Журнал</title>${'<p>Классный журнал</p>'.repeat(200)}`);
  writeFileSync(join(root, 'assets', 'app.js'), `console.log(${JSON.stringify('x'.repeat(5000))});`);
  writeFileSync(join(root, 'assets', 'tiny.css'), 'a{}');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local site is compressed as CloudFront compresses it', () => {
  it('brotli when accepted, gzip otherwise, none when not asked; the bytes decode to the file', async () => {
    const br = await get('/', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString('utf8')).toContain('Классный журнал');
    const gz = await get('/assets/app.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).length).toBeGreaterThan(5000);
    expect(gz.body.length).toBeLessThan(500);
    const plain = await get('/assets/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
  });

  it('a tiny file goes as it is; a malformed path is a 404, not a crash', async () => {
    expect((await get('/assets/tiny.css', 'br')).headers['content-encoding']).toBeUndefined();
    expect((await get('/%zz', 'br')).status).toBe(404);
  });
});
