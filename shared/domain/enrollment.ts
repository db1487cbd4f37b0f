import * as z from 'zod';
import { isDateWithin, isoDateSchema, type IsoDate } from './dates.ts';
import { classIdSchema, enrollmentIdSchema, personIdSchema, subgroupIdSchema } from './ids.ts';

/** Why a student joined the class. */
export const admissionReasonSchema = z
  .enum(['admitted', 'transferred-in', 'promoted', 'moved-class'], {
    error: 'Основание зачисления: admitted, transferred-in, promoted или moved-class',
  })
  .meta({ id: 'AdmissionReason', description: 'admitted (зачислен) | transferred-in (прибыл из другой школы) | promoted (переведён в следующий класс) | moved-class (переведён из другого класса)' });

/** Why a student left the class. */
export const departureReasonSchema = z
  .enum(['transferred-out', 'expelled', 'graduated', 'moved-class', 'promoted', 'left-school'], {
    error: 'Основание выбытия: transferred-out, expelled, graduated, moved-class, promoted или left-school',
  })
  .meta({ id: 'DepartureReason', description: 'transferred-out (выбыл в другую школу) | expelled | graduated | moved-class | promoted | left-school' });

/** Enrollment without cross-field checks (for deriving request bodies with pick/omit). */
export const enrollmentBaseSchema = z.object({
  id: enrollmentIdSchema,
  studentId: personIdSchema,
  classId: classIdSchema,
  /** Subgroups of this class the student belongs to (one per split subject). */
  subgroupIds: z.array(subgroupIdSchema).default(() => []),
  /** First day in the class. */
  from: isoDateSchema,
  /** Last day in the class; absent while the student is there. */
  to: isoDateSchema.optional(),
  admissionReason: admissionReasonSchema,
  departureReason: departureReasonSchema.optional(),
  /** The school order (приказ), e.g. «№ 275/2 от 31.08.2026». */
  orderRef: z.string().max(80).optional(),
});

/** A student's membership of a class (and its subgroups) over dates: student movement (движение). */
export const enrollmentSchema = enrollmentBaseSchema
  .superRefine((e, ctx) => {
    if (e.to !== undefined && e.to < e.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Дата выбытия не может быть раньше даты зачисления' });
    }
    if ((e.to === undefined) !== (e.departureReason === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['departureReason'], message: 'Дата и основание выбытия указываются вместе' });
    }
    if (new Set(e.subgroupIds).size !== e.subgroupIds.length) {
      ctx.addIssue({ code: 'custom', path: ['subgroupIds'], message: 'Подгруппы не должны повторяться' });
    }
  })
  .meta({ id: 'Enrollment', description: 'Student in a class and its subgroups from/to a date' });
export type Enrollment = z.infer<typeof enrollmentSchema>;

/** Is the student in the class on this date? */
export function isEnrolledOn(e: Pick<Enrollment, 'from' | 'to'>, date: IsoDate): boolean {
  return isDateWithin(date, e.from, e.to);
}
