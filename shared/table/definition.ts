/**
 * The one DynamoDB table of a school, declared once.
 * Used by the CDK stack (infra/lib) and by the local bootstrap (infra/local), so both worlds
 * always have the same keys and indexes. Access patterns that use each index are listed in
 * docs/data-model.md.
 */
export type KeyAttribute = { name: string; type: 'S' | 'N' };

export type IndexDefinition = {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Why the index exists: the access patterns it serves. */
  purpose: string;
};

export type TableDefinition = {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry (DynamoDB TTL in AWS; ignored locally). */
  timeToLiveAttribute: string;
};

export const tableDefinition: TableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
      purpose: 'Inverted and alternate lookups (e.g. a person by login, a student across classes).',
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      purpose: 'Second overloaded lookup (e.g. a teacher’s lessons by date).',
    },
    {
      indexName: 'due',
      partitionKey: { name: 'duePk', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
      purpose: 'Sparse work queues ordered by time: mail waiting for delivery, deadlines to check.',
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** Local table name; in AWS the stack passes the generated name in TABLE_NAME. */
export const LOCAL_TABLE_NAME = 'klassny';
