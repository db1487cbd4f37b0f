/** The little XML S3 answers with: no parser needed, only escaped text in fixed elements. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

export const escapeXml = (text: string): string => text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!);

/** `<Name>value</Name>` for each entry, in order; undefined values are left out. */
export function xmlElements(elements: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(elements)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('');
}

/** A whole answer: the declaration and one root element in S3's namespace (errors have none). */
export function xmlDocument(root: string, inner: string): string {
  const ns = root === 'Error' ? '' : ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${inner}</${root}>`;
}
