/**
 * Counts and checksums per entity type that do not depend on the order items are read in: a
 * parallel Scan returns them in any order, and a restored table is read back in another. The
 * checksum of a set of items is the sum, modulo 2^256, of their SHA-256 fingerprints
 * (item-codec.ts) — unlike XOR, two equal fingerprints do not cancel out.
 */
import { canonicalItem, entityTypeOf, hashOfCanonical, type TableItem } from './item-codec.ts';

export const CHECKSUM_ALGORITHM = 'sum mod 2^256 of SHA-256 over the canonical DynamoDB JSON of each item';

const MODULUS = 1n << 256n;

export type EntityStats = { count: number; checksum: string };

export class EntityTally {
  private readonly sums = new Map<string, { count: number; sum: bigint }>();

  /** `canonical`: the item's canonical text when the caller has it already (item-codec.ts). */
  add(item: TableItem, canonical = canonicalItem(item)): void {
    const type = entityTypeOf(item);
    const entry = this.sums.get(type) ?? { count: 0, sum: 0n };
    entry.count += 1;
    entry.sum = (entry.sum + BigInt(`0x${hashOfCanonical(canonical)}`)) % MODULUS;
    this.sums.set(type, entry);
  }

  /** Merges another tally (one per Scan segment) into this one. */
  merge(other: EntityTally): void {
    for (const [type, { count, sum }] of other.sums) {
      const entry = this.sums.get(type) ?? { count: 0, sum: 0n };
      entry.count += count;
      entry.sum = (entry.sum + sum) % MODULUS;
      this.sums.set(type, entry);
    }
  }

  get itemCount(): number {
    let n = 0;
    for (const { count } of this.sums.values()) n += count;
    return n;
  }

  /** By entity type, sorted by name. */
  entities(): Record<string, EntityStats> {
    const out: Record<string, EntityStats> = {};
    for (const type of [...this.sums.keys()].sort()) {
      const { count, sum } = this.sums.get(type)!;
      out[type] = { count, checksum: sum.toString(16).padStart(64, '0') };
    }
    return out;
  }

  /** The checksum of everything together. */
  total(): string {
    let sum = 0n;
    for (const entry of this.sums.values()) sum = (sum + entry.sum) % MODULUS;
    return sum.toString(16).padStart(64, '0');
  }
}

export type EntityDifference = { type: string; expected: EntityStats | null; actual: EntityStats | null };

/** Entity types whose count or checksum differ (a type present on one side only included). */
export function compareEntities(expected: Record<string, EntityStats>, actual: Record<string, EntityStats>): EntityDifference[] {
  const types = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return types
    .map((type) => ({ type, expected: expected[type] ?? null, actual: actual[type] ?? null }))
    .filter((d) => d.expected?.count !== d.actual?.count || d.expected?.checksum !== d.actual?.checksum);
}
