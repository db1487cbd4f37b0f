/** The local DynamoDB stand-in: dynalite plus transactions. See docs/local-dynamodb.md. */
export { createDynamoFront, type DynamoFront, type DynamoFrontOptions } from './front.ts';
export { startLocalDynamo, type LocalDynamo, type LocalDynamoOptions } from './server.ts';
export { createTableInput, ensureTable, type EnsureTableResult } from './create-table.ts';
export type { FaultHook, FaultPoint } from './transact-write.ts';
