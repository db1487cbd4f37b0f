import * as z from 'zod';
import { daysBetween, instantSchema } from './dates.ts';
import { personIdSchema, studyPeriodIdSchema } from './ids.ts';
import { versionSchema } from './version.ts';

/**
 * The state of one journal (class or subgroup × subject) in one study period: closed once its
 * final marks are set (п. 6.1 — the period's marks are then closed to the teacher), reopened by
 * the coordinator for a few days, audited. Absent: open.
 */
export const journalPeriodStateSchema = z
  .object({
    groupId: z.string().min(1),
    subjectId: z.string().min(1),
    periodId: studyPeriodIdSchema,
    closedAt: instantSchema.optional(),
    closedBy: personIdSchema.optional(),
    /** Open again (for corrections) until this moment, by the coordinator. */
    reopenedUntil: instantSchema.optional(),
    reopenedBy: personIdSchema.optional(),
    reopenReason: z.string().max(500).optional(),
    version: versionSchema,
  })
  .meta({ id: 'JournalPeriodState', description: 'Closed after final marks (п. 6.1), reopened by the coordinator' });
export type JournalPeriodState = z.infer<typeof journalPeriodStateSchema>;

/** A declared distance day of a class (п. 5.7): its lessons that day are held remotely. */
export const distanceDaySchema = z
  .object({
    classId: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    reason: z.string().min(3).max(300),
    declaredBy: personIdSchema,
    declaredAt: instantSchema,
  })
  .meta({ id: 'DistanceDay', description: 'A class and a date whose lessons are held remotely, with the reason (п. 5.7)' });
export type DistanceDay = z.infer<typeof distanceDaySchema>;

/**
 * Whether a lesson's entries are closed to the teacher now, and why: the period's final marks are
 * set (`closed`, п. 6.1), or the school locks entries some days after the lesson (`locked`,
 * `lockAfterDays` of the settings). A reopening by the coordinator lifts both until it ends.
 */
export function entryLock(input: {
  lessonDate: string;
  today: string;
  now: string;
  lockAfterDays?: number | undefined;
  state?: Pick<JournalPeriodState, 'closedAt' | 'reopenedUntil'> | undefined;
}): 'closed' | 'locked' | null {
  const reopened = input.state?.reopenedUntil !== undefined && input.state.reopenedUntil > input.now;
  if (reopened) return null;
  if (input.state?.closedAt) return 'closed';
  if (input.lockAfterDays !== undefined && daysBetween(input.lessonDate, input.today) > input.lockAfterDays) return 'locked';
  return null;
}
