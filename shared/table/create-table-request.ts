import { tableDefinition, type KeyAttribute, type TableDefinition } from './definition.ts';

/**
 * The CreateTable request of the table definition: on demand, every index projecting all
 * attributes. Plain data in the SDK's shape, for the local bootstrap and the backups' restore alike.
 */
export function createTableRequest(tableName: string, definition: TableDefinition = tableDefinition) {
  const attributes = new Map<string, KeyAttribute['type']>();
  const keySchema = (partitionKey: KeyAttribute, sortKey: KeyAttribute) => {
    attributes.set(partitionKey.name, partitionKey.type);
    attributes.set(sortKey.name, sortKey.type);
    return [
      { AttributeName: partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: sortKey.name, KeyType: 'RANGE' as const },
    ];
  };
  const KeySchema = keySchema(definition.partitionKey, definition.sortKey);
  const GlobalSecondaryIndexes = definition.globalSecondaryIndexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: 'ALL' as const },
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    KeySchema,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    ...(GlobalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes } : {}),
  };
}
