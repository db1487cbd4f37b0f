/**
 * Joins a base URL (absolute, root-relative or empty = same origin) and a path.
 * Exactly one slash ends up between them; the query string of `path` is kept.
 *   joinUrl('https://x.example/', '/api/me') → 'https://x.example/api/me'
 *   joinUrl('', '/api/me')                   → '/api/me'
 */
export function joinUrl(base: string, path: string): string {
  const trimmedBase = base.trim().replace(/\/+$/, '');
  const trimmedPath = path.trim().replace(/^\/+/, '');
  if (trimmedPath === '') return trimmedBase === '' ? '/' : trimmedBase + '/';
  return `${trimmedBase}/${trimmedPath}`;
}
