/**
 * TLS as a visitor meets it: the certificate, the protocol, old protocols refused, and plain
 * HTTP sent on to HTTPS (CloudFront's REDIRECT_TO_HTTPS). An http:// target (the local stack)
 * has none of it: the checks are skipped with that reason and do not fail the run.
 */
import type { Check } from './checks.ts';
import { header, httpGet } from './http-get.ts';
import { evaluateLegacyTls, evaluateTls, inspectTls, probeLegacyTls } from './tls-probe.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

const NO_TLS = 'http:// target (the local stack): no TLS to check';
const port = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));

const tlsOfSite: Check = {
  name: 'tls',
  async run(ctx) {
    if (ctx.webUrl.protocol !== 'https:') return { ok: true, skipped: true, detail: NO_TLS };
    return evaluateTls(await inspectTls(ctx.webUrl.hostname, port(ctx.webUrl), tlsOptions(ctx)), new Date());
  },
};

/** The API's execute-api host has its own (AWS's) certificate. */
const tlsOfApi: Check = {
  name: 'tls-api-url',
  async run(ctx) {
    if (!ctx.apiUrl) return { ok: true, skipped: true, detail: 'no ApiUrl given' };
    if (ctx.apiUrl.protocol !== 'https:') return { ok: true, skipped: true, detail: NO_TLS };
    if (ctx.apiUrl.host === ctx.webUrl.host) return { ok: true, skipped: true, detail: 'same host as the site: see tls' };
    return evaluateTls(await inspectTls(ctx.apiUrl.hostname, port(ctx.apiUrl), tlsOptions(ctx)), new Date());
  },
};

const legacyTls: Check = {
  name: 'tls-legacy',
  async run(ctx) {
    if (ctx.webUrl.protocol !== 'https:') return { ok: true, skipped: true, detail: NO_TLS };
    return evaluateLegacyTls(await probeLegacyTls(ctx.webUrl.hostname, port(ctx.webUrl), ctx.signal), ctx.webUrl.hostname);
  },
};

/** http://<host>/ answers a redirect to https://<host>/ (the site's behaviour; /api/* is HTTPS only). */
const httpRedirect: Check = {
  name: 'http-redirect',
  async run(ctx): Promise<CheckOutcome> {
    if (ctx.webUrl.protocol !== 'https:') return { ok: true, skipped: true, detail: NO_TLS };
    const plainPort = ctx.options.plainHttpPort ?? (port(ctx.webUrl) === 443 ? 80 : undefined);
    if (plainPort === undefined) return { ok: true, skipped: true, detail: `https on port ${port(ctx.webUrl)}: no plain-HTTP port known to try` };
    const plain = new URL('/', ctx.webUrl);
    plain.protocol = 'http:';
    plain.port = plainPort === 80 ? '' : String(plainPort);
    const answer = await httpGet(plain, { signal: ctx.signal });
    const location = header(answer, 'location');
    const seen = `${plain.href} → ${answer.status} ${location ?? '(no location)'}`;
    if (![301, 302, 307, 308].includes(answer.status) || !location) return { ok: false, detail: `${seen} (want a redirect to https)` };
    const target = new URL(location, plain);
    if (target.protocol !== 'https:' || target.host !== ctx.webUrl.host) return { ok: false, detail: `${seen} (want ${ctx.webUrl.origin}/)` };
    return { ok: true, detail: seen };
  },
};

function tlsOptions(ctx: CheckContext) {
  return { signal: ctx.signal, ...(ctx.options.ca ? { ca: ctx.options.ca } : {}) };
}

/** In report order, after the HTTP checks. */
export const tlsChecks: Check[] = [tlsOfSite, tlsOfApi, legacyTls, httpRedirect];
