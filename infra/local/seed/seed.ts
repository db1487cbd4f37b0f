import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localDateOf, type IsoDate } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';
import { dynamo, documentClient } from '#functions/lib/dynamo-client.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';
import { createUserAccount } from '#functions/identity/create-user-account.ts';
import { DEMO_PASSWORD, demoAccounts } from './demo-accounts.ts';
import { paperConsentItems } from './paper-consent.ts';
import { demoUsageUpdate } from './demo-usage.ts';
import { demoChangeEvents } from './demo-notifications.ts';
import { fanOutChanges } from '#functions/notifications/fan-out.ts';
import { baselineMigrations } from '#functions/migrations/run-migrations.ts';
import { logger } from '#functions/lib/logger.ts';
import { DEFAULT_SEED, generateDemoSchool, schoolItems, type DemoSchool, type ItemCounts } from './demo-school/generate.ts';
import { loadItems, type LoadResult } from './demo-school/load.ts';
import { summaryLine } from './demo-school/summary.ts';

const SEED_MARKER = { pk: 'SYSTEM', sk: 'SEED#demo' };

/**
 * The consent behind each demo account, as a paper form the operator entered in September: the
 * student's signed by the demo parent, every other by the account's own person. Without one the
 * account would see no data (п. 3.1).
 */
function demoConsent(school: DemoSchool, account: (typeof demoAccounts)[number], personId: string, n: number) {
  const parent = demoAccounts.find((a) => a.login === 'parent')!;
  const isStudent = account.roles.includes('student');
  return paperConsentItems({
    consentId: `cns-01JC${String(9000 + n).padStart(22, '0')}`,
    person: {
      id: personId,
      name: account.displayName,
      kind: isStudent ? 'student' : account.roles.includes('parent') ? 'parent' : 'staff',
      ...(isStudent ? { className: account.note.match(/\d+\p{L}/u)?.[0] ?? '' } : {}),
    },
    signer: isStudent ? { id: school.demoPersons.parent, name: parent.displayName } : { id: personId, name: account.displayName },
    recordedBy: school.demoPersons.operator,
    documentRef: `ПД-${String(n + 1).padStart(3, '0')}`,
    acceptedAt: `${school.calendar.year.startDate}T09:00:00.000Z`,
  });
}

async function putAll(items: Record<string, unknown>[]): Promise<void> {
  for (const Item of items) await documentClient.send(new PutCommand({ TableName: tableName(), Item }));
}

export type SeedOptions = {
  /**
   * `full` (default): the generated demo school (about 30 classes, 900 students, the journal from
   * 1 September up to yesterday) and the demo accounts linked to its people; `accounts`: the
   * accounts only, unlinked (quick runs). Default from KLASSNY_DEMO_SCHOOL.
   */
  school?: 'full' | 'accounts';
  /** The school's "today"; default the current date in the school's time zone (KLASSNY_DEMO_TODAY overrides). */
  today?: IsoDate;
  /** PRNG seed of the generator (default DEFAULT_SEED; KLASSNY_DEMO_SEED overrides). */
  seed?: string;
  /** Where the one-line summary goes (default stdout). */
  log?: (line: string) => void;
};

export type SeedResult = {
  seeded: boolean;
  /** Set when the school was generated now. */
  summary?: { line: string; counts: ItemCounts; generateMs: number; load: LoadResult };
};

/**
 * Seeds the demo school on first start: generates it (deterministic for its seed and "today"),
 * loads it through the local bulk path (or BatchWriteItem elsewhere), then creates the demo
 * accounts through the same identity code the functions use, each linked to its person. A marker
 * item, written last, records completion: a later start does nothing, and an interrupted seed
 * simply runs again (every item is a plain put of the same deterministic item, account creation
 * is idempotent). `npm start -- --reset` starts from an empty data folder.
 */
export async function seedDemoSchool(options: SeedOptions = {}): Promise<SeedResult> {
  const done = await documentClient.send(new GetCommand({ TableName: tableName(), Key: SEED_MARKER }));
  if (done.Item) return { seeded: false };
  const mode = options.school ?? (process.env.KLASSNY_DEMO_SCHOOL === 'accounts' ? 'accounts' : 'full');
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  let school: DemoSchool | undefined;
  let summary: SeedResult['summary'];
  if (mode === 'full') {
    const timeZone = functionEnv().SCHOOL_TIME_ZONE;
    const today = options.today ?? (process.env.KLASSNY_DEMO_TODAY as IsoDate | undefined) ?? localDateOf(Date.now(), timeZone);
    const started = Date.now();
    school = generateDemoSchool({ today, seed: options.seed ?? process.env.KLASSNY_DEMO_SEED ?? DEFAULT_SEED, timeZone });
    const generateMs = Date.now() - started;
    const counts: ItemCounts = {};
    const counted = (function* () {
      for (const item of schoolItems(school)) {
        counts[String(item.type)] = (counts[String(item.type)] ?? 0) + 1;
        yield item;
      }
    })();
    const load = await loadItems(counted, { tableName: tableName(), client: dynamo, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
    summary = { line: summaryLine(school, counts, generateMs, load.ms), counts, generateMs, load };
  }

  for (const [n, account] of demoAccounts.entries()) {
    const personId = school?.demoPersons[account.login as keyof DemoSchool['demoPersons']];
    const { userId } = await createUserAccount({
      login: account.login,
      displayName: account.displayName,
      roles: account.roles,
      email: `${account.login}@school.example`,
      password: account.temporaryPassword
        ? { value: account.temporaryPassword, permanent: false }
        : { value: DEMO_PASSWORD, permanent: true },
      ...(personId ? { personId } : {}),
    });
    if (personId) {
      // The person knows its account too, as after redeeming an invitation code.
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.person(personId),
          // The account's address is the person's too (notifications go there), unless they gave their own.
          UpdateExpression: 'SET userId = :userId, contacts.email = if_not_exists(contacts.email, :email)',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':userId': userId, ':email': `${account.login}@school.example` },
        }),
      );
      await putAll(demoConsent(school!, account, personId, n));
      // Their use of the journal so far (the usage report, п. 5.10): one small write each.
      const usage = demoUsageUpdate(account.login, userId, school!.today, functionEnv().SCHOOL_TIME_ZONE);
      if (usage) await documentClient.send(usage);
    }
  }
  if (school) {
    // The demo family's bell is not empty on the first sign-in: their last days' marks, told.
    await putAll(demoChangeEvents(school));
    await fanOutChanges(logger.child({ job: 'seed' }));
  }
  // Made in this release's layout: every data migration is recorded as done, none scans the new school.
  await baselineMigrations();
  await documentClient.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...SEED_MARKER,
        type: 'SeedMarker',
        seededAt: new Date().toISOString(),
        ...(school ? { today: school.today, seed: school.seed, academicYearId: school.calendar.year.id, counts: summary!.counts } : {}),
      },
    }),
  );
  if (summary) log(summary.line);
  return { seeded: true, ...(summary ? { summary } : {}) };
}

