import * as z from 'zod';
import { isoDateSchema } from './dates.ts';
import { academicYearIdSchema, classIdSchema, classTeacherIdSchema, personIdSchema } from './ids.ts';

/** Class teacher appointment without cross-field checks (for deriving request bodies with pick/omit). */
export const classTeacherBaseSchema = z.object({
  id: classTeacherIdSchema,
  academicYearId: academicYearIdSchema,
  classId: classIdSchema,
  teacherId: personIdSchema,
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

/**
 * Классный руководитель of a class for a year: keeps student and parent data current,
 * issues parents' and students' invitation codes (п. 3.1), informs parents (раздел 6, 4.4).
 */
export const classTeacherSchema = classTeacherBaseSchema
  .refine((a) => a.from === undefined || a.to === undefined || a.from <= a.to, {
    error: 'Дата окончания не может быть раньше даты начала',
    path: ['to'],
  })
  .meta({ id: 'ClassTeacher', description: 'Class teacher (классный руководитель) of a class for a year' });
export type ClassTeacher = z.infer<typeof classTeacherSchema>;
