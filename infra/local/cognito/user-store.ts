/**
 * The pool's state — signing key, groups, users, sign-in sessions (refresh
 * tokens and their revocation) — kept in memory and, when a data folder is
 * given, in `<dataDir>/<userPoolId>.json`, written atomically (temp file +
 * fsync + rename) before a changing call answers. Writes requested in the same
 * tick are coalesced into one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonWebKey } from 'node:crypto';

export type UserStatus = 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED';

export interface UserRecord {
  username: string;
  sub: string;
  /** Attributes other than sub. */
  attributes: Record<string, string>;
  passwordHash: string;
  /**
   * Hashes of the user's last permanent passwords, newest first (the current one included when
   * it is permanent), at most the pool's password history size. Absent for users stored before
   * the history was kept: then the current hash of a CONFIRMED user is their history.
   */
  passwordHistory?: string[];
  status: UserStatus;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** Set while status is FORCE_CHANGE_PASSWORD. */
  temporaryPasswordExpiresAt?: number;
  groups: string[];
  /** Secret given by AssociateSoftwareToken, not yet verified. */
  totpPendingSecret?: string;
  /** Verified TOTP secret. */
  totpSecret?: string;
  softwareTokenMfaEnabled: boolean;
  softwareTokenMfaPreferred: boolean;
}

export interface GroupRecord {
  name: string;
  description?: string;
  precedence?: number;
  roleArn?: string;
  createdAt: number;
  updatedAt: number;
}

/** One sign-in: its refresh token (hashed) and the origin_jti of every token issued from it. */
export interface SessionRecord {
  originJti: string;
  refreshTokenHash: string;
  sub: string;
  authTime: number;
  expiresAt: number;
  revokedAt?: number;
}

export interface SigningKey {
  kid: string;
  privateJwk: JsonWebKey;
}

export interface PoolState {
  version: 1;
  userPoolId: string;
  signingKey?: SigningKey;
  groups: Record<string, GroupRecord>;
  /** Keyed by lower-cased username (usernames are case-insensitive). */
  users: Record<string, UserRecord>;
  /** Keyed by origin_jti. */
  sessions: Record<string, SessionRecord>;
}

/** Null-prototype records, so that names like `__proto__` or `constructor` are plain keys. */
function dict<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

export const userKey = (username: string): string => username.normalize('NFC').toLowerCase();

export class UserStore {
  readonly state: PoolState;
  private readonly file: string | undefined;
  private readonly bySub = new Map<string, string>();
  private readonly byRefreshHash = new Map<string, string>();
  private pending: Promise<void> | undefined;

  constructor(userPoolId: string, dataDir: string | undefined) {
    this.file = dataDir ? join(dataDir, `${userPoolId}.json`) : undefined;
    if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (this.file && existsSync(this.file)) {
      const loaded = JSON.parse(readFileSync(this.file, 'utf8')) as PoolState;
      if (loaded.version !== 1 || loaded.userPoolId !== userPoolId) {
        throw new Error(`Cognito emulator: ${this.file} holds another pool or an unknown format`);
      }
      this.state = {
        ...loaded,
        groups: dict(loaded.groups),
        users: dict(loaded.users),
        sessions: dict(loaded.sessions),
      };
    } else {
      this.state = { version: 1, userPoolId, groups: dict(), users: dict(), sessions: dict() };
    }
    for (const [key, user] of Object.entries(this.state.users)) this.bySub.set(user.sub, key);
    for (const session of Object.values(this.state.sessions)) {
      this.byRefreshHash.set(session.refreshTokenHash, session.originJti);
    }
  }

  getUser(username: string): UserRecord | undefined {
    return this.state.users[userKey(username)];
  }

  getUserBySub(sub: string): UserRecord | undefined {
    const key = this.bySub.get(sub);
    return key === undefined ? undefined : this.state.users[key];
  }

  putUser(user: UserRecord): void {
    this.state.users[userKey(user.username)] = user;
    this.bySub.set(user.sub, userKey(user.username));
  }

  deleteUser(user: UserRecord): void {
    delete this.state.users[userKey(user.username)];
    this.bySub.delete(user.sub);
  }

  /** Users sorted by key, for stable listing and pagination. */
  listUsers(): Array<[string, UserRecord]> {
    return Object.entries(this.state.users).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  addSession(session: SessionRecord): void {
    this.state.sessions[session.originJti] = session;
    this.byRefreshHash.set(session.refreshTokenHash, session.originJti);
  }

  getSession(originJti: string): SessionRecord | undefined {
    return this.state.sessions[originJti];
  }

  getSessionByRefreshHash(hash: string): SessionRecord | undefined {
    const jti = this.byRefreshHash.get(hash);
    return jti === undefined ? undefined : this.state.sessions[jti];
  }

  /** Revokes every sign-in of a user; returns how many were live. */
  revokeSessionsOf(sub: string, at: number): number {
    let count = 0;
    for (const session of Object.values(this.state.sessions)) {
      if (session.sub === sub && session.revokedAt === undefined) {
        session.revokedAt = at;
        count++;
      }
    }
    return count;
  }

  /** Drops sessions that can no longer back any token (refresh and last access token expired). */
  prune(now: number, accessTtlMs: number): void {
    for (const [jti, session] of Object.entries(this.state.sessions)) {
      if (now > session.expiresAt + accessTtlMs) {
        delete this.state.sessions[jti];
        this.byRefreshHash.delete(session.refreshTokenHash);
      }
    }
  }

  /** Persists the current state; resolves once it is on disk (immediately when in memory). */
  commit(): Promise<void> {
    if (!this.file) return Promise.resolve();
    this.pending ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.pending = undefined;
        try {
          this.writeNow();
          resolve();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
    return this.pending;
  }

  /** Synchronous atomic write: temp file, fsync, rename, fsync of the folder. */
  writeNow(): void {
    if (!this.file) return;
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(this.state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
    try {
      const dir = openSync(join(this.file, '..'), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    } catch {
      // Some platforms cannot fsync a directory; the rename is still atomic.
    }
  }

  /** Waits for a pending write. */
  async flush(): Promise<void> {
    await this.pending;
  }
}
