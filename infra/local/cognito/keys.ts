/**
 * The pool's RS256 signing key: generated on first start and kept in the
 * pool's state (so tokens stay valid across restarts), published as a JWKS.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { UserStore } from './user-store.ts';

export interface PublicJwk {
  kty: string;
  n: string;
  e: string;
  alg: 'RS256';
  kid: string;
  use: 'sig';
}

export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwks: { keys: PublicJwk[] };
}

/** Loads the key from the store, generating (and persisting) it when missing. */
export function loadSigningKeys(store: UserStore): SigningKeys {
  if (!store.state.signingKey) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    store.state.signingKey = { kid: randomUUID(), privateJwk: privateKey.export({ format: 'jwk' }) };
    store.writeNow();
  }
  const { kid, privateJwk } = store.state.signingKey;
  const privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const { n, e, kty } = publicKey.export({ format: 'jwk' });
  if (!n || !e || !kty) throw new Error('Cognito emulator: signing key is not an RSA key');
  return { kid, privateKey, publicKey, jwks: { keys: [{ kty, n, e, alg: 'RS256', kid, use: 'sig' }] } };
}
