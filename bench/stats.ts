/**
 * Latency statistics of one measured series: percentiles by linear interpolation between the
 * closest ranks (the "R-7" definition, NumPy's and Excel's default), and throughput over the
 * wall-clock time the series took.
 */

/** The q-quantile (0 ≤ q ≤ 1) of values already sorted ascending; NaN for none. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], not ${q}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

/** The q-quantile of values in any order. */
export function quantile(values: readonly number[], q: number): number {
  return quantileSorted([...values].sort((x, y) => x - y), q);
}

export type LatencySummary = {
  /** Requests measured (successful or not). */
  n: number;
  errors: number;
  /** Milliseconds. */
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Completed requests per second of wall-clock time. */
  throughput: number;
  /** Wall-clock seconds the series ran. */
  seconds: number;
};

/** Summary of latencies (ms) measured over `wallMs` of wall-clock time. */
export function summarize(latenciesMs: readonly number[], wallMs: number, errors = 0): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const n = sorted.length;
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    n,
    errors,
    min: n ? sorted[0]! : Number.NaN,
    mean: n ? sum / n : Number.NaN,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: n ? sorted[n - 1]! : Number.NaN,
    throughput: wallMs > 0 ? (n / wallMs) * 1000 : Number.NaN,
    seconds: wallMs / 1000,
  };
}

/** a ÷ b, rounded to 2 decimals; NaN when either is missing or b is 0. */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN;
  return Math.round((a / b) * 100) / 100;
}

/** Rounds every number of a summary to `digits` decimals (for the result file). */
export function rounded(s: LatencySummary, digits = 2): LatencySummary {
  const f = 10 ** digits;
  const r = (v: number) => (Number.isFinite(v) ? Math.round(v * f) / f : v);
  return { ...s, min: r(s.min), mean: r(s.mean), p50: r(s.p50), p95: r(s.p95), p99: r(s.p99), max: r(s.max), throughput: r(s.throughput), seconds: r(s.seconds) };
}
