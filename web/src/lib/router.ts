/**
 * A small hash router: routes are `#/section`. Hashes that do not start with `#/` (e.g. a
 * plain in-page anchor) are not routes and leave the current page alone.
 */

/** `#/journal?x=1` → `/journal`; `''`, `#`, `#/` → `/`; `#main` → null (not a route). */
export function parseHash(hash: string): string | null {
  const value = hash.startsWith('#') ? hash.slice(1) : hash;
  if (value === '' || value === '/') return '/';
  if (!value.startsWith('/')) return null;
  const path = value.split(/[?#]/, 1)[0] ?? '/';
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  const normalized = decoded.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  return normalized === '' ? '/' : normalized;
}

/** The link target for a route path. */
export function hrefFor(path: string): string {
  return `#${path.startsWith('/') ? path : `/${path}`}`;
}
