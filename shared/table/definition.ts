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
      purpose: 'A student’s timeline (marks, attendance, final marks across subjects) and alternate lookups (account by login, registers).',
    },
    {
      indexName: 'gsi2',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
      purpose: 'A teacher’s timeline: the lessons they teach (or substitute) by date; a teacher’s assignments.',
    },
    {
      indexName: 'gsi3',
      partitionKey: { name: 'gsi3pk', type: 'S' },
      sortKey: { name: 'gsi3sk', type: 'S' },
      purpose: 'A class’s timeline: the lessons of the class and all its subgroups by date (the diary week).',
    },
    {
      indexName: 'due',
      partitionKey: { name: 'duePk', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
      purpose: 'Sparse work queues ordered by time: mail and notifications waiting for delivery, lessons past their fill deadline.',
    },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** Local table name; in AWS the stack passes the generated name in TABLE_NAME. */
export const LOCAL_TABLE_NAME = 'klassny';
