/**
 * The checks of the site and the API, each one request or two, each concluding from what the
 * server answered (status, header values) and saying so in its detail. They run against the
 * deployed stack (CloudFront in front of S3 and the HTTP API) and the local stack alike; where
 * the two differ on purpose (HSTS only over HTTPS) the check says which it applied.
 */
import { header, httpGet, type HttpAnswer } from './http-get.ts';
import { hstsMaxAge, hstsProblems, isShortCache, securityHeaderProblems } from './header-rules.ts';
import type { CheckContext, CheckOutcome } from './types.ts';

export type Check = { name: string; run: (ctx: CheckContext) => Promise<CheckOutcome> };

const get = (ctx: CheckContext, url: URL, headers?: Record<string, string>) =>
  httpGet(url, { signal: ctx.signal, ...(ctx.options.ca ? { ca: ctx.options.ca } : {}), ...(headers ? { headers } : {}) });
const site = (ctx: CheckContext, path: string) => new URL(path, ctx.webUrl);
const isHttps = (ctx: CheckContext) => ctx.webUrl.protocol === 'https:';
const fail = (detail: string): CheckOutcome => ({ ok: false, detail });
const brief = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text).replace(/\s+/g, ' ');

function parseJson(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    return undefined;
  }
}

/** `/`: the SPA's index.html, revalidated on every load so a deploy reaches users at once. */
const page: Check = {
  name: 'page',
  async run(ctx) {
    const answer = await get(ctx, site(ctx, '/'));
    const type = header(answer, 'content-type') ?? 'no content-type';
    const cache = header(answer, 'cache-control');
    const seen = `${answer.status} ${type}; cache-control: ${cache ?? 'none'}`;
    if (answer.status !== 200) return fail(`${seen}: ${brief(answer.body)}`);
    if (!type.startsWith('text/html')) return fail(`${seen}: not HTML`);
    if (!scriptAsset(answer.body)) return fail(`${seen}: no <script src> of the app in the page`);
    if (!isShortCache(cache)) return fail(`${seen}: cached long (a deploy would not reach users)`);
    return { ok: true, detail: seen };
  },
};

/** The first script the page loads (Vite's hashed entry under /assets/). */
export function scriptAsset(html: string): string | undefined {
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (src) return src;
  }
  return undefined;
}

/** A hashed asset named by index.html loads: the build was uploaded with the page that uses it. */
const asset: Check = {
  name: 'asset',
  async run(ctx) {
    const pageAnswer = await get(ctx, site(ctx, '/'));
    const src = pageAnswer.status === 200 ? scriptAsset(pageAnswer.body) : undefined;
    if (!src) return fail(`index.html: ${pageAnswer.status}, no script asset to load`);
    const url = new URL(src, site(ctx, '/'));
    const answer = await get(ctx, url);
    const type = header(answer, 'content-type') ?? 'no content-type';
    const seen = `${url.pathname} ${answer.status} ${type}, ${answer.body.length} bytes; cache-control: ${header(answer, 'cache-control') ?? 'none'}`;
    if (answer.status !== 200) return fail(seen);
    if (!/javascript/i.test(type)) return fail(`${seen}: not JavaScript`);
    if (answer.body.length === 0) return fail(`${seen}: empty`);
    return { ok: true, detail: seen };
  },
};

/** On the page: CSP, nosniff, no framing, the referrer policy, and HSTS when served over HTTPS. */
const securityHeaders: Check = {
  name: 'security-headers',
  async run(ctx) {
    const answer = await get(ctx, site(ctx, '/'));
    const h = (name: string) => header(answer, name);
    const problems = securityHeaderProblems(h, isHttps(ctx));
    if (problems.length) return fail(problems.join('; '));
    const hsts = isHttps(ctx) ? `HSTS max-age=${hstsMaxAge(h('strict-transport-security'))}` : 'HSTS not checked over http';
    return {
      ok: true,
      detail: `CSP ok (frame-ancestors, object-src, script-src); nosniff; x-frame-options ${h('x-frame-options')}; referrer-policy ${h('referrer-policy')}; ${hsts}`,
    };
  },
};

/** The fields the site reads at start (WebRuntimeConfig in infra/lib/web-site.ts). */
const CONFIG_FIELDS = ['region', 'cognitoEndpoint', 'userPoolId', 'userPoolClientId', 'schoolName', 'timeZone'] as const;

/** `/config.json`: written by the deploy, read by the site at start; must not be cached long either. */
const config: Check = {
  name: 'config',
  async run(ctx) {
    const answer = await get(ctx, site(ctx, '/config.json'));
    const cache = header(answer, 'cache-control');
    if (answer.status !== 200) return fail(`${answer.status}: ${brief(answer.body)}`);
    const json = parseJson(answer) as Record<string, unknown> | undefined;
    if (!json || typeof json !== 'object') return fail(`200 but not JSON: ${brief(answer.body)}`);
    // apiUrl is empty locally (the API is on the site's origin), the site's own address in AWS.
    const missing: string[] = [
      ...(typeof json.apiUrl === 'string' ? [] : ['apiUrl']),
      ...CONFIG_FIELDS.filter((f) => typeof json[f] !== 'string' || json[f] === ''),
    ];
    const seen = `«${String(json.schoolName)}», ${String(json.region)}, pool ${String(json.userPoolId)}, ${String(json.timeZone)}; cache-control: ${cache ?? 'none'}`;
    if (missing.length) return fail(`missing or empty: ${missing.join(', ')}; ${seen}`);
    if (!isShortCache(cache)) return fail(`${seen}: cached long (a new config would not reach users)`);
    return { ok: true, detail: seen };
  },
};

async function healthAt(ctx: CheckContext, url: URL): Promise<CheckOutcome> {
  const answer = await get(ctx, url);
  const json = parseJson(answer) as { status?: unknown; service?: unknown; version?: unknown; time?: unknown } | undefined;
  if (answer.status !== 200 || !json) return fail(`${url.href}: ${answer.status} ${brief(answer.body)}`);
  const seen = `${answer.status} status ${String(json.status)}, service ${String(json.service)}, version ${String(json.version)}`;
  if (json.status !== 'ok' || json.service !== 'klassny' || typeof json.version !== 'string') return fail(`${seen}: want status ok, service klassny`);
  if (typeof json.time !== 'string' || Number.isNaN(Date.parse(json.time))) return fail(`${seen}: no time`);
  const want = ctx.options.expectVersion;
  if (want !== undefined && json.version !== want) return fail(`${seen}: want version ${want} (the release deployed)`);
  return { ok: true, detail: want !== undefined ? `${seen} (as released)` : seen };
}

/** `/api/health` through the site's origin (CloudFront's `/api/*` behaviour in AWS). */
const health: Check = { name: 'health', run: (ctx) => healthAt(ctx, site(ctx, '/api/health')) };

/** `api/health` on the API's own stage URL, when the outputs name it. */
const healthApiUrl: Check = {
  name: 'health-api-url',
  async run(ctx) {
    if (!ctx.apiUrl) return { ok: true, skipped: true, detail: 'no ApiUrl given' };
    return healthAt(ctx, new URL('api/health', ctx.apiUrl));
  },
};

/** The API's answers carry the function's own headers (functions/http/lib/responses.ts), and HSTS from CloudFront over HTTPS. */
const apiHeaders: Check = {
  name: 'api-headers',
  async run(ctx) {
    const answer = await get(ctx, site(ctx, '/api/health'));
    const nosniff = header(answer, 'x-content-type-options');
    const cache = header(answer, 'cache-control');
    const problems: string[] = [];
    if (nosniff?.toLowerCase() !== 'nosniff') problems.push(`x-content-type-options is ${nosniff ?? 'missing'}`);
    if (!cache?.toLowerCase().includes('no-store')) problems.push(`cache-control is ${cache ?? 'missing'} (want no-store)`);
    if (isHttps(ctx)) problems.push(...hstsProblems(header(answer, 'strict-transport-security')));
    const seen = `/api/health ${answer.status}; x-content-type-options ${nosniff ?? 'none'}; cache-control ${cache ?? 'none'}`;
    return problems.length ? fail(`${problems.join('; ')}; ${seen}`) : { ok: true, detail: isHttps(ctx) ? `${seen}; HSTS` : seen };
  },
};

/** `/api/openapi.json`: the API description, generated from the contracts by the system function. */
const openapi: Check = {
  name: 'openapi',
  async run(ctx) {
    const answer = await get(ctx, site(ctx, '/api/openapi.json'));
    const json = parseJson(answer) as { openapi?: unknown; info?: { version?: unknown }; paths?: Record<string, unknown> } | undefined;
    if (answer.status !== 200 || !json) return fail(`${answer.status} ${brief(answer.body)}`);
    const paths = json.paths && typeof json.paths === 'object' ? Object.keys(json.paths) : [];
    const seen = `${answer.status} OpenAPI ${String(json.openapi)}, ${paths.length} paths, version ${String(json.info?.version)}`;
    if (typeof json.openapi !== 'string' || !json.openapi.startsWith('3.')) return fail(`${seen}: not an OpenAPI 3 document`);
    const missing = ['/api/health', '/api/me'].filter((p) => !paths.includes(p));
    if (missing.length) return fail(`${seen}: lacks ${missing.join(', ')}`);
    const want = ctx.options.expectVersion;
    if (want !== undefined && json.info?.version !== want) return fail(`${seen}: want version ${want}`);
    return { ok: true, detail: seen };
  },
};

/**
 * An authenticated operation («Мои данные», GET /api/me) without a token, and with a forged one:
 * API Gateway's JWT authorizer answers 401 {"message":"Unauthorized"} before any function runs.
 */
const unauthorized: Check = {
  name: 'unauthorized',
  async run(ctx) {
    const url = site(ctx, '/api/me');
    const none = await get(ctx, url);
    const forged = await get(ctx, url, { authorization: 'Bearer klassny-smoke.not-a.token' });
    const seen = `GET /api/me without a token: ${none.status} ${brief(none.body)}; with a forged token: ${forged.status}`;
    const message = (parseJson(none) as { message?: unknown } | undefined)?.message;
    if (none.status !== 401 || message !== 'Unauthorized') return fail(`${seen} (want 401 {"message":"Unauthorized"})`);
    if (forged.status !== 401) return fail(`${seen} (want 401)`);
    return { ok: true, detail: seen };
  },
};

/** In report order. */
export const httpChecks: Check[] = [page, asset, securityHeaders, config, health, healthApiUrl, apiHeaders, openapi, unauthorized];
