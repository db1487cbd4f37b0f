import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';

/**
 * The school's backups (п. 7.1 «регулярное резервное копирование»), newest first: when each was
 * taken, how much it holds per entity type, and what its last restore drill found.
 */
export const backupSummarySchema = z
  .object({
    /** `<yyyy-mm-dd>T<hhmm>Z`: when the backup began, UTC. */
    id: z.string(),
    takenAt: instantSchema,
    itemCount: z.number().int().min(0),
    /** Size as stored (gzip'd parts). */
    bytes: z.number().int().min(0),
    /** Items per entity type (JOURNAL:mark, PERSON, AUDIT …). */
    entityCounts: z.record(z.string(), z.number().int().min(0)),
    /** The last restore drill of this backup, when there was one. */
    verified: z.object({ at: instantSchema, ok: z.boolean() }).optional(),
  })
  .meta({ id: 'BackupSummary' });

export const backupListSchema = z
  .object({ items: z.array(backupSummarySchema) })
  .meta({ id: 'BackupList' });

export type BackupSummary = z.infer<typeof backupSummarySchema>;
export type BackupList = z.infer<typeof backupListSchema>;

/** How many backups a list shows at most. */
export const BACKUP_LIST_LIMIT = 30;
