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

/**
 * How and from where a consent was given, readable: online «онлайн, с адреса 203.0.113.5, Chrome
 * (Windows)» — or «(браузер не определён)» when the user agent names no browser (a script,
 * `node`) — and paper as the form's number. The API's raw value (`from`: «<address>, <user
 * agent>») stays for the record: the page shows it on hover and on paper.
 */
export function channelText(entry: Pick<ConsentEntry, 'channel' | 'from'>): string {
  if (entry.channel === 'online') {
    const comma = entry.from.indexOf(', ');
    const address = (comma < 0 ? entry.from : entry.from.slice(0, comma)).trim();
    const agent = comma < 0 ? '' : entry.from.slice(comma + 2).trim();
    const browser = browserOf(agent);
    const where = address ? `онлайн, с адреса ${address}` : 'онлайн';
    return browser ? `${where}, ${browser}` : `${where} (браузер ${agent === '' || /не указан/.test(agent) ? 'не указан' : 'не определён'})`;
  }
  // «бумажная форма № ПД-007» says it already.
  return /бумаж/i.test(entry.from) ? entry.from : `на бумаге: ${entry.from}`;
}

const BROWSERS: readonly [RegExp, string][] = [
  [/YaBrowser\//, 'Яндекс Браузер'],
  [/Edg(?:e|A|iOS)?\//, 'Microsoft Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\//, 'Safari'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** «Chrome (Windows)» from a user agent; null when it names no known browser. */
export function browserOf(userAgent: string): string | null {
  if (!/Mozilla\/|Opera/.test(userAgent)) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (!browser) return null;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} (${system})` : browser;
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
