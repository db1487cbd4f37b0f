import * as z from 'zod';
import { attendanceCodeDefinitionSchema, defaultAttendanceCodes } from './attendance-codes.ts';
import { defaultWorkTypes, workTypeSchema } from './work-types.ts';
import { defaultNotificationSettings, notificationSettingsSchema } from './notification.ts';

/** п. 5.2: the journal for a lesson is filled within this many calendar days after it. */
export const FILL_DEADLINE_DAYS = 2;
/** п. 6.1: final marks no later than this many days after the period ends. */
export const FINAL_MARK_DEADLINE_DAYS = 1;
export { DEFAULT_ROUNDING_THRESHOLD } from './rules/average.ts';
import { DEFAULT_ROUNDING_THRESHOLD } from './rules/average.ts';

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): boolean {
  return new Set(items.map(key)).size === items.length;
}

/**
 * A school's journal settings (reference books and parameters the operator keeps). The
 * defaults are the regulation's values; another school's regulation may differ.
 */
export const schoolSettingsSchema = z
  .object({
    /** Пятидневка or шестидневка. */
    schoolDaysPerWeek: z.union([z.literal(5), z.literal(6)], { error: 'Учебная неделя — 5 или 6 дней' }).default(5),
    workTypes: z
      .array(workTypeSchema)
      .min(1)
      .refine((list) => uniqueBy(list, (w) => w.id), { error: 'Коды видов работ должны быть уникальны' })
      .default(() => defaultWorkTypes.map((w) => ({ ...w }))),
    attendanceCodes: z
      .array(attendanceCodeDefinitionSchema)
      .min(1)
      .refine((list) => uniqueBy(list, (c) => c.code), { error: 'Отметки посещаемости должны быть уникальны' })
      .default(() => defaultAttendanceCodes.map((c) => ({ ...c }))),
    /** п. 5.2 */
    fillDeadlineDays: z.number().int().min(0).max(14).default(FILL_DEADLINE_DAYS),
    /**
     * Optional: after this many days past a lesson, its entries (topic, marks, attendance) are
     * closed to the teacher; the coordinator reopens the journal's period for a few days. Absent:
     * no lock (late entries are allowed and flagged, п. 5.2).
     */
    lockAfterDays: z.number().int().min(1).max(90).optional(),
    /** п. 6.1 */
    finalMarkDeadlineDays: z.number().int().min(0).max(14).default(FINAL_MARK_DEADLINE_DAYS),
    /** Suggested period mark: the fraction of the average from which it rounds up (0.5–0.9). */
    roundingThreshold: z
      .number()
      .min(0.5, { error: 'Порог округления — от 0,5 до 0,9' })
      .max(0.9, { error: 'Порог округления — от 0,5 до 0,9' })
      .default(DEFAULT_ROUNDING_THRESHOLD),
    /** п. 2.4: what families are told and how, until each chooses their own. */
    notificationDefaults: notificationSettingsSchema.default(defaultNotificationSettings),
  })
  .meta({ id: 'SchoolSettings', description: 'Journal settings of a school: work types, attendance codes, deadlines' });
export type SchoolSettings = z.infer<typeof schoolSettingsSchema>;

/** Settings with every default filled in. */
export function defaultSchoolSettings(): SchoolSettings {
  return schoolSettingsSchema.parse({});
}
