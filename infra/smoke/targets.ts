/**
 * Where to run the smoke test: the file `cdk deploy --outputs-file` writes (every stack in it
 * is a school to check), or a URL from the command line.
 */
import type { SmokeTarget } from './types.ts';

/** A mistake in what the caller gave (file, URL); the command exits 2 with its message. */
export class SmokeInputError extends Error {
  override name = 'SmokeInputError';
}

/** One stack of an outputs file: what to check, and the release it was deployed with, if it says. */
export type OutputsEntry = { target: SmokeTarget; release?: string };

export function parseHttpUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmokeInputError(`${what} is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SmokeInputError(`${what} must be an http:// or https:// URL, not ${JSON.stringify(value)}`);
  return url;
}

/**
 * `{ "Klassny-<schoolId>": { "WebUrl": …, "ApiUrl": …, "Release": …, … }, … }`, one target per
 * stack. A stack without WebUrl is an error naming the file and the stack: checking fewer schools
 * than were deployed, silently, would defeat the test.
 */
export function readOutputs(json: unknown, file: string): OutputsEntry[] {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new SmokeInputError(`${file}: not the outputs of \`cdk deploy --outputs-file\` (want an object of stacks)`);
  }
  const stacks = Object.entries(json as Record<string, unknown>);
  if (stacks.length === 0) throw new SmokeInputError(`${file}: no stacks in it`);
  return stacks.map(([stack, outputs]) => {
    const fields = outputs && typeof outputs === 'object' ? (outputs as Record<string, unknown>) : {};
    const webUrl = fields.WebUrl;
    if (typeof webUrl !== 'string' || webUrl === '') throw new SmokeInputError(`${file}: stack ${stack} has no WebUrl output`);
    parseHttpUrl(webUrl, `${file}: ${stack}.WebUrl`);
    const apiUrl = fields.ApiUrl;
    if (apiUrl !== undefined && (typeof apiUrl !== 'string' || apiUrl === '')) throw new SmokeInputError(`${file}: ${stack}.ApiUrl is not a URL`);
    if (apiUrl !== undefined) parseHttpUrl(apiUrl, `${file}: ${stack}.ApiUrl`);
    const release = typeof fields.Release === 'string' && fields.Release !== '' ? fields.Release : undefined;
    return { target: { name: stack, webUrl, ...(apiUrl ? { apiUrl } : {}) }, ...(release ? { release } : {}) };
  });
}

export function targetsFromOutputs(json: unknown, file: string): SmokeTarget[] {
  return readOutputs(json, file).map((entry) => entry.target);
}

/** A target from `--url` (and `--api-url`), named by its address. */
export function targetFromUrl(webUrl: string, apiUrl?: string): SmokeTarget {
  const url = parseHttpUrl(webUrl, '--url');
  if (apiUrl !== undefined) parseHttpUrl(apiUrl, '--api-url');
  return { name: url.origin, webUrl, ...(apiUrl !== undefined ? { apiUrl } : {}) };
}
