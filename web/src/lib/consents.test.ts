import { describe, expect, it } from 'vitest';
import { browserOf, channelText, consentDocumentHref, consentDocumentPath, consentsPath, withdrawWarning } from './consents.ts';

describe('consents', () => {
  it('builds paths and links', () => {
    expect(consentsPath()).toBe('/api/consents?limit=100');
    expect(consentsPath('abc=')).toBe('/api/consents?limit=100&cursor=abc%3D');
    expect(consentDocumentPath('2026-09')).toBe('/api/consent-document?version=2026-09');
    expect(consentDocumentHref('2026-09')).toBe('#/consent/2026-09');
  });
  it('says how and from where it was given', () => {
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(channelText({ channel: 'online', from: `203.0.113.5, ${chrome}` })).toBe('онлайн, с адреса 203.0.113.5, Chrome (Windows)');
    // A script's request (Node's fetch says «node»): no browser to name.
    expect(channelText({ channel: 'online', from: '127.0.0.1, node' })).toBe('онлайн, с адреса 127.0.0.1 (браузер не определён)');
    expect(channelText({ channel: 'online', from: '127.0.0.1, браузер не указан' })).toBe('онлайн, с адреса 127.0.0.1 (браузер не указан)');
    expect(channelText({ channel: 'paper', from: '№ 17' })).toBe('на бумаге: № 17');
    expect(channelText({ channel: 'paper', from: 'бумажная форма № ПД-007' })).toBe('бумажная форма № ПД-007');
  });
  it('names the browser and the system of a user agent', () => {
    expect(browserOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari (iOS)');
    expect(browserOf('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox (Linux)');
    expect(browserOf('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 YaBrowser/24.12.0.0 Safari/537.36')).toBe('Яндекс Браузер (Windows)');
    expect(browserOf('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0')).toBe('Microsoft Edge (Android)');
    expect(browserOf('node')).toBeNull();
    expect(browserOf('curl/8.5.0')).toBeNull();
    expect(browserOf('')).toBeNull();
  });
  it('warns that the account is disabled', () => {
    expect(withdrawWarning({ forName: 'Морозов Д. И.', relation: 'self' })).toMatch(/ваша учётная запись .* будет отключена, и вы выйдете/);
    expect(withdrawWarning({ forName: 'Морозова А. Д.', relation: 'child' })).toMatch(/учётная запись обучающегося Морозова А\. Д\. .*будет отключена/);
  });
});
