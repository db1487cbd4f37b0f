/**
 * Transaction conflicts (opt-in, `conflicts: true`; docs/local-dynamodb.md). DynamoDB does not
 * queue a request behind a transaction that holds one of its items: it rejects it. The front
 * serializes writes instead, so without this mode a second transaction waits and then sees the
 * first one's result (typically ConditionalCheckFailed).
 *
 * In this mode a transaction is "in flight" from the moment its items are known (after
 * validation, before it queues for the write lock) until it has committed or failed. Another
 * transaction arriving meanwhile with any of those items is cancelled at once with a
 * TransactionConflict reason at each such item; a PutItem, UpdateItem or DeleteItem on one of
 * them fails with TransactionConflictException. Deterministic: an overlap always conflicts.
 */

/** One item, across tables: table name and dynalite's key string. */
export const itemIdentity = (tableName: string, itemKey: string) => `${tableName}\u0000${itemKey}`;

export class InFlightTransactions {
  /** Item identity → how many transactions in flight hold it (one, unless a retry with a known token overlaps). */
  private readonly held = new Map<string, number>();

  /** Whether a transaction in flight holds the item. */
  holds(identity: string): boolean {
    return this.held.has(identity);
  }

  /** Per item: whether a transaction in flight holds it. */
  conflicts(identities: readonly (string | undefined)[]): boolean[] {
    return identities.map((identity) => identity !== undefined && this.held.has(identity));
  }

  /** Marks the items as held until the returned release is called (once the transaction is over). */
  enter(identities: readonly (string | undefined)[]): () => void {
    const own = identities.filter((identity): identity is string => identity !== undefined);
    for (const identity of own) this.held.set(identity, (this.held.get(identity) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const identity of own) {
        const count = this.held.get(identity)! - 1;
        if (count === 0) this.held.delete(identity);
        else this.held.set(identity, count);
      }
    };
  }

  /** Items held right now (for tests and diagnostics). */
  get size(): number {
    return this.held.size;
  }
}
