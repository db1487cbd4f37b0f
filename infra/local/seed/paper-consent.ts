import { CURRENT_CONSENT_VERSION } from '#shared/consent/documents.ts';
import { consentSchema } from '#shared/domain/consent.ts';
import { consentItems, type StoredConsent } from '#functions/data/consent-repository.ts';
import type { StoredItem } from '#functions/data/query.ts';

type Party = { id: string; name: string };

/**
 * A consent signed on paper and entered by the operator (the way a school that starts with the
 * product records the forms it already holds): used by the demo school and the test fixture so
 * their accounts have the consent every data request needs.
 */
export function paperConsentItems(input: {
  consentId: string;
  person: Party & { kind: StoredConsent['personKind']; className?: string };
  signer: Party;
  recordedBy: string;
  documentRef: string;
  acceptedAt: string;
}): StoredItem[] {
  const consent: StoredConsent = {
    ...consentSchema.parse({
      id: input.consentId,
      personId: input.person.id,
      signedById: input.signer.id,
      documentVersion: CURRENT_CONSENT_VERSION,
      acceptedAt: input.acceptedAt,
      source: { channel: 'paper', recordedBy: input.recordedBy, documentRef: input.documentRef },
    }),
    personName: input.person.name,
    personKind: input.person.kind,
    ...(input.person.className ? { className: input.person.className } : {}),
    signedByName: input.signer.name,
  };
  return consentItems(consent);
}
