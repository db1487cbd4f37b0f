import { BatchGetCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InvitationCode } from '#shared/domain/invitation-code.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from './keys.ts';
import { queryPrefix, stripKeys, type StoredItem } from './query.ts';
import { tableName } from './table.ts';
import { withConflictRetry } from './contention.ts';

/** A register entry as stored: the code's record plus the names the printed register shows. */
export type StoredInvite = InvitationCode & {
  personName: string;
  issuedByName: string;
  /** For a parent: «ребёнок: Морозова Анна»; for staff: the position. */
  note?: string;
  /** The login chosen at redemption (lets a retried redemption be answered as done). */
  usedByLogin?: string;
  /** A redemption in progress holds the code for a moment (see `claimInvite`). */
  claimToken?: string;
  claimUntil?: string;
};

/** The scope key of the staff register; a class register uses the class id. */
export const STAFF_SCOPE = 'staff';

/**
 * A code's two items: its register entry, and the pointer from the hash of its text. `expiresAt`
 * is the table's TTL attribute (epoch seconds, and stripped from every read): a code's expiry is
 * stored as `validUntil` so the register keeps expired codes (п. 3.1: used or not).
 */
export function inviteItems(invite: StoredInvite): [entry: StoredItem, byHash: StoredItem] {
  const { expiresAt, ...rest } = invite;
  return [
    {
      ...keys.inviteCode(invite.id),
      ...keys.inviteInRegister(invite.scopeKey, invite.issuedAt, invite.id),
      type: 'InviteCode',
      ...rest,
      validUntil: expiresAt,
    },
    { ...keys.inviteCodeByHash(invite.codeHash), type: 'InviteCodeHash', codeId: invite.id },
  ];
}

/** The pointer to a person's live code (see keys.liveInviteCode). */
export function liveCodeItem(personId: string, codeId: string): StoredItem {
  return { ...keys.liveInviteCode(personId), type: 'LiveInviteCode', personId, codeId };
}

function fromItem(item: Record<string, unknown>): StoredInvite {
  const { validUntil, ...rest } = stripKeys<Record<string, unknown>>(item);
  return { ...(rest as Omit<StoredInvite, 'expiresAt'>), expiresAt: String(validUntil) };
}

/** An entry by id (revoke, redemption): GetItem, strongly consistent — its state decides what happens next. */
export async function getInvite(codeId: string): Promise<StoredInvite | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.inviteCode(codeId), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** A code by the hash of its text (preview, redemption): two strongly consistent GetItem, the pointer and the entry. */
export async function findInviteByHash(codeHash: string): Promise<StoredInvite | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.inviteCodeByHash(codeHash), ConsistentRead: true }));
  return out.Item ? getInvite(String(out.Item.codeId)) : undefined;
}

/** The register of a class or of the staff, oldest first: Query gsi3 pk = INVITES#<scope> (for lists; may lag a moment). */
export async function getRegister(scopeKey: string): Promise<StoredInvite[]> {
  const items = await queryPrefix({ name: 'gsi3pk', value: `INVITES#${scopeKey}` }, 'gsi3sk', '', { index: 'gsi3' });
  return items.map(fromItem);
}

/**
 * The live codes of these people as the table holds them now: their pointers and the codes they
 * point to (two strongly consistent BatchGetItem), person id → code.
 */
export async function getLiveCodes(personIds: readonly string[]): Promise<Map<string, StoredInvite>> {
  const pointers = await batchGet(personIds.map((id) => keys.liveInviteCode(id)));
  const codes = await batchGet(pointers.map((p) => keys.inviteCode(String(p.codeId))));
  const byId = new Map(codes.map((c) => [String(c.id), fromItem(c)]));
  const out = new Map<string, StoredInvite>();
  for (const p of pointers) {
    const code = byId.get(String(p.codeId));
    if (code) out.set(String(p.personId), code);
  }
  return out;
}

async function batchGet(wanted: Record<string, string>[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < wanted.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [tableName()]: { Keys: wanted.slice(i, i + 100), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const res = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(res.Responses?.[tableName()] ?? []));
      request = res.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/**
 * Holds an active code for one redemption for a moment (a lease): of two redemptions at the same
 * moment only one gets it — the other is answered as for a used code before it creates a user or
 * sets a password. The lease ends by itself if the holder dies; the redemption's transaction
 * commits only while it holds it. False when the code is not (or no longer) free to redeem.
 */
export async function claimInvite(codeId: string, token: string, nowIso: string, untilIso: string): Promise<boolean> {
  try {
    await withConflictRetry(() =>
      documentClient.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.inviteCode(codeId),
          UpdateExpression: 'SET claimToken = :token, claimUntil = :until',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND validUntil > :now AND (attribute_not_exists(claimUntil) OR claimUntil < :now)',
          ExpressionAttributeValues: { ':token': token, ':now': nowIso, ':until': untilIso },
        }),
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Lets a claimed code go again (the redemption failed before committing). Only the holder's own claim. */
export async function releaseInvite(codeId: string, token: string): Promise<void> {
  await withConflictRetry(() =>
    documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.inviteCode(codeId),
        UpdateExpression: 'REMOVE claimToken, claimUntil',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeValues: { ':token': token },
      }),
    ),
  ).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  });
}
