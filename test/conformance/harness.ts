/**
 * Where the conformance cases run. By default: the local stand-in (in memory, or in a given
 * folder). With DYNAMODB_ENDPOINT set: that endpoint (real DynamoDB, e.g.
 * https://dynamodb.eu-central-1.amazonaws.com, credentials and region from the usual AWS
 * environment), in a fresh table named from the DYNAMODB_TABLE prefix, deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '#infra/local/dynamo/create-table.ts';
import { startLocalDynamo, type LocalDynamo, type LocalDynamoOptions } from '#infra/local/dynamo/server.ts';

export const remoteEndpoint = process.env.DYNAMODB_ENDPOINT || undefined;
export const isLocal = remoteEndpoint === undefined;
/** Real DynamoDB needs minutes for a table with indexes; locally it is instant. */
export const setupTimeoutMs = isLocal ? 10_000 : 15 * 60_000;

export type Target = {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** The local stand-in, when running locally. */
  local?: LocalDynamo;
  close(): Promise<void>;
};

export function localClient(endpoint: string, maxAttempts?: number): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}

export async function openTarget(options: LocalDynamoOptions = {}): Promise<Target> {
  const local = isLocal ? await startLocalDynamo(options) : undefined;
  const client = local ? localClient(local.endpoint) : new DynamoDBClient({ endpoint: remoteEndpoint });
  const tableName = local ? 'klassny' : `${process.env.DYNAMODB_TABLE ?? 'klassny-conformance'}-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    client,
    doc: DynamoDBDocumentClient.from(client),
    tableName,
    local,
    async close() {
      if (!local) await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
      await local?.close();
    },
  };
}

/** The rejection of a promise that must fail. */
export async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the request to fail, but it succeeded');
}

/** A key prefix unique to one test, so cases never see each other's items. */
export const uniquePk = (name: string) => `${name}#${randomUUID().slice(0, 8)}`;

/** Retries an assertion: real DynamoDB's indexes are eventually consistent. */
export async function eventually(check: () => Promise<void>, timeoutMs = isLocal ? 0 : 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
