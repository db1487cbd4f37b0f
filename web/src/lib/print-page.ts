/**
 * The printed page's size while a page is open (`@page`; it leaves with the page). The site's
 * Content-Security-Policy has no `'unsafe-inline'` in `style-src`, so no `<style>` element may
 * be added at run time; a constructed stylesheet (CSSOM, `document.adoptedStyleSheets`) may.
 */

export type PrintOrientation = 'landscape' | 'portrait';

/** The rule for A4 in this orientation with 1 cm margins. */
export function printPageRule(orientation: PrintOrientation): string {
  return `@media print { @page { size: A4 ${orientation}; margin: 1cm; } }`;
}

type SheetDocument = { adoptedStyleSheets: CSSStyleSheet[] };

/**
 * Adds the rule to the document; the returned function takes it away (an `$effect`'s cleanup).
 * Where constructed stylesheets are missing (browsers before 2023) the browser's own page size
 * stays.
 */
export function usePrintPage(
  orientation: PrintOrientation,
  doc: SheetDocument = document,
  Sheet: typeof CSSStyleSheet | null = globalThis.CSSStyleSheet ?? null,
): () => void {
  if (!Sheet || !Array.isArray(doc.adoptedStyleSheets)) return () => {};
  let sheet: CSSStyleSheet;
  try {
    sheet = new Sheet();
    sheet.replaceSync(printPageRule(orientation));
  } catch {
    return () => {};
  }
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
