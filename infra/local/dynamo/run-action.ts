/**
 * Validating and running one dynalite action, as promises. Validation is dynalite's own
 * (checkTypes + checkValidations), so requests get the same errors dynalite's server gives.
 */
import {
  dynaliteAction,
  dynaliteDb,
  validations,
  type ActionData,
  type DynaliteOperation,
  type Item,
  type Store,
  type TableDescription,
} from './dynalite-internals.ts';
import { serializationError, toApiError } from './errors.ts';

/** Type-checks and validates a request; returns dynalite's normalized copy (parsed expressions). */
export function validateRequest(operation: DynaliteOperation, request: unknown, store: Store): ActionData {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) throw serializationError();
  const { spec } = dynaliteAction(operation);
  // checkTypes deletes unknown members from its input: give it a shallow copy.
  const data = validations.checkTypes({ ...(request as ActionData) }, spec.types);
  validations.checkValidations(data, spec.types, spec.custom, store);
  return data;
}

/** Runs a validated request against a store (the real one, or a staging overlay). */
export function runAction(operation: DynaliteOperation, store: Store, data: ActionData): Promise<Record<string, unknown>> {
  const { run } = dynaliteAction(operation);
  return new Promise((resolve, reject) => {
    try {
      run(store, data, (err, result) => (err ? reject(toApiError(err) ?? err) : resolve(result ?? {})));
    } catch (err) {
      reject(toApiError(err) ?? err);
    }
  });
}

/** Like dynalite's item actions: a table still CREATING or DELETING counts as missing. */
export function getTable(store: Store, tableName: string): Promise<TableDescription> {
  return new Promise((resolve, reject) => {
    store.getTable(tableName, true, (err, table) => (err || !table ? reject(toApiError(err) ?? err) : resolve(table)));
  });
}

export const itemKeyOf = (keyOrItem: Item, table: TableDescription) => dynaliteDb.createKey(keyOrItem, table);
