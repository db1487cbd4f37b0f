import * as z from 'zod';
import { isoDateSchema } from './dates.ts';
import {
  academicYearIdSchema,
  classIdSchema,
  personIdSchema,
  subgroupIdSchema,
  subjectIdSchema,
  teachingAssignmentIdSchema,
} from './ids.ts';

/** Teaching assignment without cross-field checks (for deriving request bodies with pick/omit). */
export const teachingAssignmentBaseSchema = z.object({
  id: teachingAssignmentIdSchema,
  academicYearId: academicYearIdSchema,
  teacherId: personIdSchema,
  subjectId: subjectIdSchema,
  classId: classIdSchema,
  /** Set when the teacher teaches one subgroup of the class (п. 5.5); absent for the whole class. */
  subgroupId: subgroupIdSchema.optional(),
  /** Within the year, when the assignment starts or ends mid-year. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Hours per week (нагрузка), informative. */
  hoursPerWeek: z.number().min(0).max(40).optional(),
});

/**
 * Who teaches what (педагогическая нагрузка): teacher × subject × class or subgroup, per
 * academic year. Decides who keeps a lesson's journal (п. 5.5, 5.3).
 */
export const teachingAssignmentSchema = teachingAssignmentBaseSchema
  .refine((a) => a.from === undefined || a.to === undefined || a.from <= a.to, {
    error: 'Дата окончания не может быть раньше даты начала',
    path: ['to'],
  })
  .meta({ id: 'TeachingAssignment', description: 'Teacher × subject × class or subgroup for a year' });
export type TeachingAssignment = z.infer<typeof teachingAssignmentSchema>;
