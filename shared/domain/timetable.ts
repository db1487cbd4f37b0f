import * as z from 'zod';
import { isoDateSchema } from './dates.ts';
import {
  academicYearIdSchema,
  classIdSchema,
  personIdSchema,
  subgroupIdSchema,
  subjectIdSchema,
  timetableSlotIdSchema,
} from './ids.ts';
import { lessonSlotNumberSchema } from './bell-schedule.ts';

/** School weekday 1 (Monday) – 6 (Saturday). */
export const schoolWeekdaySchema = z
  .number()
  .int()
  .min(1, { error: 'День недели — от 1 (понедельник) до 6 (суббота)' })
  .max(6, { error: 'День недели — от 1 (понедельник) до 6 (суббота)' })
  .meta({ id: 'SchoolWeekday', description: 'School weekday, 1 = Monday … 6 = Saturday' });

/** Timetable slot without cross-field checks (for deriving request bodies with pick/omit). */
export const timetableSlotBaseSchema = z.object({
  id: timetableSlotIdSchema,
  academicYearId: academicYearIdSchema,
  weekday: schoolWeekdaySchema,
  slot: lessonSlotNumberSchema,
  classId: classIdSchema,
  /** Set when the lesson is for one subgroup. */
  subgroupId: subgroupIdSchema.optional(),
  subjectId: subjectIdSchema,
  teacherId: personIdSchema,
  room: z.string().max(20).optional(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.optional(),
});

/** A recurring lesson in the weekly timetable (расписание), valid over a date range. */
export const timetableSlotSchema = timetableSlotBaseSchema
  .refine((s) => s.validTo === undefined || s.validFrom <= s.validTo, {
    error: 'Дата окончания действия не может быть раньше даты начала',
    path: ['validTo'],
  })
  .meta({ id: 'TimetableSlot', description: 'Weekly timetable entry: weekday, lesson number, group, subject, teacher, room' });
export type TimetableSlot = z.infer<typeof timetableSlotSchema>;
