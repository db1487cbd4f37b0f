/**
 * Loads where only the latest request counts: switching the week or period quickly must never
 * let an older, slower answer (or its error) overwrite the newer one.
 */
export type LatestHandlers<T> = { data(value: T): void; error(error: unknown): void; settled(): void };

export function latestOnly() {
  let sequence = 0;
  return async function run<T>(request: () => Promise<T>, on: LatestHandlers<T>): Promise<void> {
    const current = ++sequence;
    try {
      const value = await request();
      if (current === sequence) on.data(value);
    } catch (error) {
      if (current === sequence) on.error(error);
    } finally {
      if (current === sequence) on.settled();
    }
  };
}
