/**
 * The load loop: `concurrency` workers take the next iteration until `iterations` are done or
 * `maxMs` has passed (an iteration already started finishes), each timed on its own from start
 * to the last byte of its answer.
 */
import { performance } from 'node:perf_hooks';

export type Series = { latencies: number[]; wallMs: number; errors: number; firstError?: string };

export async function runSeries(options: {
  iterations: number;
  concurrency: number;
  maxMs: number;
  /** `i` counts from 0 within the series. Throws (or rejects) on failure. */
  run: (i: number) => Promise<void>;
}): Promise<Series> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.maxMs;
  const worker = async () => {
    while (next < options.iterations && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await options.run(i);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return { latencies, wallMs: performance.now() - started, errors, firstError };
}

/** Joins series measured in blocks into one: latencies together, wall time added up. */
export function joinSeries(parts: Series[]): Series {
  return {
    latencies: parts.flatMap((p) => p.latencies),
    wallMs: parts.reduce((s, p) => s + p.wallMs, 0),
    errors: parts.reduce((s, p) => s + p.errors, 0),
    firstError: parts.find((p) => p.firstError)?.firstError,
  };
}
