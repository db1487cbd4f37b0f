/**
 * Who uses the journal (п. 5.10): what a sign-in leaves on the account (W12), and a class's
 * students and parents with their accounts' use, read by access patterns (AP30).
 *
 * The record lives on the account item only (`lastSignInAt`, `signInCount`): a sign-in is one
 * write, and the report, which is rare, pays the one extra BatchGetItem of the accounts.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Guardianship } from '#shared/domain/guardianship.ts';
import type { IsoDate } from '#shared/domain/dates.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { batchGetItems } from './batch-get.ts';
import { withConflictRetry } from './contention.ts';
import { keys } from './keys.ts';
import { getClassFamilies, type PersonName } from './people-repository.ts';
import { tableName } from './table.ts';

export type SignInRecord = 'recorded' | 'counted' | 'no-account';

/**
 * W12 · A completed password sign-in, on the account: one UpdateItem that sets `lastSignInAt`
 * (only forward: two sign-ins recorded out of order keep the later) and adds one to
 * `signInCount`. Never creates an item: a user without an account record is `no-account`. A
 * sign-in recorded after a later one (`counted`, rare) only adds to the count, with a second
 * UpdateItem. Not versioned and not audited: it is no one's edit, and must not make the
 * operator's versioned changes of the account conflict.
 */
export async function recordSignIn(userId: string, at: Date, options: { abortSignal?: AbortSignal } = {}): Promise<SignInRecord> {
  const send = (command: UpdateCommand) =>
    withConflictRetry(() => documentClient.send(command, options.abortSignal ? { abortSignal: options.abortSignal } : {}));
  try {
    await send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.account(userId),
        UpdateExpression: 'SET lastSignInAt = :at ADD signInCount :one',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastSignInAt) OR lastSignInAt < :at)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':one': 1 },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'recorded';
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    if (!(error as { Item?: unknown }).Item) return 'no-account';
  }
  try {
    await send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.account(userId),
        UpdateExpression: 'ADD signInCount :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    return 'counted';
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'no-account';
    throw error;
  }
}

/** An account's use as the usage report shows it. */
export type AccountUsage = {
  status: 'active' | 'disabled';
  /** The last completed password sign-in (ISO instant); absent: never signed in. */
  lastSignInAt?: string;
  /** Password sign-ins since the account was made (0: never). */
  signInCount: number;
};

export type PersonUsage = PersonName & {
  personId: string;
  /** The person is linked to an account (`Person.userId`). */
  hasAccount: boolean;
  /** Present when the account record was found. */
  account?: AccountUsage;
};

export type StudentUsage = PersonUsage & { role: 'student' };
export type ParentUsage = PersonUsage & {
  role: 'parent';
  /** Their children in this class (one family line each). */
  children: (PersonName & { studentId: string; relation: Guardianship['relation'] })[];
};

export type ClassUsage = { classId: string; students: StudentUsage[]; parents: ParentUsage[] };

/**
 * AP30 · a class's usage on a date: its students then (roster lines without an end before it) and
 * their parents (family lines), each with whether they have an account, its status, last sign-in
 * and count. Reads: `Query pk = CLASS#<class>` · `BatchGetItem` of the people's profiles (`id,
 * userId`) · `BatchGetItem` of their accounts (`status, lastSignInAt, signInCount`); 100 keys a
 * call (a class of ~30 students and ~45 parents: one call each). No Scan. Eventually consistent:
 * a report, not a decision.
 */
export async function getClassUsage(classId: string, onDate: IsoDate): Promise<ClassUsage> {
  const { students, parents } = await getClassFamilies(classId);
  const current = students.filter((s) => !s.to || s.to >= onDate);
  const currentIds = new Set(current.map((s) => s.studentId));

  const byParent = new Map<string, ParentUsage>();
  for (const line of parents) {
    if (!currentIds.has(line.studentId)) continue;
    const child = current.find((s) => s.studentId === line.studentId)!;
    const parent = byParent.get(line.parentId) ?? {
      role: 'parent' as const,
      personId: line.parentId,
      ...nameOf(line),
      hasAccount: false,
      children: [],
    };
    parent.children.push({ studentId: child.studentId, relation: line.relation, ...nameOf(child) });
    byParent.set(line.parentId, parent);
  }
  const rows: (StudentUsage | ParentUsage)[] = [
    ...current.map((s) => ({ role: 'student' as const, personId: s.studentId, ...nameOf(s), hasAccount: false })),
    ...byParent.values(),
  ];
  if (rows.length === 0) return { classId, students: [], parents: [] };

  const profiles = await batchGetItems(
    rows.map((r) => keys.person(r.personId)),
    { attributes: ['id', 'userId'] },
  );
  const userIdOf = new Map(profiles.filter((p) => p.userId).map((p) => [String(p.id), String(p.userId)]));
  const accounts = userIdOf.size
    ? await batchGetItems(
        [...userIdOf.values()].map((userId) => keys.account(userId)),
        { attributes: ['userId', 'status', 'lastSignInAt', 'signInCount'] },
      )
    : [];
  const accountOf = new Map(accounts.map((a) => [String(a.userId), toUsage(a)]));

  for (const row of rows) {
    const userId = userIdOf.get(row.personId);
    row.hasAccount = Boolean(userId);
    const account = userId ? accountOf.get(userId) : undefined;
    if (account) row.account = account;
  }
  return {
    classId,
    students: rows.filter((r): r is StudentUsage => r.role === 'student'),
    parents: rows.filter((r): r is ParentUsage => r.role === 'parent'),
  };
}

const nameOf = (p: PersonName): PersonName => ({ lastName: p.lastName, firstName: p.firstName, ...(p.middleName ? { middleName: p.middleName } : {}) });

function toUsage(item: Record<string, unknown>): AccountUsage {
  return {
    status: item.status === 'disabled' ? 'disabled' : 'active',
    ...(typeof item.lastSignInAt === 'string' ? { lastSignInAt: item.lastSignInAt } : {}),
    signInCount: typeof item.signInCount === 'number' ? item.signInCount : 0,
  };
}
