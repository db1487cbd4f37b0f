/**
 * TransactGetItems: every Get validated as a GetItem (dynalite's validations), then all read
 * while the front's shared lock keeps writers out, so the items come from one consistent state.
 * Responses keep request order; a missing item is an empty entry, as in DynamoDB.
 */
import { dynaliteDb, type Item, type Store } from './dynalite-internals.ts';
import { runAction, validateRequest } from './run-action.ts';
import {
  addUnits,
  asRecord,
  checkReturnConsumedCapacity,
  constraintError,
  consumedCapacity,
  transactItemsOf,
} from './transact-common.ts';

const GET_FIELDS = ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'];

export async function transactGetItems(store: Store, request: Record<string, unknown>) {
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

  const units = new Map<string, number>();
  const responses: Array<{ Item?: Item }> = [];
  for (const data of gets) {
    const result = await runAction('GetItem', store, data);
    const item = result.Item as Item | undefined;
    addUnits(units, data.TableName as string, 2 * dynaliteDb.capacityUnits(item, true, true));
    responses.push(item ? { Item: item } : {});
  }
  const capacity = consumedCapacity(request.ReturnConsumedCapacity, units, 'read');
  return { Responses: responses, ...(capacity ? { ConsumedCapacity: capacity } : {}) };
}
