import * as z from 'zod';

/**
 * Optimistic-locking version of a mutable record: 1 when created, +1 on every change. An update
 * names the version it read; a mismatch is a conflict (another user changed it meanwhile).
 */
export const versionSchema = z
  .number()
  .int()
  .min(1, { error: 'Версия записи — целое число от 1' })
  .meta({ id: 'Version', description: 'Record version for optimistic locking: 1 on create, +1 per change' });
export type Version = z.infer<typeof versionSchema>;
