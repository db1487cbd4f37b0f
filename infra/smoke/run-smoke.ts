/**
 * The smoke test after a deploy: the stack checked from outside, as a browser and a visitor's
 * network meet it. `npm run smoke` (main.ts) runs it from the command line; the fleet deploy
 * calls runSmoke after each school's deploy.
 */
import { httpChecks, type Check } from './checks.ts';
import { parseHttpUrl } from './targets.ts';
import { tlsChecks } from './tls-checks.ts';
import type { CheckContext, SmokeCheckResult, SmokeOptions, SmokeReport, SmokeTarget } from './types.ts';

export type { SmokeCheckResult, SmokeOptions, SmokeReport, SmokeTarget } from './types.ts';

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** Every check, in report order. */
export const smokeChecks: readonly Check[] = [...httpChecks, ...tlsChecks];

/**
 * Runs every check against the target at once (each with its own timeout) and reports them in a
 * fixed order. Never throws for what the stack answers: an unreachable host is failed checks.
 * A target whose addresses are not http(s) URLs throws (a caller's mistake, not the stack's).
 */
export async function runSmoke(target: SmokeTarget, options: SmokeOptions = {}): Promise<SmokeReport> {
  const webUrl = parseHttpUrl(target.webUrl, `${target.name}: webUrl`);
  // The stage URL is a base: `api/health` is resolved under it, so it must end with a slash.
  const apiUrl = target.apiUrl ? parseHttpUrl(target.apiUrl.endsWith('/') ? target.apiUrl : `${target.apiUrl}/`, `${target.name}: apiUrl`) : undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const checks = await Promise.all(
    smokeChecks.map((check) => runCheck(check, { target, webUrl, ...(apiUrl ? { apiUrl } : {}), options }, timeoutMs)),
  );
  return { target, ok: checks.every((c) => c.ok), checks };
}

async function runCheck(check: Check, base: Omit<CheckContext, 'signal'>, timeoutMs: number): Promise<SmokeCheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The signal stops the check's own requests; the race also ends a check that ignores it.
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  let outcome: { ok: boolean; skipped?: boolean; detail: string };
  try {
    outcome = await Promise.race([check.run({ ...base, signal: controller.signal }), timedOut]);
  } catch (error) {
    outcome = { ok: false, detail: controller.signal.aborted ? `timed out after ${timeoutMs} ms` : describeError(error) };
  } finally {
    clearTimeout(timer);
  }
  const ms = Math.round(performance.now() - started);
  return { name: check.name, ok: outcome.ok, ...(outcome.skipped ? { skipped: true } : {}), detail: outcome.detail, ms };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}${code && !error.message.includes(code) ? ` (${code})` : ''}`;
}
