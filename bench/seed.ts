/**
 * Seeds a school into a data folder, in a process of its own (bench/stack.ts runs it):
 * `tsx bench/seed.ts <demo|fixture> <dataDir>`. Prints the table's items by type as the last line.
 */
import '#infra/local/quiet-sdk.ts';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';
import { localDocumentClient, startOn, type SchoolKind } from './stack.ts';

async function seedSchool(school: SchoolKind): Promise<void> {
  if (school === 'demo') {
    const { seedDemoSchool } = await import('#infra/local/seed/seed.ts');
    await seedDemoSchool();
    return;
  }
  const fixture = await import('../test/support/fixture-school.ts');
  await fixture.writeFixtureSchool();
  await fixture.createFixtureAccounts();
}

async function countItems(endpoint: string): Promise<Record<string, number>> {
  const client = localDocumentClient(endpoint);
  const counts: Record<string, number> = {};
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({ TableName: LOCAL_TABLE_NAME, ProjectionExpression: '#t', ExpressionAttributeNames: { '#t': 'type' }, ExclusiveStartKey }),
    );
    for (const item of out.Items ?? []) {
      const type = String(item.type ?? 'untyped');
      counts[type] = (counts[type] ?? 0) + 1;
    }
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  client.destroy();
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

const [school, dataDir] = process.argv.slice(2) as [SchoolKind | undefined, string | undefined];
if ((school !== 'demo' && school !== 'fixture') || !dataDir) {
  process.stderr.write('usage: tsx bench/seed.ts <demo|fixture> <dataDir>\n');
  process.exit(2);
}
const stack = await startOn(dataDir, () => seedSchool(school));
try {
  const items = await countItems(`http://127.0.0.1:${stack.port}/dynamodb`);
  process.stdout.write(`${JSON.stringify({ items })}\n`);
} finally {
  await stack.close();
}
process.exit(0);
