import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('latestOnly', () => {
  it('ignores an older answer that arrives after a newer one', async () => {
    const run = latestOnly();
    const seen: string[] = [];
    const on = { data: (v: string) => seen.push(v), error: () => seen.push('error'), settled: () => seen.push('settled') };
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = run(() => slow.promise, on);
    const second = run(() => fast.promise, on);
    fast.resolve('week 2');
    await second;
    slow.reject(new Error('old'));
    await first;
    expect(seen).toEqual(['week 2', 'settled']);
  });

  it('reports the error of the latest request', async () => {
    const run = latestOnly();
    const seen: string[] = [];
    await run(() => Promise.reject(new Error('x')), { data: () => seen.push('data'), error: () => seen.push('error'), settled: () => seen.push('settled') });
    expect(seen).toEqual(['error', 'settled']);
  });
});
