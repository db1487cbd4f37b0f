import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, startOfDay, type IsoDate } from '#shared/domain/date-math.ts';
import { keys } from '#functions/data/keys.ts';
import { tableName } from '#functions/data/table.ts';

/**
 * The demo accounts' use of the journal (п. 5.10) up to the school's "today", as the sign-in
 * trigger would have left it on their accounts: a last sign-in and a count. Spread so the usage
 * report has every case: active yesterday, within the week, within the month, earlier, never.
 */
const DEMO_USAGE: Record<string, { daysAgo: number; at: string; count: number }> = {
  student: { daysAgo: 1, at: '16:20', count: 57 },
  teacher: { daysAgo: 1, at: '18:45', count: 88 },
  operator: { daysAgo: 1, at: '09:10', count: 71 },
  parent: { daysAgo: 3, at: '21:05', count: 34 },
  coordinator: { daysAgo: 12, at: '10:15', count: 19 },
  director: { daysAgo: 41, at: '11:30', count: 6 },
  // newcomer: never signed in (she sets her own password at the first sign-in).
};

/** The update that writes a demo account's usage, or undefined for one that never signed in. */
export function demoUsageUpdate(login: string, userId: string, today: IsoDate, timeZone: string): UpdateCommand | undefined {
  const usage = DEMO_USAGE[login];
  if (!usage) return undefined;
  const [h, m] = usage.at.split(':').map(Number) as [number, number];
  const lastSignInAt = new Date(startOfDay(addDays(today, -usage.daysAgo), timeZone) + (h * 60 + m) * 60_000).toISOString();
  return new UpdateCommand({
    TableName: tableName(),
    Key: keys.account(userId),
    // SET, not ADD: a seed interrupted and run again writes the same values.
    UpdateExpression: 'SET lastSignInAt = :at, signInCount = :count',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':at': lastSignInAt, ':count': usage.count },
  });
}
