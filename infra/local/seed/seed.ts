import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/lib/aws-clients.ts';
import { tableName } from '#functions/data/table.ts';
import { createUserAccount } from '#functions/identity/create-user-account.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo-accounts.ts';

const SEED_MARKER = { pk: 'SYSTEM', sk: 'SEED#demo' };

/**
 * Seeds the demo school on first start, through the same identity code the functions use.
 * A marker item records completion, so a later start does nothing and an interrupted seed
 * simply runs again (every step is idempotent).
 */
export async function seedDemoSchool(): Promise<{ seeded: boolean }> {
  const done = await documentClient.send(new GetCommand({ TableName: tableName(), Key: SEED_MARKER }));
  if (done.Item) return { seeded: false };
  for (const account of demoAccounts) {
    await createUserAccount({
      login: account.login,
      displayName: account.displayName,
      roles: account.roles,
      email: `${account.login}@school.example`,
      password: account.temporaryPassword
        ? { value: account.temporaryPassword, permanent: false }
        : { value: DEMO_PASSWORD, permanent: true },
    });
  }
  await documentClient.send(
    new PutCommand({ TableName: tableName(), Item: { ...SEED_MARKER, type: 'SeedMarker', seededAt: new Date().toISOString() } }),
  );
  return { seeded: true };
}
