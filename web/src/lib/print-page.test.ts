import { describe, expect, it } from 'vitest';
import { printPageRule, usePrintPage } from './print-page.ts';

/** Just enough of CSSStyleSheet for Node: what replaceSync was given. */
class FakeSheet {
  text = '';
  replaceSync(text: string): void {
    this.text = text;
  }
}

describe('the printed page size', () => {
  it('is an @page rule for print only', () => {
    expect(printPageRule('landscape')).toBe('@media print { @page { size: A4 landscape; margin: 1cm; } }');
    expect(printPageRule('portrait')).toBe('@media print { @page { size: A4 portrait; margin: 1cm; } }');
  });

  it('is a constructed stylesheet (no <style> element, which the CSP forbids) that leaves with the page', () => {
    const other = new FakeSheet();
    const doc = { adoptedStyleSheets: [other] as unknown as CSSStyleSheet[] };
    const remove = usePrintPage('landscape', doc, FakeSheet as unknown as typeof CSSStyleSheet);
    expect(doc.adoptedStyleSheets).toHaveLength(2);
    expect((doc.adoptedStyleSheets[1] as unknown as FakeSheet).text).toBe(printPageRule('landscape'));
    remove();
    expect(doc.adoptedStyleSheets).toEqual([other]);
  });

  it('does nothing where constructed stylesheets are missing', () => {
    const doc = { adoptedStyleSheets: [] as CSSStyleSheet[] };
    const remove = usePrintPage('portrait', doc, null);
    expect(doc.adoptedStyleSheets).toEqual([]);
    expect(() => remove()).not.toThrow();
  });
});
