/**
 * Key builders for the single table: every key string is made here and nowhere else.
 * The full design (entities, indexes, access patterns) is in docs/data-model.md.
 */
export const keys = {
  /** An account (a Cognito user) and its profile. */
  account: (userId: string) => ({ pk: `ACCOUNT#${userId}`, sk: 'PROFILE' }),
  /** gsi1: an account by login (case-insensitive, like the user pool). */
  accountByLogin: (login: string) => ({ gsi1pk: `LOGIN#${login.toLowerCase()}`, gsi1sk: 'ACCOUNT' }),
  /** A queued e-mail. */
  mail: (mailId: string) => ({ pk: `MAIL#${mailId}`, sk: 'MAIL' }),
  /** due index: mail waiting for delivery, oldest first. Removed once sent (sparse). */
  mailDue: (dueAt: string) => ({ duePk: 'MAIL#PENDING', dueAt }),
} as const;

export const MAIL_PENDING = 'MAIL#PENDING';
