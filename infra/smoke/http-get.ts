import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export type HttpAnswer = { status: number; headers: IncomingHttpHeaders; body: string };

/** The OpenAPI document is the largest answer checked (a few hundred KB); anything far beyond is wrong. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * One request, no redirects followed, no keep-alive. node:http(s) rather than fetch because a
 * test's self-signed CA must be trusted (`ca`) without any dependency, and because what the server
 * really answered (a 301 and its Location, the raw headers) is what the checks look at.
 */
export function httpGet(
  url: URL,
  init: { signal: AbortSignal; ca?: string | Buffer; headers?: Record<string, string>; method?: 'GET' | 'HEAD' },
): Promise<HttpAnswer> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: init.method ?? 'GET',
        agent: false,
        signal: init.signal,
        // Without accept-encoding the body comes as it is, so the checks can read it.
        headers: { 'user-agent': 'klassny-smoke', accept: '*/*', ...init.headers },
        ...(init.ca && url.protocol === 'https:' ? { ca: init.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) req.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A header's value as one string (repeated headers joined as HTTP joins them). */
export function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
