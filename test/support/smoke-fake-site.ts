/**
 * A stand-in for a deployed school for the smoke test's own tests: the site, /config.json and
 * the API's public and guarded routes, answering as the stack does — with the local site's
 * security headers, plus HSTS over HTTPS as CloudFront adds it — unless told to get something
 * wrong (`faults`), so each check is seen to fail on its own.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { siteSecurityHeaders } from '#infra/local/static-site.ts';

export type Fault =
  | 'no-security-headers'
  | 'no-hsts'
  | 'long-cache'
  | 'no-asset'
  | 'config-incomplete'
  | 'other-version'
  | 'no-401'
  | 'slow-openapi'
  | 'no-redirect';

export const FAKE_VERSION = '2026.5.1';
const ASSET = '/assets/index-Ab12Cd34.js';

export type FakeSite = { url: string; port: number; faults: Set<Fault>; close(): Promise<void> };

function handler(faults: Set<Fault>, https: boolean) {
  const common = (): Record<string, string> => ({
    ...(faults.has('no-security-headers') ? {} : siteSecurityHeaders),
    ...(https && !faults.has('no-hsts') ? { 'strict-transport-security': 'max-age=63072000' } : {}),
  });
  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...common(), ...headers });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, payload: unknown) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(payload), { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  const version = () => (faults.has('other-version') ? '2026.4.9' : FAKE_VERSION);

  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    switch (path) {
      case '/':
        return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><title>Классный журнал</title><script type="module" crossorigin src="${ASSET}"></script><div id="app"></div>`, {
          'cache-control': faults.has('long-cache') ? 'public, max-age=86400' : 'no-cache',
        });
      case ASSET:
        if (faults.has('no-asset')) return send(res, 404, 'text/plain', 'Не найдено');
        return send(res, 200, 'text/javascript; charset=utf-8', 'console.log("журнал")', { 'cache-control': 'public, max-age=31536000, immutable' });
      case '/config.json': {
        const config = { apiUrl: '', region: 'eu-central-1', cognitoEndpoint: 'https://cognito-idp.eu-central-1.amazonaws.com/', userPoolId: 'eu-central-1_x', userPoolClientId: 'client', schoolName: 'Школа', timeZone: 'Europe/Moscow' };
        if (faults.has('config-incomplete')) delete (config as Partial<typeof config>).userPoolId;
        return send(res, 200, 'application/json', JSON.stringify(config), { 'cache-control': 'no-cache' });
      }
      case '/api/health':
        return json(res, 200, { status: 'ok', service: 'klassny', version: version(), time: new Date().toISOString() });
      case '/api/openapi.json':
        if (faults.has('slow-openapi')) return; // never answers; close() ends the connection
        return json(res, 200, { openapi: '3.1.0', info: { title: 'Klassny API', version: version() }, paths: { '/api/health': {}, '/api/me': {} } });
      case '/api/me':
        return faults.has('no-401') ? json(res, 200, { login: 'someone' }) : json(res, 401, { message: 'Unauthorized' });
      default:
        return send(res, 404, 'text/plain', 'Не найдено');
    }
  };
}

async function listen(server: Server, scheme: 'http' | 'https', faults: Set<Fault>): Promise<FakeSite> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function startFakeSite(faults: Set<Fault> = new Set()): Promise<FakeSite> {
  return listen(createHttpServer(handler(faults, false)), 'http', faults);
}

/** Over HTTPS with the given key and certificate (and TLS options, e.g. an old minVersion). */
export function startFakeHttpsSite(tls: ServerOptions, faults: Set<Fault> = new Set()): Promise<FakeSite> {
  return listen(createHttpsServer(tls, handler(faults, true)), 'https', faults);
}

/** Plain HTTP in front of an HTTPS site: a 301 to the same path there, as CloudFront's REDIRECT_TO_HTTPS (or, with 'no-redirect', the page itself). */
export function startRedirector(httpsPort: number, faults: Set<Fault>): Promise<FakeSite> {
  const page = handler(faults, false);
  const server = createHttpServer((req, res) => {
    if (faults.has('no-redirect')) return page(req, res);
    res.writeHead(301, { location: `https://127.0.0.1:${httpsPort}${req.url ?? '/'}`, 'content-length': '0' });
    res.end();
  });
  return listen(server, 'http', faults);
}
