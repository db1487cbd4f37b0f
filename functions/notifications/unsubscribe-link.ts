import { jwtVerify, SignJWT } from 'jose';
import { NOTIFICATION_TOPICS, type NotificationTopic } from '#shared/domain/notification.ts';
import { existingSigningKey, signingKey } from '#functions/data/signing-key-repository.ts';
import { functionEnv } from '#shared/config/function-env.ts';

/**
 * The unsubscribe link in every notification e-mail: works without signing in, so it carries its
 * own proof — a token signed with the school's key (HS256), naming the recipient and what it
 * stops, valid for 90 days. A tampered, foreign or expired token is refused.
 */
export type UnsubscribeScope = NotificationTopic | 'all';
export const UNSUBSCRIBE_VALID_DAYS = 90;
const PURPOSE = 'unsubscribe';

export async function unsubscribeToken(recipientId: string, scope: UnsubscribeScope, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ scope, purpose: PURPOSE })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(recipientId)
    .setIssuer(functionEnv().SCHOOL_ID)
    .setIssuedAt(iat)
    .setExpirationTime(iat + UNSUBSCRIBE_VALID_DAYS * 86_400)
    .sign(await signingKey(PURPOSE));
}

export async function unsubscribeLink(recipientId: string, scope: UnsubscribeScope, now = new Date()): Promise<string> {
  return `${functionEnv().WEB_URL.replace(/\/$/, '')}/#/unsubscribe/${await unsubscribeToken(recipientId, scope, now)}`;
}

/** The recipient and scope of a valid token, or null (tampered, another school's, expired). */
export async function readUnsubscribeToken(
  token: string,
  now = new Date(),
): Promise<{ recipientId: string; scope: UnsubscribeScope; expiresAt: string } | null> {
  // A link is checked with the key that signed it; a request with no key made yet (no e-mail ever
  // sent) makes none — a public caller writes nothing.
  const key = await existingSigningKey(PURPOSE);
  if (!key) return null;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: functionEnv().SCHOOL_ID,
      currentDate: now,
    });
    const scope = payload.scope;
    if (payload.purpose !== PURPOSE || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return null;
    if (scope !== 'all' && !NOTIFICATION_TOPICS.includes(scope as NotificationTopic)) return null;
    return { recipientId: payload.sub, scope: scope as UnsubscribeScope, expiresAt: new Date(payload.exp * 1000).toISOString() };
  } catch {
    return null;
  }
}
