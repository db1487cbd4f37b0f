import { toEpochMs, type InstantInput } from '../dates.ts';
import type { Consent } from '../consent.ts';
import { violation, type RuleViolation } from './violation.ts';

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

/** п. 3.1: access to data is refused without a consent in force (CONSENT_REQUIRED). */
export function checkConsent(
  consents: readonly ConsentFields[],
  personId: string,
  at: InstantInput,
  requiredVersion?: string,
): RuleViolation | null {
  if (activeConsent(consents, personId, at, requiredVersion)) return null;
  return violation(
    'п. 3.1',
    'CONSENT_REQUIRED',
    requiredVersion === undefined
      ? 'Нет согласия на обработку персональных данных (152-ФЗ): доступ к данным невозможен'
      : `Нет согласия на обработку персональных данных (152-ФЗ) в редакции ${requiredVersion}: доступ к данным невозможен`,
    requiredVersion === undefined ? undefined : { requiredVersion },
  );
}
