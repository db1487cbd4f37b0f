import { describe, expect, it } from 'vitest';
import { channelText, consentDocumentHref, consentDocumentPath, consentsPath, withdrawWarning } from './consents.ts';

describe('consents', () => {
  it('builds paths and links', () => {
    expect(consentsPath()).toBe('/api/consents?limit=100');
    expect(consentsPath('abc=')).toBe('/api/consents?limit=100&cursor=abc%3D');
    expect(consentDocumentPath('2026-09')).toBe('/api/consent-document?version=2026-09');
    expect(consentDocumentHref('2026-09')).toBe('#/consent/2026-09');
  });
  it('says how and from where it was given', () => {
    expect(channelText({ channel: 'online', from: '203.0.113.5, Chrome' })).toBe('в системе: 203.0.113.5, Chrome');
    expect(channelText({ channel: 'paper', from: '№ 17' })).toBe('на бумаге: № 17');
    expect(channelText({ channel: 'paper', from: 'бумажная форма № ПД-007' })).toBe('бумажная форма № ПД-007');
  });
  it('warns that the account is disabled', () => {
    expect(withdrawWarning({ forName: 'Морозов Д. И.', relation: 'self' })).toMatch(/ваша учётная запись .* будет отключена, и вы выйдете/);
    expect(withdrawWarning({ forName: 'Морозова А. Д.', relation: 'child' })).toMatch(/учётная запись обучающегося Морозова А\. Д\. .*будет отключена/);
  });
});
