/**
 * Creates the school's table from the one table definition (shared/table/definition.ts) when
 * it does not exist. Uses only the public DynamoDB API, so it works against the local front,
 * plain dynalite and real DynamoDB alike (the conformance suite uses it for all three).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition, type TableDefinition } from '#shared/table/definition.ts';
import { createTableRequest } from '#shared/table/create-table-request.ts';

/** The CreateTable request of the table definition (shared/table/create-table-request.ts). */
export function createTableInput(tableName: string, definition: TableDefinition = tableDefinition): CreateTableCommandInput {
  return createTableRequest(tableName, definition);
}

export type EnsureTableResult = {
  created: boolean;
  /** Indexes of the definition that an existing table lacks (dynalite cannot add them later). */
  missingIndexes: string[];
};

/** Creates the table if needed and waits until it and its indexes are ACTIVE. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  definition: TableDefinition = tableDefinition,
  options: { timeoutMs?: number } = {},
): Promise<EnsureTableResult> {
  let created = false;
  if (!(await describe(client, tableName))) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName, definition)));
      created = true;
    } catch (err) {
      // Someone else created it meanwhile: fine, wait for it like for our own.
      if (!(err instanceof ResourceInUseException)) throw err;
    }
  }
  const table = await waitUntilActive(client, tableName, options.timeoutMs ?? 10 * 60_000);
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missingIndexes = definition.globalSecondaryIndexes.map((index) => index.indexName).filter((name) => !present.has(name));
  return { created, missingIndexes };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  // Locally the table is ACTIVE at once; real DynamoDB takes seconds to minutes.
  for (let delay = 25; ; delay = Math.min(delay * 2, 2000)) {
    const table = await describe(client, tableName);
    const active =
      table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (table && active) return table;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
