import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Consent } from '#shared/domain/consent.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys } from './keys.ts';
import { queryPrefix, stripKeys, type StoredItem } from './query.ts';
import type { ConsentLine } from './people-repository.ts';
import { tableName } from './table.ts';

/** A consent as stored: the domain record plus the names the register shows. */
export type StoredConsent = Consent & {
  personName: string;
  personKind: 'staff' | 'student' | 'parent';
  className?: string;
  signedByName: string;
  withdrawnByName?: string;
};

/** The consent itself (register, signer's list) and its copy on the subject's partition (access checks). */
export function consentItems(consent: StoredConsent): StoredItem[] {
  return [
    {
      ...keys.consent(consent.id),
      ...keys.consentInRegister(consent.acceptedAt, consent.id),
      ...keys.consentBySigner(consent.signedById, consent.acceptedAt, consent.id),
      type: 'Consent',
      ...consent,
    },
    { ...keys.consentOnPerson(consent.personId, consent.id), type: 'ConsentLine', ...consentLine(consent) },
  ];
}

export function consentLine(c: StoredConsent): ConsentLine & { signedByName: string } {
  return {
    consentId: c.id,
    personId: c.personId,
    signedById: c.signedById,
    signedByName: c.signedByName,
    documentVersion: c.documentVersion,
    acceptedAt: c.acceptedAt,
    ...(c.withdrawnAt ? { withdrawnAt: c.withdrawnAt } : {}),
  };
}

export async function getConsent(consentId: string): Promise<StoredConsent | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: keys.consent(consentId) }));
  return out.Item ? stripKeys<StoredConsent>(out.Item) : undefined;
}

/** The register, newest first, one page: Query gsi1 pk = CONSENTS. */
export async function listConsentRegister(options: { cursor?: string; limit: number }): Promise<{ consents: StoredConsent[]; nextCursor?: string }> {
  const out = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'CONSENTS' },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { gsi1pk: 'CONSENTS' }),
    }),
  );
  return {
    consents: (out.Items ?? []).map((i) => stripKeys<StoredConsent>(i)),
    ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}),
  };
}

/** The consents one person signed (for themselves and their children): Query gsi2 pk = SIGNER#<person>. */
export async function listConsentsSignedBy(personId: string): Promise<StoredConsent[]> {
  const items = await queryPrefix({ name: 'gsi2pk', value: `SIGNER#${personId}` }, 'gsi2sk', '', { index: 'gsi2' });
  return items.map((i) => stripKeys<StoredConsent>(i));
}
