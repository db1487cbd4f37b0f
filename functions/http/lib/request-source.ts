import type { RequestSource } from '#functions/lib/request-source.ts';
import type { HttpEvent } from './types.ts';

/**
 * Where a request came from. Behind CloudFront the gateway sees CloudFront's address, so the
 * viewer's comes from the `CloudFront-Viewer-Address` header (`ip:port`, forwarded by the /api/*
 * origin request policy); without it, the gateway's source address.
 */
export function requestSource(event: HttpEvent): RequestSource {
  // If a client sent its own header too, the gateway joins the values with commas: CloudFront's is last.
  const viewer = event.headers?.['cloudfront-viewer-address']?.split(',').at(-1)?.trim();
  const fromViewer = viewer ? viewer.slice(0, viewer.lastIndexOf(':')).replace(/^\[|\]$/g, '') : '';
  const ip = normalizeIp(fromViewer || event.requestContext?.http?.sourceIp || '');
  return { ip: ip || '0.0.0.0', userAgent: (event.requestContext?.http?.userAgent ?? event.headers?.['user-agent'] ?? '').slice(0, 512) };
}

/** IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is the IPv4 address. */
function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}
