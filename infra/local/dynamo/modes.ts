/**
 * Opt-in behaviours that bring the local engine closer to DynamoDB under concurrency; both are
 * off unless asked for (docs/local-dynamodb.md).
 */
export type DynamoModes = {
  /**
   * Overlapping transactions conflict instead of waiting for each other: TransactionCanceledException
   * with a TransactionConflict reason, TransactionConflictException for a single-item write (conflicts.ts).
   */
  conflicts?: boolean;
  /** Query and Scan on a global secondary index do not see writes younger than this (ms; index-lag.ts). 0: fresh. */
  indexLagMs?: number;
};

export const CONFLICTS_ENV = 'KLASSNY_DYNAMO_CONFLICTS';
export const INDEX_LAG_ENV = 'KLASSNY_DYNAMO_INDEX_LAG_MS';

/** `KLASSNY_DYNAMO_CONFLICTS=1` and `KLASSNY_DYNAMO_INDEX_LAG_MS=<ms>`; a value that is neither off nor valid is an error. */
export function dynamoModesFromEnv(env: Record<string, string | undefined> = process.env): DynamoModes {
  const modes: DynamoModes = {};
  const conflicts = env[CONFLICTS_ENV]?.trim().toLowerCase();
  if (conflicts !== undefined && conflicts !== '') {
    if (conflicts === '1' || conflicts === 'true') modes.conflicts = true;
    else if (conflicts === '0' || conflicts === 'false') modes.conflicts = false;
    else throw new Error(`${CONFLICTS_ENV} must be 1 or 0, not "${env[CONFLICTS_ENV]}"`);
  }
  const lag = env[INDEX_LAG_ENV]?.trim();
  if (lag !== undefined && lag !== '') {
    const ms = Number(lag);
    if (!/^\d+$/.test(lag) || !Number.isSafeInteger(ms)) throw new Error(`${INDEX_LAG_ENV} must be a whole number of milliseconds, not "${lag}"`);
    modes.indexLagMs = ms;
  }
  return modes;
}

/** The modes to use: each one given explicitly wins over the environment. */
export function resolveDynamoModes(explicit: DynamoModes = {}, env: Record<string, string | undefined> = process.env): DynamoModes {
  const fromEnv = dynamoModesFromEnv(env);
  return {
    conflicts: explicit.conflicts ?? fromEnv.conflicts ?? false,
    indexLagMs: explicit.indexLagMs ?? fromEnv.indexLagMs ?? 0,
  };
}
