/**
 * How a table item is written into a backup and read back (п. 7.1): one line of NDJSON per item,
 * `{"Item":{…}}` in DynamoDB JSON — the format of DynamoDB's own export to S3, so the parts can
 * also be loaded by DynamoDB's "Import from S3". DynamoDB JSON keeps what plain JSON loses:
 * numbers stay the exact decimal strings DynamoDB holds (no float rounding), sets stay sets
 * (SS/NS/BS, not lists), binary is base64.
 *
 * Every line is canonical — attribute names sorted at every level, set members sorted — so one
 * item always has one text, whatever order DynamoDB returned it in. Its SHA-256 is the item's
 * fingerprint for the manifest's checksums (checksums.ts).
 */
import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '#shared/table/definition.ts';

export type TableItem = Record<string, AttributeValue>;

/** The canonical text of one attribute value. */
function canonicalValue(value: AttributeValue): string {
  if (value.S !== undefined) return `{"S":${JSON.stringify(value.S)}}`;
  if (value.N !== undefined) return `{"N":${JSON.stringify(value.N)}}`;
  if (value.B !== undefined) return `{"B":${JSON.stringify(Buffer.from(value.B).toString('base64'))}}`;
  if (value.BOOL !== undefined) return `{"BOOL":${value.BOOL ? 'true' : 'false'}}`;
  if (value.NULL !== undefined) return '{"NULL":true}';
  if (value.SS !== undefined) return `{"SS":${JSON.stringify([...value.SS].sort())}}`;
  if (value.NS !== undefined) return `{"NS":${JSON.stringify([...value.NS].sort())}}`;
  if (value.BS !== undefined) return `{"BS":${JSON.stringify(value.BS.map((b) => Buffer.from(b).toString('base64')).sort())}}`;
  if (value.L !== undefined) return `{"L":[${value.L.map(canonicalValue).join(',')}]}`;
  if (value.M !== undefined) return `{"M":${canonicalItem(value.M)}}`;
  throw new Error(`unsupported attribute value: ${Object.keys(value).join(',')}`);
}

/** The canonical text of an item (or a map): names sorted by code unit, values canonical. */
export function canonicalItem(item: TableItem): string {
  const names = Object.keys(item).sort();
  return `{${names.map((name) => `${JSON.stringify(name)}:${canonicalValue(item[name]!)}`).join(',')}}`;
}

/** One backup line (without the newline), from the item's canonical text. */
export function lineOfCanonical(canonical: string): string {
  return `{"Item":${canonical}}`;
}

/** An item's fingerprint: SHA-256 of its canonical text, hex. */
export function hashOfCanonical(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

type JsonValue = Record<string, unknown>;

function decodeValue(value: JsonValue): AttributeValue {
  const [type] = Object.keys(value);
  const raw = value[type!];
  switch (type) {
    case 'S':
    case 'N':
      if (typeof raw !== 'string') break;
      return type === 'S' ? { S: raw } : { N: raw };
    case 'B':
      if (typeof raw !== 'string') break;
      return { B: new Uint8Array(Buffer.from(raw, 'base64')) };
    case 'BOOL':
      if (typeof raw !== 'boolean') break;
      return { BOOL: raw };
    case 'NULL':
      return { NULL: true };
    case 'SS':
    case 'NS':
      if (!Array.isArray(raw)) break;
      return type === 'SS' ? { SS: raw as string[] } : { NS: raw as string[] };
    case 'BS':
      if (!Array.isArray(raw)) break;
      return { BS: (raw as string[]).map((b) => new Uint8Array(Buffer.from(b, 'base64'))) };
    case 'L':
      if (!Array.isArray(raw)) break;
      return { L: (raw as JsonValue[]).map(decodeValue) };
    case 'M':
      if (typeof raw !== 'object' || raw === null) break;
      return { M: decodeMap(raw as Record<string, JsonValue>) };
  }
  throw new Error(`not a DynamoDB JSON value: ${JSON.stringify(value).slice(0, 80)}`);
}

function decodeMap(map: Record<string, JsonValue>): TableItem {
  const out: TableItem = {};
  for (const [name, value] of Object.entries(map)) out[name] = decodeValue(value);
  return out;
}

/** An item from one backup line; throws on a line that is not one. */
export function parseItemLine(line: string): TableItem {
  const parsed = JSON.parse(line) as { Item?: Record<string, JsonValue> };
  if (typeof parsed.Item !== 'object' || parsed.Item === null) throw new Error('a backup line without "Item"');
  return decodeMap(parsed.Item);
}

const PK = tableDefinition.partitionKey.name;
const SK = tableDefinition.sortKey.name;

/** The item's key, as one string (for sets of keys). */
export function itemKey(item: TableItem): string {
  return `${item[PK]?.S ?? ''}\u0000${item[SK]?.S ?? ''}`;
}

/**
 * What kind of record an item is, for the manifest's counts: the partition key's prefix before
 * `#` (JOURNAL, PERSON, AUDIT, NOTES …; SCHOOL has none), and for the journal the record by its
 * sort key's shape (docs/data-model.md): `<date>#<slot>#L` a lesson, `…#M#…` a mark, `…#A#…`
 * attendance, `<end>#~F#…` a final mark, `<end>#~S#…` the period's state.
 */
export function entityTypeOf(item: TableItem): string {
  const pk = item[PK]?.S ?? '';
  const cut = pk.indexOf('#');
  const prefix = cut < 0 ? pk : pk.slice(0, cut);
  if (prefix !== 'JOURNAL') return prefix || '(no key)';
  const parts = (item[SK]?.S ?? '').split('#');
  if (parts[1] === '~F') return 'JOURNAL:final';
  if (parts[1] === '~S') return 'JOURNAL:state';
  switch (parts[2]) {
    case 'L':
      return 'JOURNAL:lesson';
    case 'M':
      return 'JOURNAL:mark';
    case 'A':
      return 'JOURNAL:attendance';
    default:
      return 'JOURNAL:other';
  }
}

/**
 * Whether DynamoDB's TTL has made the item due for deletion (an epoch-seconds number in the TTL
 * attribute, in the past). DynamoDB deletes such items within days and the code treats them as
 * gone, so a backup leaves them out (decision in docs/backups.md).
 */
export function ttlExpired(item: TableItem, nowMs: number): boolean {
  const ttl = item[tableDefinition.timeToLiveAttribute]?.N;
  return ttl !== undefined && Number(ttl) * 1000 < nowMs;
}
