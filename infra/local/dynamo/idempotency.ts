/**
 * ClientRequestToken records of committed TransactWriteItems calls. A record is written in the
 * same LevelDB batch as the transaction it belongs to, so "applied" and "token remembered" can
 * never disagree after a crash, and a retry after a restart is still recognised. Kept in memory
 * too (tokens live 10 minutes; expired ones are deleted with the next commit).
 */
import { createHash } from 'node:crypto';
import type { BatchOperation, MainDb } from './dynalite-internals.ts';

/** Outside every dynalite sub-db prefix (table~, item-, index-, tag-). */
const PREFIX = 'klassny-front~client-request-token~';
export const TOKEN_LIFETIME_MS = 10 * 60 * 1000;

type TokenRecord = { hash: string; at: number };

export class IdempotencyRecords {
  /** Insertion order = commit order, so the oldest records come first. */
  private readonly records = new Map<string, TokenRecord>();

  private constructor(private readonly now: () => number) {}

  static async load(db: MainDb, now: () => number = Date.now): Promise<IdempotencyRecords> {
    const records = new IdempotencyRecords(now);
    const loaded: Array<[string, TokenRecord]> = [];
    for await (const [key, value] of db.iterator({ gte: PREFIX, lt: `${PREFIX}\xff` })) {
      loaded.push([key.slice(PREFIX.length), value as TokenRecord]);
    }
    loaded.sort((a, b) => a[1].at - b[1].at);
    for (const [token, record] of loaded) records.records.set(token, record);
    return records;
  }

  /** The live record for a token, if any. */
  lookup(token: string): TokenRecord | undefined {
    const record = this.records.get(token);
    return record && this.now() - record.at < TOKEN_LIFETIME_MS ? record : undefined;
  }

  /** Batch operations that record `token` and drop expired records; call `remember` after commit. */
  commitOperations(token: string, hash: string): { operations: BatchOperation[]; remember: () => void } {
    const at = this.now();
    const expired: string[] = [];
    for (const [old, record] of this.records) {
      if (at - record.at < TOKEN_LIFETIME_MS) break;
      expired.push(old);
    }
    const operations: BatchOperation[] = [
      ...expired.filter((old) => old !== token).map((old): BatchOperation => ({ type: 'del', key: PREFIX + old })),
      { type: 'put', key: PREFIX + token, value: { hash, at } },
    ];
    return {
      operations,
      remember: () => {
        for (const old of expired) this.records.delete(old);
        this.records.delete(token);
        this.records.set(token, { hash, at });
      },
    };
  }
}

/** A stable fingerprint of a request's substance (key order does not matter). */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
