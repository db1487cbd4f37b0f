/** The local DynamoDB stand-in: dynalite plus transactions. See docs/local-dynamodb.md. */
export { createDynamoFront, inProcessFront, type DynamoFront, type DynamoFrontOptions } from './front.ts';
export { startLocalDynamo, type LocalDynamo, type LocalDynamoOptions } from './server.ts';
export { createTableInput, ensureTable, type EnsureTableResult } from './create-table.ts';
export { BULK_TARGET, IDENTIFY_TARGET, type BulkEntry } from './bulk-put.ts';
export type { FaultHook, FaultPoint } from './transact-write.ts';
export { CONFLICTS_ENV, INDEX_LAG_ENV, dynamoModesFromEnv, resolveDynamoModes, type DynamoModes } from './modes.ts';
