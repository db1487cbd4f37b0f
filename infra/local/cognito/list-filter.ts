/**
 * ListUsers' Filter (`attribute = "value"` or `attribute ^= "value"`) and the
 * opaque pagination tokens of list calls.
 */
import { invalidParameter } from './errors.ts';
import type { UserRecord } from './user-store.ts';

const SEARCHABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'sub',
  'cognito:user_status',
  'status',
]);

export type UserPredicate = (user: UserRecord) => boolean;

function valueOf(user: UserRecord, attribute: string): string | undefined {
  switch (attribute) {
    case 'username':
      return user.username;
    case 'sub':
      return user.sub;
    case 'cognito:user_status':
      return user.status;
    case 'status':
      return user.enabled ? 'Enabled' : 'Disabled';
    default:
      return user.attributes[attribute];
  }
}

export function parseUserFilter(filter: string | undefined): UserPredicate {
  if (filter === undefined || filter.trim() === '') return () => true;
  const match = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!match) throw invalidParameter('Error while parsing filter.');
  const [, attribute = '', operator, raw = ''] = match;
  if (!SEARCHABLE.has(attribute)) throw invalidParameter(`Invalid search attribute: ${attribute}`);
  const wanted = raw.replace(/\\(.)/g, '$1');
  // Usernames are case-insensitive in this pool; attribute values compare exactly.
  const fold = attribute === 'username' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const target = fold(wanted);
  return (user) => {
    const value = valueOf(user, attribute);
    if (value === undefined) return false;
    return operator === '=' ? fold(value) === target : fold(value).startsWith(target);
  };
}

export const encodePageToken = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

export function decodePageToken(token: string | undefined, field: string): string | undefined {
  if (token === undefined) return undefined;
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (key.length === 0 || encodePageToken(key) !== token) throw invalidParameter(`Invalid ${field}.`);
  return key;
}

/** One page of items sorted by key, after the key in the token. */
export function paginate<T>(
  items: Array<[string, T]>,
  limit: number,
  token: string | undefined,
  field: string,
): { page: T[]; next?: string } {
  const after = decodePageToken(token, field);
  const rest = after === undefined ? items : items.filter(([key]) => key > after);
  const page = rest.slice(0, limit);
  const last = rest.length > limit ? page[page.length - 1]?.[0] : undefined;
  return { page: page.map(([, item]) => item), ...(last !== undefined ? { next: encodePageToken(last) } : {}) };
}
