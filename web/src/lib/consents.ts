/** Consents to personal-data processing: the operator's register and «Мои данные». Pure. */
import type { z } from 'zod';
import type { consentDocumentSchema, consentEntrySchema } from '#shared/api/consents.ts';
import type { myConsentSchema } from '#shared/api/identity.ts';
import { apiPath, routeHref } from './journal.ts';

export type ConsentEntry = z.output<typeof consentEntrySchema>;
export type ConsentDocument = z.output<typeof consentDocumentSchema>;
export type MyConsent = z.output<typeof myConsentSchema>;

/** Rows per page of the register (the API allows up to 500). */
export const CONSENTS_PAGE = 100;

export const PERSON_KIND_LABELS: Record<ConsentEntry['personKind'], string> = {
  staff: 'сотрудник',
  student: 'обучающийся',
  parent: 'родитель',
};

export function channelText(entry: Pick<ConsentEntry, 'channel' | 'from'>): string {
  if (entry.channel === 'online') return `в системе: ${entry.from}`;
  // «бумажная форма № ПД-007» says it already.
  return /бумаж/i.test(entry.from) ? entry.from : `на бумаге: ${entry.from}`;
}

export function consentsPath(cursor?: string): string {
  return apiPath(['consents'], { limit: String(CONSENTS_PAGE), cursor });
}

/** The app's page showing a version of the consent text (`#/consent/2026-09`). */
export function consentDocumentHref(version: string): string {
  return routeHref('consent', version);
}

export function consentDocumentPath(version?: string): string {
  return apiPath(['consent-document'], { version });
}

/** What withdrawing a consent does, for the confirm dialog. */
export function withdrawWarning(consent: { forName: string; relation: 'self' | 'child' }): string {
  return consent.relation === 'self'
    ? `После отзыва согласия ваша учётная запись (${consent.forName}) будет отключена, и вы выйдете из системы. Снова войти можно будет только после нового согласия — по новому пригласительному коду.`
    : `После отзыва согласия учётная запись обучающегося ${consent.forName} (если она есть) будет отключена. Вернуть доступ можно будет только после нового согласия — по новому пригласительному коду.`;
}
