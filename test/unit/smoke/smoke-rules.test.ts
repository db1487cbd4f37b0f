/** The smoke test's judgements on what it saw, without a server: headers, handshakes, outputs files, the table. */
import { describe, expect, it } from 'vitest';
import { siteSecurityHeaders } from '#infra/local/static-site.ts';
import { cspProblems, isShortCache, securityHeaderProblems } from '#infra/smoke/header-rules.ts';
import { formatReport, wrap } from '#infra/smoke/report-table.ts';
import { readOutputs, SmokeInputError, targetFromUrl, targetsFromOutputs } from '#infra/smoke/targets.ts';
import { evaluateLegacyTls, evaluateTls } from '#infra/smoke/tls-probe.ts';

describe('headers', () => {
  it('index.html and config.json: revalidated or briefly cached is short; a day, immutable or nothing is long', () => {
    for (const v of ['no-cache', 'no-store', 'max-age=0, must-revalidate', 'public, max-age=60']) expect(isShortCache(v), v).toBe(true);
    for (const v of [undefined, '', 'public', 'max-age=86400', 'public, max-age=31536000, immutable', 'max-age=60, immutable']) expect(isShortCache(v), String(v)).toBe(false);
  });

  it('the CSP of the stack passes; loose scripts, framing and plugins do not', () => {
    expect(cspProblems(siteSecurityHeaders['content-security-policy'])).toEqual([]);
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors *; object-src 'none'")).toEqual([
      "CSP script-src allows 'unsafe-inline'",
      "CSP frame-ancestors is * (want 'none')",
    ]);
    expect(cspProblems("default-src *; frame-ancestors 'none'")).toEqual(['CSP default-src allows *', 'CSP script-src allows *', 'CSP object-src is *']);
  });

  it('HSTS is wanted over HTTPS only, for a year or more; the referrer policy must keep paths in the site', () => {
    const with_ = (extra: Record<string, string>) => (name: string) => ({ ...siteSecurityHeaders, ...extra })[name as keyof typeof siteSecurityHeaders];
    expect(securityHeaderProblems(with_({}), false)).toEqual([]);
    expect(securityHeaderProblems(with_({}), true)).toEqual(['no strict-transport-security']);
    expect(securityHeaderProblems(with_({ 'strict-transport-security': 'max-age=86400' }), true)).toEqual(['strict-transport-security max-age=86400 (under a year)']);
    expect(securityHeaderProblems(with_({ 'strict-transport-security': 'max-age=63072000', 'referrer-policy': 'unsafe-url' }), true)).toEqual(['referrer-policy is unsafe-url']);
    expect(securityHeaderProblems(with_({ 'referrer-policy': 'no-referrer, same-origin' }), false)).toEqual([]);
  });
});

describe('TLS, judged on what a handshake showed', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const seen = { authorized: true, protocol: 'TLSv1.3', subject: 'CN=journal.school.example', issuer: 'CN=Amazon RSA 2048 M02', validTo: 'Sep  1 12:00:00 2026 GMT' };

  it('trusted, TLS 1.2 or 1.3, more than 14 days left: ok, with what it saw', () => {
    expect(evaluateTls(seen, now)).toEqual({
      ok: true,
      detail: 'TLSv1.3, CN=journal.school.example, issued by CN=Amazon RSA 2048 M02, valid until 2026-09-01 (92 days)',
    });
    expect(evaluateTls({ ...seen, protocol: 'TLSv1.2' }, now).ok).toBe(true);
  });

  it('fails an untrusted certificate, an old protocol, and fewer than 14 days left', () => {
    expect(evaluateTls({ ...seen, authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID' }, now)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^certificate not trusted for the host: ERR_TLS_CERT_ALTNAME_INVALID; TLSv1\.3/),
    });
    expect(evaluateTls({ ...seen, protocol: 'TLSv1' }, now).detail).toMatch(/^protocol TLSv1 \(want TLSv1\.2 or TLSv1\.3\)/);
    expect(evaluateTls({ ...seen, validTo: 'Jun 14 00:00:00 2026 GMT' }, now)).toMatchObject({ ok: false, detail: expect.stringContaining('expires in 13 days (under 14)') });
    expect(evaluateTls({ ...seen, validTo: 'Jun 15 00:00:00 2026 GMT' }, now).ok).toBe(true);
  });

  it('an old-protocol client: refused is ok, accepted fails — except on CloudFront\'s own certificate, where it is reported', () => {
    expect(evaluateLegacyTls({ accepted: false, reason: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }, 'journal.school.example')).toEqual({
      ok: true,
      detail: 'TLS 1.0/1.1-only client refused (ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION)',
    });
    expect(evaluateLegacyTls({ accepted: true, protocol: 'TLSv1' }, 'journal.school.example').ok).toBe(false);
    expect(evaluateLegacyTls({ accepted: true, protocol: 'TLSv1' }, 'd1234abcd.cloudfront.net')).toMatchObject({ ok: true, skipped: true });
    expect(evaluateLegacyTls({ accepted: 'unknown', reason: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' }, 'journal.school.example')).toMatchObject({ ok: true, skipped: true });
  });
});

describe('targets', () => {
  const file = 'cdk-outputs.json';
  const sample = {
    'Klassny-balashov-7': {
      WebUrl: 'https://d111111abcdef8.cloudfront.net',
      ApiUrl: 'https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/',
      Release: '2026.05.01-3f2a1c9',
      UserPoolId: 'eu-central-1_AbCdEf',
      TableName: 'Klassny-balashov-7-JournalTable',
    },
    'Klassny-saratov-12': { WebUrl: 'https://journal.school12.example' },
  };

  it('one target per stack of `cdk deploy --outputs-file`, with its release', () => {
    expect(targetsFromOutputs(sample, file)).toEqual([
      { name: 'Klassny-balashov-7', webUrl: 'https://d111111abcdef8.cloudfront.net', apiUrl: 'https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/' },
      { name: 'Klassny-saratov-12', webUrl: 'https://journal.school12.example' },
    ]);
    expect(readOutputs(sample, file).map((e) => e.release)).toEqual(['2026.05.01-3f2a1c9', undefined]);
  });

  it('a stack without WebUrl, a bad URL or a file of something else is an error naming the file and the stack', () => {
    const fails = (json: unknown) => () => targetsFromOutputs(json, file);
    expect(fails({ ...sample, 'Klassny-x': { ApiUrl: 'https://a/' } })).toThrow(new SmokeInputError('cdk-outputs.json: stack Klassny-x has no WebUrl output'));
    expect(fails({ 'Klassny-x': { WebUrl: 'd111.cloudfront.net' } })).toThrow('cdk-outputs.json: Klassny-x.WebUrl is not a URL: "d111.cloudfront.net"');
    expect(fails({ 'Klassny-x': { WebUrl: 'https://a', ApiUrl: 'ftp://a/' } })).toThrow('Klassny-x.ApiUrl must be an http:// or https:// URL');
    expect(fails({})).toThrow('cdk-outputs.json: no stacks in it');
    expect(fails([])).toThrow('not the outputs of `cdk deploy --outputs-file`');
    expect(fails(null)).toThrow(SmokeInputError);
  });

  it('--url names the target by its origin', () => {
    expect(targetFromUrl('http://127.0.0.1:3000/')).toEqual({ name: 'http://127.0.0.1:3000', webUrl: 'http://127.0.0.1:3000/' });
    expect(() => targetFromUrl('localhost:3000')).toThrow(SmokeInputError);
  });
});

describe('the table', () => {
  it('one line a check, long details wrapped in their column', () => {
    const text = formatReport({
      target: { name: 'Klassny-demo', webUrl: 'https://d1.cloudfront.net' },
      ok: false,
      checks: [
        { name: 'page', ok: true, detail: '200 text/html; cache-control: no-cache', ms: 12 },
        { name: 'tls', ok: false, detail: `certificate expires in 3 days (under 14); ${'x'.repeat(120)}`, ms: 130 },
        { name: 'tls-legacy', ok: true, skipped: true, detail: 'could not tell', ms: 4 },
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Klassny-demo  https://d1.cloudfront.net  — FAILED (1 of 3 checks), 1 skipped');
    expect(lines[1]).toMatch(/^ {2}check\s+result\s+detail\s+ms$/);
    expect(lines[2]).toMatch(/^ {2}page\s+ok\s+200 text\/html; cache-control: no-cache\s+12$/);
    expect(lines[3]).toMatch(/^ {2}tls\s+FAIL\s+certificate expires in 3 days \(under 14\);\s+130$/);
    expect(lines[4]).toMatch(/^ {23}x{96}$/); // under the detail column: 2 + "tls-legacy" 10 + 2 + "skipped" 7 + 2
    expect(lines.at(-1)).toMatch(/^ {2}tls-legacy\s+skipped\s+could not tell\s+4$/);
    expect(wrap('a bb ccc', 4)).toEqual(['a bb', 'ccc']);
  });
});
