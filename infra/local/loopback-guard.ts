/**
 * The local stand-ins that have no authentication of their own — the DynamoDB endpoint
 * (/dynamodb), the SES endpoint (/ses/) and the mail outbox (/outbox/) — answer only callers on
 * this machine, decided by the socket's peer address (the local stack has no proxy in front, so
 * no forwarded header is trusted). With HOST=0.0.0.0 the site, the API and Cognito are reachable
 * from the network; these stay local unless KLASSNY_EXPOSE_LOCAL_AWS=1. S3 (/s3/) is not guarded:
 * like S3 itself it refuses every request without the stack's SigV4 signature, and browsers on
 * other machines must reach the presigned URLs the API hands them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';

/** The path prefixes answered to loopback callers only. */
export const LOCAL_ONLY_PREFIXES = ['/dynamodb', '/ses/', '/outbox/'] as const;

export const REMOTE_REFUSED_MESSAGE =
  'Доступно только с этого компьютера: локальные заменители AWS (/dynamodb, /ses/, /outbox/) не принимают запросы из сети. ' +
  'Чтобы открыть их для других компьютеров, запустите с KLASSNY_EXPOSE_LOCAL_AWS=1.';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/i, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return isIP(address) === 6 && /^(0{1,4}:){7}0{0,3}1$|^::1$/.test(address);
}

export function isLocalOnlyPath(path: string): boolean {
  return path === '/outbox' || LOCAL_ONLY_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/** Answers 403 and returns true when a caller on another machine asks for a local-only path. */
export function refuseRemoteCaller(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (!isLocalOnlyPath(path) || isLoopbackAddress(req.socket.remoteAddress)) return false;
  const body = JSON.stringify({ message: REMOTE_REFUSED_MESSAGE });
  res.writeHead(403, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
  return true;
}
