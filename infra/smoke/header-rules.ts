/**
 * What the site's answers must carry, as pure functions of header values: the security headers
 * CloudFront adds in AWS (infra/lib/web-site.ts) and the local site adds alike
 * (infra/local/static-site.ts), and how long the entry files may be cached.
 */

/** Longest a page may be cached without asking again: after a deploy users get the new site within this. */
const SHORT_CACHE_SECONDS = 300;
/** HSTS shorter than a year is forgotten between school holidays; the stack sends 730 days. */
const MIN_HSTS_SECONDS = 365 * 24 * 3600;
/** Referrer policies that do not hand the journal's paths (ids of classes, lessons) to other sites. */
const SAFE_REFERRER_POLICIES = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);

/**
 * index.html and config.json must be revalidated (or kept only briefly): a long-cached index.html
 * keeps loading the previous release's assets after a deploy. A missing Cache-Control is not
 * short: CloudFront's caching policy then keeps the object for its default TTL (a day).
 */
export function isShortCache(cacheControl: string | undefined): boolean {
  if (!cacheControl) return false;
  const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
  if (directives.includes('immutable')) return false;
  if (directives.includes('no-cache') || directives.includes('no-store')) return true;
  const maxAge = directives.map((d) => /^(?:s-)?max-age=(\d+)$/.exec(d)?.[1]).filter((v) => v !== undefined).map(Number);
  return maxAge.length > 0 && Math.max(...maxAge) <= SHORT_CACHE_SECONDS;
}

export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    // The first occurrence of a directive wins, as browsers do.
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Problems of a Content-Security-Policy; empty when it keeps scripts, frames and plugins to the site. */
export function cspProblems(policy: string | undefined): string[] {
  if (!policy) return ['no content-security-policy'];
  const csp = parseCsp(policy);
  const problems: string[] = [];
  const defaults = csp.get('default-src');
  if (!defaults) problems.push('CSP without default-src');
  else if (defaults.includes('*')) problems.push('CSP default-src allows *');
  const scripts = csp.get('script-src') ?? defaults ?? [];
  const loose = scripts.filter((s) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'].includes(s.toLowerCase()));
  if (loose.length) problems.push(`CSP script-src allows ${loose.join(' ')}`);
  const ancestors = csp.get('frame-ancestors');
  if (!ancestors || !(ancestors.join(' ') === "'none'" || ancestors.join(' ') === "'self'")) {
    problems.push(`CSP frame-ancestors is ${ancestors ? ancestors.join(' ') : 'missing'} (want 'none')`);
  }
  const objects = csp.get('object-src') ?? defaults ?? [];
  if (objects.join(' ') !== "'none'" && objects.join(' ') !== "'self'") problems.push(`CSP object-src is ${objects.join(' ') || 'missing'}`);
  return problems;
}

/** max-age of a Strict-Transport-Security value, or undefined when there is none. */
export function hstsMaxAge(value: string | undefined): number | undefined {
  const match = value && /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

export type HeaderGetter = (name: string) => string | undefined;

/**
 * The page's security headers: CSP, nosniff, no framing, a referrer policy that keeps paths
 * in the site, and over HTTPS a year or more of HSTS (over plain HTTP browsers ignore HSTS, and
 * the local stack, which is HTTP, does not send it).
 */
export function securityHeaderProblems(get: HeaderGetter, https: boolean): string[] {
  const problems = cspProblems(get('content-security-policy'));
  const nosniff = get('x-content-type-options');
  if (nosniff?.toLowerCase() !== 'nosniff') problems.push(`x-content-type-options is ${nosniff ?? 'missing'}`);
  const frames = get('x-frame-options');
  if (!frames || !['deny', 'sameorigin'].includes(frames.toLowerCase())) problems.push(`x-frame-options is ${frames ?? 'missing'}`);
  const referrer = get('referrer-policy');
  // A list names fallbacks for old browsers; the last one a browser knows applies.
  const effective = referrer?.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean).at(-1);
  if (!effective || !SAFE_REFERRER_POLICIES.has(effective)) problems.push(`referrer-policy is ${referrer ?? 'missing'}`);
  if (https) problems.push(...hstsProblems(get('strict-transport-security')));
  return problems;
}

export function hstsProblems(value: string | undefined): string[] {
  const maxAge = hstsMaxAge(value);
  if (maxAge === undefined) return ['no strict-transport-security'];
  return maxAge < MIN_HSTS_SECONDS ? [`strict-transport-security max-age=${maxAge} (under a year)`] : [];
}
