/**
 * PutItem, UpdateItem, DeleteItem and BatchWriteItem: dynalite's own actions, run through the
 * staging overlay so each request's item and index writes land in one atomic LevelDB batch.
 * Adds what dynalite 4 lacks: `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` puts the item
 * into the ConditionalCheckFailedException, as DynamoDB does.
 */
import { dynaliteDb, type DynaliteOperation, type Item, type Store } from './dynalite-internals.ts';
import { itemIdentity } from './conflicts.ts';
import { DynamoApiError, errorType, toApiError } from './errors.ts';
import { getTable, itemKeyOf, runAction, validateRequest } from './run-action.ts';
import { StagedWrites, type CommitObserver } from './staged-writes.ts';
import { checkEnum } from './transact-common.ts';

export const PLAIN_WRITES = new Set<DynaliteOperation>(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** The single-item writes a transaction in flight makes fail in conflict mode (conflicts.ts). */
export const SINGLE_ITEM_WRITES = new Set<DynaliteOperation>(['PutItem', 'UpdateItem', 'DeleteItem']);

export async function plainWrite(store: Store, operation: DynaliteOperation, request: Record<string, unknown>, observer?: CommitObserver) {
  const returnOld = request.ReturnValuesOnConditionCheckFailure;
  checkEnum(returnOld, 'returnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE']);
  const data = validateRequest(operation, request, store);
  const staged = new StagedWrites(store, observer);
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

/**
 * The item a PutItem, UpdateItem or DeleteItem request writes, across tables (conflicts.ts);
 * undefined when the request is invalid or its table missing (`plainWrite` then reports why).
 */
export async function singleWriteIdentity(store: Store, operation: DynaliteOperation, request: Record<string, unknown>): Promise<string | undefined> {
  let data: Record<string, unknown>;
  try {
    data = validateRequest(operation, request, store);
  } catch {
    return undefined;
  }
  const table = await getTable(store, data.TableName as string).catch(() => undefined);
  if (!table) return undefined;
  const keyOrItem = (operation === 'PutItem' ? data.Item : data.Key) as Item;
  const invalid = operation === 'PutItem' ? dynaliteDb.validateItem(keyOrItem, table) : dynaliteDb.validateKey(keyOrItem, table);
  return invalid ? undefined : itemIdentity(table.TableName, itemKeyOf(keyOrItem, table));
}
