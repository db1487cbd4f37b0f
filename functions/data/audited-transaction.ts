import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuditEvent } from '#shared/domain/audit-event.ts';
import { newId } from '#shared/domain/ids.ts';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { ConflictError, IdempotencyKeyReusedError, type AppError } from '#functions/lib/errors.ts';
import { keys } from './keys.ts';
import { tableName } from './table.ts';
import { withConflictRetry, ContendedWrite } from './contention.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type AuditRecord = {
  entityType: AuditEvent['entityType'];
  /** Stable key of the edited record, e.g. `MARK#<lessonId>#<studentId>`; its history is queried by it. */
  entityKey: string;
  action: AuditEvent['action'];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type AuditedWrite = { item: TransactItem; audit?: AuditRecord };

export type Actor = { userId: string; personId: string; role?: AuditEvent['actorRole'] };

/** DynamoDB allows 100 items per transaction: the writes, their audit events and the idempotency record. */
export const MAX_TRANSACTION_ITEMS = 100;

export type CommitResult<R> = { result: R; replayed: boolean };

/** A write whose condition failed: which one, and the item as it is now (DynamoDB's ALL_OLD), if any. */
export type FailedCondition = { index: number; current: Record<string, unknown> | undefined };

/**
 * Commits writes, their audit events and the request's idempotency record in one transaction:
 * all or nothing. A retry of the same request (same clientRequestId, actor and content) is
 * answered with the stored result and applies nothing; the same id with other content is an
 * IdempotencyKeyReusedError. A failed condition becomes the caller's own error through
 * `onConflict` (the current item is read from the cancellation itself: no extra read), by
 * default a ConflictError. A transaction cancelled because others were writing the same items
 * at that moment (AWS's TransactionConflict) is retried a few times with jitter, then a
 * BusyError: nothing was written, and the request may be sent again.
 */
export async function commitAudited<R>(input: {
  clientRequestId: string;
  operation: string;
  actor: Actor;
  /** What the request asked, hashed so a reused id with other content is told apart. */
  request: unknown;
  writes: AuditedWrite[];
  result: R;
  now?: Date;
  onConflict?: (failed: FailedCondition) => AppError | Promise<AppError>;
}): Promise<CommitResult<R>> {
  const size = input.writes.length + input.writes.filter((w) => w.audit).length + 1;
  if (size > MAX_TRANSACTION_ITEMS) throw new Error(`a transaction holds at most ${MAX_TRANSACTION_ITEMS} items, not ${size}`);
  const now = input.now ?? new Date();
  const at = now.toISOString();
  const requestHash = createHash('sha256').update(JSON.stringify(input.request)).digest('hex');
  const table = tableName();

  const items: TransactItem[] = input.writes.map((w) => w.item);
  input.writes.forEach((w, i) => {
    if (!w.audit) return;
    items.push({
      Put: {
        TableName: table,
        Item: {
          ...keys.audit(w.audit.entityKey, at, input.clientRequestId, i),
          type: 'AuditEvent',
          id: newId('auditEvent', now.getTime(), randomBytes(10)),
          at,
          actorId: input.actor.personId,
          ...(input.actor.role ? { actorRole: input.actor.role } : {}),
          ...w.audit,
          requestId: input.clientRequestId,
          operation: input.operation,
        } satisfies AuditEvent & Record<string, unknown>,
      },
    });
  });
  items.push({
    Put: {
      TableName: table,
      Item: {
        ...keys.idempotency(input.clientRequestId),
        type: 'IdempotencyRecord',
        operation: input.operation,
        actorUserId: input.actor.userId,
        requestHash,
        result: input.result,
        createdAt: at,
        // Kept a day (DynamoDB TTL); retries come within seconds or minutes.
        expiresAt: Math.floor(now.getTime() / 1000) + 24 * 3600,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });

  try {
    await withConflictRetry(async () => {
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: items,
            // DynamoDB's own idempotency covers the SDK's retries of this very call (same token,
            // same content); a later retry of the request gets a fresh token and is caught by the
            // idempotency record instead, since its timestamps and new ids differ.
            ClientRequestToken: randomUUID(),
          }),
        );
      } catch (error) {
        // Cancelled because another transaction held one of these items: nothing was applied.
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        if (reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed')) {
          throw new ContendedWrite();
        }
        throw error;
      }
    });
    return { result: input.result, replayed: false };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    const idempotency = reasons[items.length - 1];
    if (idempotency?.Code === 'ConditionalCheckFailed') {
      const stored = idempotency.Item ? unmarshall(idempotency.Item) : undefined;
      if (stored && stored.operation === input.operation && stored.actorUserId === input.actor.userId && stored.requestHash === requestHash) {
        return { result: stored.result as R, replayed: true };
      }
      throw new IdempotencyKeyReusedError();
    }
    const index = reasons.findIndex((r, i) => i < input.writes.length && r.Code === 'ConditionalCheckFailed');
    if (index >= 0) {
      const item = reasons[index]?.Item;
      const failed = { index, current: item ? unmarshall(item) : undefined };
      throw input.onConflict ? await input.onConflict(failed) : new ConflictError();
    }
    throw error;
  }
}
