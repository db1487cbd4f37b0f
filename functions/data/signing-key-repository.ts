import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';

/**
 * A school's signing key for one purpose (e.g. unsubscribe links in e-mails): 32 random bytes
 * made on first use and kept in the school's table — encrypted at rest, readable only by the
 * school's functions — so both worlds sign alike and no further service is needed. Two first
 * uses at the same moment agree on one key (conditional put, then a consistent read).
 */
const cache = new Map<string, Promise<Uint8Array>>();

export function signingKey(purpose: string): Promise<Uint8Array> {
  let hit = cache.get(purpose);
  if (!hit) {
    hit = load(purpose);
    cache.set(purpose, hit);
    hit.catch(() => cache.delete(purpose));
  }
  return hit;
}

const read = async (purpose: string) =>
  (await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.signingKey(purpose), ConsistentRead: true }))).Item;

/** The key if it was ever made, else undefined — for checking a signature, which must never make one. */
export async function existingSigningKey(purpose: string): Promise<Uint8Array | undefined> {
  const hit = cache.get(purpose);
  if (hit) return hit;
  const found = await read(purpose);
  if (!found) return undefined;
  const key = Promise.resolve(Buffer.from(String(found.key), 'base64') as Uint8Array);
  cache.set(purpose, key);
  return key;
}

async function load(purpose: string): Promise<Uint8Array> {
  const found = await read(purpose);
  if (found) return Buffer.from(String(found.key), 'base64');
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.signingKey(purpose), type: 'SigningKey', purpose, key: randomBytes(32).toString('base64'), createdAt: new Date().toISOString() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  const made = await read(purpose);
  if (!made) throw new Error(`signing key ${purpose} missing after creation`);
  return Buffer.from(String(made.key), 'base64');
}
