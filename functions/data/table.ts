import { functionEnv } from '#shared/config/function-env.ts';

export function tableName(): string {
  return functionEnv().TABLE_NAME;
}

/** The version every edited record carries; writes check it (optimistic locking). */
export type Versioned = { version: number; updatedAt: string; updatedBy: string };

export function isConditionalFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionCanceledException');
}
