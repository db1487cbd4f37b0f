import { toEpochMs, type InstantInput } from '../dates.ts';
import type { Consent } from '../consent.ts';

type ConsentFields = Pick<Consent, 'personId' | 'documentVersion' | 'acceptedAt' | 'withdrawnAt'>;

/**
 * п. 3.1 (152-ФЗ): the consent in force for a person's data at `at` — accepted by then, not
 * withdrawn by then, and of the required text version when one is given. Latest first.
 */
export function activeConsent<C extends ConsentFields>(
  consents: readonly C[],
  personId: string,
  at: InstantInput,
  requiredVersion?: string,
): C | null {
  const t = toEpochMs(at);
  const valid = consents.filter(
    (c) =>
      c.personId === personId &&
      toEpochMs(c.acceptedAt) <= t &&
      (c.withdrawnAt === undefined || toEpochMs(c.withdrawnAt) > t) &&
      (requiredVersion === undefined || c.documentVersion === requiredVersion),
  );
  valid.sort((a, b) => toEpochMs(b.acceptedAt) - toEpochMs(a.acceptedAt));
  return valid[0] ?? null;
}

/** 152-ФЗ ст. 9 ч. 6, ГК РФ ст. 21: full legal capacity (and own consent) from this age. */
export const ADULT_AGE = 18;

/** Full years between a birth date and `today` (both ISO dates). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * A person whose personal-data consent is given by a legal representative, not by themselves:
 * a student under 18 (or one whose birth date the school does not have — the safe side).
 */
export function consentIsRepresentatives(person: { kind: string; birthDate?: string | undefined }, today: string): boolean {
  return person.kind === 'student' && (!person.birthDate || ageOn(person.birthDate, today) < ADULT_AGE);
}

/**
 * 152-ФЗ ст. 9 ч. 6: a minor's consent is given by their legal representative — a parent, guardian
 * or custodian recorded as such (Guardianship.isLegalRepresentative), not any relative the school
 * lets follow the diary. A line without the flag dates from before it and is the schema's default (true).
 */
export function mayConsentFor(guardianship: { legalRepresentative?: boolean | undefined }): boolean {
  return guardianship.legalRepresentative !== false;
}
