import { describe, expect, it } from 'vitest';
import { joinUrl } from './url.ts';

describe('joinUrl', () => {
  it('joins a base with and without a trailing slash', () => {
    expect(joinUrl('https://api.example.ru', '/api/me')).toBe('https://api.example.ru/api/me');
    expect(joinUrl('https://api.example.ru/', '/api/me')).toBe('https://api.example.ru/api/me');
    expect(joinUrl('https://api.example.ru//', 'api/me')).toBe('https://api.example.ru/api/me');
  });
  it('treats an empty base as the same origin', () => {
    expect(joinUrl('', '/api/me')).toBe('/api/me');
    expect(joinUrl('  ', 'api/me')).toBe('/api/me');
  });
  it('keeps a base path and the query string', () => {
    expect(joinUrl('https://x.example/prod/', '/api/lessons?date=2026-09-01')).toBe(
      'https://x.example/prod/api/lessons?date=2026-09-01',
    );
  });
  it('handles an empty path', () => {
    expect(joinUrl('https://x.example/', '')).toBe('https://x.example/');
    expect(joinUrl('', '')).toBe('/');
  });
});
