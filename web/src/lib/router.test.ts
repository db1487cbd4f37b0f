import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './router.ts';

describe('parseHash', () => {
  it('maps empty hashes to the home page', () => {
    expect(parseHash('')).toBe('/');
    expect(parseHash('#')).toBe('/');
    expect(parseHash('#/')).toBe('/');
  });
  it('returns the route path', () => {
    expect(parseHash('#/journal')).toBe('/journal');
    expect(parseHash('#/journal/')).toBe('/journal');
    expect(parseHash('#//journal')).toBe('/journal');
    expect(parseHash('#/journal?date=2026-09-01')).toBe('/journal');
    expect(parseHash('#/%D0%B0')).toBe('/а');
  });
  it('ignores in-page anchors that are not routes', () => {
    expect(parseHash('#main')).toBeNull();
  });
  it('survives a malformed escape', () => {
    expect(parseHash('#/%E0%A4%A')).toBe('/%E0%A4%A');
  });
});

describe('hrefFor', () => {
  it('builds hash links', () => {
    expect(hrefFor('/')).toBe('#/');
    expect(hrefFor('/marks')).toBe('#/marks');
    expect(hrefFor('marks')).toBe('#/marks');
  });
});
