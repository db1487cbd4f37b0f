import { setTimeout as sleep } from 'node:timers/promises';
import { BusyError } from '#functions/lib/errors.ts';

/**
 * In AWS, a write that meets another transaction on the same item is refused at once: a
 * transaction is cancelled with reason `TransactionConflict`, a single write fails with
 * `TransactionConflictException`. Nothing was applied, so trying again is safe; the SDK does not
 * retry either itself. A few attempts with full jitter, then a BusyError (503, Retry-After) — the
 * request as a whole may be sent again.
 */
export const CONFLICT_RETRIES = { attempts: 4, baseMs: 20, maxMs: 200 } as const;

/** Thrown inside `withConflictRetry` to say "contended, try again". */
export class ContendedWrite extends Error {
  constructor() {
    super('write contended by another transaction');
    this.name = 'ContendedWrite';
  }
}

const contended = (error: unknown) =>
  error instanceof ContendedWrite || (error instanceof Error && error.name === 'TransactionConflictException');

export async function withConflictRetry<T>(write: () => Promise<T>, random: () => number = Math.random): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!contended(error)) throw error;
      if (attempt >= CONFLICT_RETRIES.attempts) throw new BusyError();
      const cap = Math.min(CONFLICT_RETRIES.maxMs, CONFLICT_RETRIES.baseMs * 2 ** attempt);
      await sleep(Math.floor(random() * cap));
    }
  }
}
