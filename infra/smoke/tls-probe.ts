import { isIP } from 'node:net';
import tls from 'node:tls';
import type { CheckOutcome } from './types.ts';

/** A certificate closer to its end than this fails the check: time enough to renew and deploy. */
export const MIN_CERTIFICATE_DAYS = 14;
const MODERN_PROTOCOLS = new Set(['TLSv1.2', 'TLSv1.3']);

/** What a TLS handshake showed. */
export type TlsSeen = {
  authorized: boolean;
  authorizationError?: string;
  protocol: string | null;
  subject?: string;
  issuer?: string;
  validTo?: string;
};

/** TLS without SNI for an address: RFC 6066 forbids an IP address as the server name. */
function serverName(host: string): string | undefined {
  return isIP(host) ? undefined : host;
}

function connect(options: tls.ConnectionOptions, signal: AbortSignal): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options);
    const abort = () => socket.destroy(new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    socket.once('secureConnect', () => {
      signal.removeEventListener('abort', abort);
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', abort);
      reject(error);
    });
  });
}

/**
 * A handshake as a browser makes it. Verification is not left to reject the connection, so a bad
 * certificate is still described (who issued it, until when) next to why it is not trusted.
 */
export async function inspectTls(host: string, port: number, options: { ca?: string | Buffer; signal: AbortSignal }): Promise<TlsSeen> {
  const socket = await connect(
    { host, port, servername: serverName(host), rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], ...(options.ca ? { ca: options.ca } : {}) },
    options.signal,
  );
  try {
    const cert = socket.getPeerCertificate();
    return {
      authorized: socket.authorized,
      ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
      protocol: socket.getProtocol(),
      ...(cert.subject ? { subject: nameOf(cert.subject) } : {}),
      ...(cert.issuer ? { issuer: nameOf(cert.issuer) } : {}),
      ...(cert.valid_to ? { validTo: cert.valid_to } : {}),
    };
  } finally {
    socket.destroy();
  }
}

function nameOf(name: tls.Certificate): string {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const cn = first(name.CN);
  return cn ? `CN=${cn}` : (first(name.O) ?? 'unnamed');
}

/** The verdict on a handshake: trusted for the host, TLS 1.2 or 1.3, and not about to expire. */
export function evaluateTls(seen: TlsSeen, now: Date): CheckOutcome {
  const expires = seen.validTo ? new Date(seen.validTo) : undefined;
  const days = expires && !Number.isNaN(expires.getTime()) ? Math.floor((expires.getTime() - now.getTime()) / 86_400_000) : undefined;
  const cert = [seen.subject, seen.issuer && `issued by ${seen.issuer}`, expires && days !== undefined && `valid until ${expires.toISOString().slice(0, 10)} (${days} days)`]
    .filter(Boolean)
    .join(', ');
  const problems: string[] = [];
  if (!seen.authorized) problems.push(`certificate not trusted for the host: ${seen.authorizationError ?? 'unknown reason'}`);
  if (!seen.protocol || !MODERN_PROTOCOLS.has(seen.protocol)) problems.push(`protocol ${seen.protocol ?? 'unknown'} (want TLSv1.2 or TLSv1.3)`);
  if (days === undefined) problems.push('no expiry date on the certificate');
  else if (days < MIN_CERTIFICATE_DAYS) problems.push(`certificate expires in ${days} days (under ${MIN_CERTIFICATE_DAYS})`);
  return { ok: problems.length === 0, detail: [...problems, `${seen.protocol ?? '?'}, ${cert}`].join('; ') };
}

/** What a TLS 1.0/1.1-only client got: a session, a refusal, or something that tells nothing. */
export type LegacySeen = { accepted: true; protocol: string } | { accepted: false; reason: string } | { accepted: 'unknown'; reason: string };

/** Errors that mean the server would not speak TLS 1.0/1.1 with us. */
const REFUSALS = new Set([
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY',
  'ECONNRESET',
  'EPIPE',
]);

/**
 * Offers only TLS 1.0 and 1.1. OpenSSL 3 refuses those itself at its default security level, so
 * the client lowers it (SECLEVEL=0) to make a fair offer; an error our own side raises (nothing it
 * could offer, a signature it would not accept) tells nothing about the server and is "unknown".
 */
export async function probeLegacyTls(host: string, port: number, signal: AbortSignal): Promise<LegacySeen> {
  try {
    const socket = await connect(
      { host, port, servername: serverName(host), rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
      signal,
    );
    const protocol = socket.getProtocol() ?? 'unknown';
    socket.destroy();
    return { accepted: true, protocol };
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as { code?: string }).code ?? (error as Error).message;
    return REFUSALS.has(code) ? { accepted: false, reason: code } : { accepted: 'unknown', reason: code };
  }
}

/**
 * On CloudFront's own `*.cloudfront.net` certificate CloudFront fixes the security policy (it
 * still accepts TLS 1.0): the stack can only enforce TLSv1.2_2021 with a custom domain
 * (docs/deploy.md), so there an accepted old client is reported, not failed.
 */
export function evaluateLegacyTls(seen: LegacySeen, host: string): CheckOutcome {
  if (seen.accepted === 'unknown') return { ok: true, skipped: true, detail: `could not tell (${seen.reason} on our side): not checked` };
  if (!seen.accepted) return { ok: true, detail: `TLS 1.0/1.1-only client refused (${seen.reason})` };
  if (host.endsWith('.cloudfront.net')) {
    return {
      ok: true,
      skipped: true,
      detail: `${seen.protocol} accepted: CloudFront's default *.cloudfront.net certificate keeps CloudFront's own policy; a custom domain enforces TLSv1.2_2021`,
    };
  }
  return { ok: false, detail: `${seen.protocol} accepted from a TLS 1.0/1.1-only client (want refused: TLSv1.2_2021)` };
}
