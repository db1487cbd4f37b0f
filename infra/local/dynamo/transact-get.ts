/**
 * TransactGetItems: every Get validated as a GetItem (dynalite's validations), then all read
 * while the front's shared lock keeps writers out, so the items come from one consistent state.
 * Responses keep request order; a missing item is an empty entry, as in DynamoDB.
 *
 * `planTransactGet` validates; `runTransactGet` reads under the lock. In conflict mode
 * (conflicts.ts) the front plans first and cancels a request whose items a write transaction in
 * flight holds, as DynamoDB does.
 */
import { dynaliteDb, type ActionData, type Item, type Store } from './dynalite-internals.ts';
import { itemIdentity } from './conflicts.ts';
import { getTable, itemKeyOf, runAction, validateRequest } from './run-action.ts';
import {
  addUnits,
  asRecord,
  checkReturnConsumedCapacity,
  constraintError,
  consumedCapacity,
  transactItemsOf,
} from './transact-common.ts';

const GET_FIELDS = ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'];

export type TransactGetPlan = { request: Record<string, unknown>; gets: ActionData[] };

export async function transactGetItems(store: Store, request: Record<string, unknown>) {
  return runTransactGet(store, planTransactGet(store, request));
}

/** Validates every Get; whole-request errors are thrown here. */
export function planTransactGet(store: Store, request: Record<string, unknown>): TransactGetPlan {
  const items = transactItemsOf(request);
  checkReturnConsumedCapacity(request);

  const gets = items.map((item, index) => {
    if (item.Get === undefined || item.Get === null) {
      throw constraintError(null, `transactItems.${index + 1}.member.get`, 'Member must not be null');
    }
    const source = asRecord(item.Get);
    const picked: Record<string, unknown> = {};
    for (const field of GET_FIELDS) if (source[field] !== undefined) picked[field] = source[field];
    return validateRequest('GetItem', picked, store);
  });
  return { request, gets };
}

/**
 * Per Get, its item across tables; undefined where the table is missing or the key does not fit
 * it (reading reports those errors).
 */
export async function transactGetIdentities(store: Store, plan: TransactGetPlan): Promise<(string | undefined)[]> {
  return Promise.all(
    plan.gets.map(async (data) => {
      const table = await getTable(store, data.TableName as string).catch(() => undefined);
      if (!table || dynaliteDb.validateKey(data.Key as Item, table)) return undefined;
      return itemIdentity(table.TableName, itemKeyOf(data.Key as Item, table));
    }),
  );
}

/** Reads every item, with the front's shared lock held. */
export async function runTransactGet(store: Store, plan: TransactGetPlan) {
  const units = new Map<string, number>();
  const responses: Array<{ Item?: Item }> = [];
  for (const data of plan.gets) {
    const result = await runAction('GetItem', store, data);
    const item = result.Item as Item | undefined;
    addUnits(units, data.TableName as string, 2 * dynaliteDb.capacityUnits(item, true, true));
    responses.push(item ? { Item: item } : {});
  }
  const capacity = consumedCapacity(plan.request.ReturnConsumedCapacity, units, 'read');
  return { Responses: responses, ...(capacity ? { ConsumedCapacity: capacity } : {}) };
}
