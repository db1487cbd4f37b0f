/**
 * PutItem, UpdateItem, DeleteItem and BatchWriteItem: dynalite's own actions, run through the
 * staging overlay so each request's item and index writes land in one atomic LevelDB batch.
 * Adds what dynalite 4 lacks: `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` puts the item
 * into the ConditionalCheckFailedException, as DynamoDB does.
 */
import type { DynaliteOperation, Item, Store } from './dynalite-internals.ts';
import { DynamoApiError, errorType, toApiError } from './errors.ts';
import { getTable, itemKeyOf, runAction, validateRequest } from './run-action.ts';
import { StagedWrites } from './staged-writes.ts';
import { checkEnum } from './transact-common.ts';

export const PLAIN_WRITES = new Set<DynaliteOperation>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

export async function plainWrite(store: Store, operation: DynaliteOperation, request: Record<string, unknown>) {
  const returnOld = request.ReturnValuesOnConditionCheckFailure;
  checkEnum(returnOld, 'returnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE']);
  const data = validateRequest(operation, request, store);
  const staged = new StagedWrites(store);
  try {
    const result = await runAction(operation, staged.store, data);
    await staged.commit();
    return result;
  } catch (caught) {
    const err = toApiError(caught);
    if (!err || returnOld !== 'ALL_OLD' || errorType(err) !== 'ConditionalCheckFailedException') throw caught;
    const table = await getTable(store, data.TableName as string);
    const keyOrItem = (operation === 'PutItem' ? data.Item : data.Key) as Item;
    const old = await staged.getItem(table.TableName, itemKeyOf(keyOrItem, table));
    throw old ? new DynamoApiError(err.statusCode, { ...err.body, Item: old }) : err;
  }
}
