/**
 * Request checks shared by TransactWriteItems and TransactGetItems, worded like DynamoDB's
 * "N validation error detected" messages.
 */
import { serializationError, validationError } from './errors.ts';

export const MAX_TRANSACT_ITEMS = 100;

export const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export function constraintError(value: unknown, path: string, constraint: string) {
  const shown = value === null || value === undefined ? 'null' : `'${Array.isArray(value) ? '[...]' : String(value)}'`;
  return validationError(`1 validation error detected: Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
}

export function asRecord(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serializationError();
  return value as Record<string, unknown>;
}

/** The TransactItems list, checked for presence and 1..100 length. */
export function transactItemsOf(request: Record<string, unknown>): Record<string, unknown>[] {
  const items = request.TransactItems;
  if (items === undefined || items === null) {
    throw constraintError(null, 'transactItems', 'Member must not be null');
  }
  if (!Array.isArray(items)) throw serializationError('Start of structure or map found where not expected');
  if (items.length < 1) throw constraintError(items, 'transactItems', 'Member must have length greater than or equal to 1');
  if (items.length > MAX_TRANSACT_ITEMS) {
    throw constraintError(items, 'transactItems', `Member must have length less than or equal to ${MAX_TRANSACT_ITEMS}`);
  }
  return items.map(asRecord);
}

export function checkEnum(value: unknown, path: string, allowed: readonly string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw constraintError(value, path, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
}

export function checkReturnConsumedCapacity(request: Record<string, unknown>): void {
  checkEnum(request.ReturnConsumedCapacity, 'returnConsumedCapacity', ['INDEXES', 'TOTAL', 'NONE']);
}

/** Minimal ConsumedCapacity: per table, transactional operations cost twice the plain ones. */
export function consumedCapacity(
  returnConsumedCapacity: unknown,
  unitsByTable: Map<string, number>,
  kind: 'read' | 'write',
): Record<string, unknown>[] | undefined {
  if (returnConsumedCapacity !== 'TOTAL' && returnConsumedCapacity !== 'INDEXES') return undefined;
  return [...unitsByTable].map(([TableName, CapacityUnits]) => ({
    TableName,
    CapacityUnits,
    [kind === 'read' ? 'ReadCapacityUnits' : 'WriteCapacityUnits']: CapacityUnits,
    ...(returnConsumedCapacity === 'INDEXES' ? { Table: { CapacityUnits } } : {}),
  }));
}

export function addUnits(unitsByTable: Map<string, number>, tableName: string, units: number): void {
  unitsByTable.set(tableName, (unitsByTable.get(tableName) ?? 0) + units);
}
