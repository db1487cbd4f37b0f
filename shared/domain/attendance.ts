import * as z from 'zod';
import { instantSchema } from './dates.ts';
import { lessonIdSchema, personIdSchema } from './ids.ts';
import { attendanceCodeSchema } from './attendance-codes.ts';
import { versionSchema } from './version.ts';

/**
 * An attendance mark (посещаемость) of a student at a lesson; keyed by (lesson, student).
 * No record means the student was present.
 */
export const attendanceSchema = z
  .object({
    lessonId: lessonIdSchema,
    studentId: personIdSchema,
    /** One of the school's attendance codes (Н, УП, Б, ОП …). */
    code: attendanceCodeSchema,
    /** For lateness (ОП): minutes late. */
    minutesLate: z.number().int().min(1).max(180).optional(),
    comment: z.string().max(500).optional(),
    version: versionSchema,
    setBy: personIdSchema,
    setAt: instantSchema,
  })
  .meta({ id: 'Attendance', description: 'Attendance code of a student at a lesson (п. 2.1, 5.1)' });
export type Attendance = z.infer<typeof attendanceSchema>;
