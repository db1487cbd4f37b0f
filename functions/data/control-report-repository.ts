/**
 * A control check's stored report (справка): one item per check and period, created once —
 * `attribute_not_exists` in the same transaction as the e-mails it sends, so a re-run (on
 * schedule or on demand, however concurrent) sends nothing twice.
 *
 * Keys: `CONTROL#<check>` / `<periodKey>` (a check's reports, newest period last);
 * gsi1 `CONTROLREPORTS` / `<createdAt>#<check>` (all checks, newest first: AP31).
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ControlCheck } from '#shared/api/control.ts';
import { documentClient } from '#functions/lib/dynamo-client.ts';
import { queuedMailItem, type NewMail } from './mail-queue-repository.ts';
import { queryAll, stripKeys, type StoredItem } from './query.ts';
import { tableName } from './table.ts';

export type StoredControlReport = {
  id: string;
  check: ControlCheck;
  periodKey: string;
  title: string;
  createdAt: string;
  trigger: 'schedule' | 'demand';
  requestedBy?: string;
  summary: { label: string; value: string }[];
  actions: string[];
  mailed: string[];
  files: { format: 'pdf' | 'xlsx' | 'json'; fileName: string; key: string; contentType: string; size: number; label?: string }[];
};

export const controlReportKey = (check: string, periodKey: string) => ({ pk: `CONTROL#${check}`, sk: periodKey });

export function controlReportItem(r: StoredControlReport): StoredItem {
  return { ...controlReportKey(r.check, r.periodKey), gsi1pk: 'CONTROLREPORTS', gsi1sk: `${r.createdAt}#${r.check}`, type: 'ControlReport', ...r };
}

export async function getControlReport(check: string, periodKey: string): Promise<StoredControlReport | undefined> {
  const out = await documentClient.send(new GetCommand({ TableName: tableName(), Key: controlReportKey(check, periodKey), ConsistentRead: true }));
  return out.Item ? stripKeys<StoredControlReport>(out.Item) : undefined;
}

/**
 * The report and its mails in one transaction (≤ 99 mails). False when the report of this check and
 * period already exists (another run made it): nothing is written.
 */
export async function createControlReport(report: StoredControlReport, mails: (NewMail & { mailId: string })[], now: Date): Promise<boolean> {
  if (mails.length > 99) throw new Error('a control report sends at most 99 mails in its transaction');
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: controlReportItem(report), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...mails.map((m) => ({ Put: { TableName: tableName(), Item: queuedMailItem(m, now), ConditionExpression: 'attribute_not_exists(pk)' } })),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException' && String(error.message).includes('ConditionalCheckFailed')) return false;
    throw error;
  }
}

/** AP31 · stored control reports, newest first: all checks (gsi1), or one check's by period. */
export async function listControlReportItems(check: string | undefined, limit: number): Promise<StoredControlReport[]> {
  const items = check
    ? await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `CONTROL#${check}` }, ScanIndexForward: false, Limit: limit })
    : await queryAll({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': 'CONTROLREPORTS' }, ScanIndexForward: false, Limit: limit });
  return items.map((i) => stripKeys<StoredControlReport>(i));
}
