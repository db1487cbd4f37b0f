/**
 * A whole table read with a parallel Scan (segments side by side). Only the backup jobs and the
 * restore's check scan (п. 7.1): no request path does (docs/data-model.md), and only these jobs
 * are granted dynamodb:Scan (infra/lib/table-access.ts). Reads are strongly consistent, so a
 * check right after a restore sees every item written.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { dynamo } from '#functions/lib/dynamo-client.ts';
import type { TableItem } from './item-codec.ts';

export type ScanOptions = {
  segments: number;
  /** Called with each page of a segment, in order within the segment; the next page waits for it. */
  onPage: (segment: number, items: TableItem[]) => Promise<void> | void;
};

export type ScanResult = { items: number; readCapacityUnits: number };

export async function scanTable(tableName: string, options: ScanOptions): Promise<ScanResult> {
  const result: ScanResult = { items: 0, readCapacityUnits: 0 };
  const segment = async (n: number) => {
    let ExclusiveStartKey: TableItem | undefined;
    do {
      const out = await dynamo.send(
        new ScanCommand({
          TableName: tableName,
          Segment: n,
          TotalSegments: options.segments,
          ConsistentRead: true,
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey,
        }),
      );
      const items = (out.Items ?? []) as TableItem[];
      result.items += items.length;
      result.readCapacityUnits += out.ConsumedCapacity?.CapacityUnits ?? 0;
      await options.onPage(n, items);
      ExclusiveStartKey = out.LastEvaluatedKey as TableItem | undefined;
    } while (ExclusiveStartKey);
  };
  await Promise.all(Array.from({ length: options.segments }, (_, n) => segment(n)));
  return result;
}

/** Whether the table holds no item at all. */
export async function tableIsEmpty(tableName: string): Promise<boolean> {
  const out = await dynamo.send(new ScanCommand({ TableName: tableName, Limit: 1, ConsistentRead: true }));
  return (out.Items ?? []).length === 0 && !out.LastEvaluatedKey;
}
