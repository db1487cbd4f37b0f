/**
 * The scale of the reports' bar charts (SVG drawn by the page): a bar's length as a percentage
 * of the chart's width, against 100 % or a round maximum above the largest value. Pure.
 */

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (a scale's end); 1 for nothing above 0. */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    if (candidate >= value - 1e-9) return Math.round(candidate * 1e6) / 1e6;
  }
  return 10 * power;
}

/** A bar's length, 0–100 (% of the chart's width), one decimal; null and negatives are 0. */
export function barLength(value: number | null | undefined, max: number): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0 || max <= 0) return 0;
  return Math.min(100, Math.round((value / max) * 1000) / 10);
}

/** Where the scale's gridlines go: quarters of the maximum, as values and as % of the width. */
export function gridTicks(max: number, parts = 4): { value: number; at: number }[] {
  return Array.from({ length: parts + 1 }, (_, i) => ({ value: Math.round(((max * i) / parts) * 100) / 100, at: (100 * i) / parts }));
}

/** The scale for percentages: 0–100, or a round maximum when every value is small (attendance). */
export function percentScale(values: readonly (number | null)[], fullScale: boolean): number {
  if (fullScale) return 100;
  const top = Math.max(0, ...values.map((v) => v ?? 0));
  return Math.min(100, niceMax(top));
}
