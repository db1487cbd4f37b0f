import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { InvitationCode } from '#shared/domain/invitation-code.ts';
import { documentClient } from '#functions/lib/aws-clients.ts';
import { keys } from './keys.ts';
import { queryPrefix, stripKeys, type StoredItem } from './query.ts';
import { tableName } from './table.ts';

/** A register entry as stored: the code's record plus the names the printed register shows. */
export type StoredInvite = InvitationCode & {
  personName: string;
  issuedByName: string;
  /** For a parent: «родитель: Морозова Анна»; for staff: the position. */
  note?: string;
  /** The login chosen at redemption (lets a retried redemption be answered as done). */
  usedByLogin?: string;
};

/** The scope key of the staff register; a class register uses the class id. */
export const STAFF_SCOPE = 'staff';

/**
 * `expiresAt` is the table's TTL attribute (epoch seconds, and stripped from every read): a code's
 * expiry is stored as `validUntil` so the register keeps expired codes (п. 3.1: used or not).
 */
export function inviteItem(invite: StoredInvite): StoredItem {
  const { expiresAt, ...rest } = invite;
  return {
    ...keys.inviteCode(invite.id),
    ...keys.inviteCodeByHash(invite.codeHash),
    ...keys.inviteInRegister(invite.scopeKey, invite.issuedAt, invite.id),
    type: 'InviteCode',
    ...rest,
    validUntil: expiresAt,
  };
}

function fromItem(item: Record<string, unknown>): StoredInvite {
  const { validUntil, ...rest } = stripKeys<Record<string, unknown>>(item);
  return { ...(rest as Omit<StoredInvite, 'expiresAt'>), expiresAt: String(validUntil) };
}

/** An entry by id (revoke): GetItem. */
export async function getInvite(codeId: string): Promise<StoredInvite | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.inviteCode(codeId) }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** A code by the hash of its text (preview, redemption): Query gsi1, at most one item. */
export async function findInviteByHash(codeHash: string): Promise<StoredInvite | undefined> {
  const k = keys.inviteCodeByHash(codeHash);
  const items = await queryPrefix({ name: 'gsi1pk', value: k.gsi1pk }, 'gsi1sk', k.gsi1sk, { index: 'gsi1', limit: 1 });
  // The index may lag the table by a moment: read the item itself for its current state.
  return items[0] ? getInvite(String(items[0].id)) : undefined;
}

/** The register of a class or of the staff, oldest first: Query gsi3 pk = INVITES#<scope>. */
export async function getRegister(scopeKey: string): Promise<StoredInvite[]> {
  const items = await queryPrefix({ name: 'gsi3pk', value: `INVITES#${scopeKey}` }, 'gsi3sk', '', { index: 'gsi3' });
  return items.map(fromItem);
}

export type InviteState = 'active' | 'used' | 'expired' | 'revoked';

export function inviteState(invite: Pick<InvitationCode, 'usedAt' | 'revokedAt' | 'expiresAt'>, now: string): InviteState {
  if (invite.usedAt) return 'used';
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt <= now ? 'expired' : 'active';
}
