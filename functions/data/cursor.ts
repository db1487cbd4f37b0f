import { ValidationError } from '#functions/lib/errors.ts';

/**
 * Page cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. A cursor must name the
 * partition of the Query it continues, so a tampered one can only start another page of the
 * list the caller may read anyway.
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, partition: Record<string, string>): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    for (const v of Object.values(value)) if (typeof v !== 'string') throw new Error('not a key');
    for (const [k, v] of Object.entries(partition)) if ((value as Record<string, unknown>)[k] !== v) throw new Error('another list');
    return value as Record<string, unknown>;
  } catch {
    throw new ValidationError([{ path: 'query.cursor', message: 'Неверный курсор страницы' }]);
  }
}
