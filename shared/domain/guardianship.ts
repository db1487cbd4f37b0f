import * as z from 'zod';
import { isoDateSchema } from './dates.ts';
import { guardianshipIdSchema, personIdSchema } from './ids.ts';

/** Мать, отец, опекун, попечитель, иной законный представитель. */
export const guardianRelationSchema = z
  .enum(['mother', 'father', 'guardian', 'custodian', 'other'], {
    error: 'Кем приходится: mother, father, guardian, custodian или other',
  })
  .meta({ id: 'GuardianRelation', description: 'mother | father | guardian (опекун) | custodian (попечитель) | other' });
export type GuardianRelation = z.infer<typeof guardianRelationSchema>;

/** Guardianship without cross-field checks (for deriving request bodies with pick/omit). */
export const guardianshipBaseSchema = z.object({
  id: guardianshipIdSchema,
  parentId: personIdSchema,
  studentId: personIdSchema,
  relation: guardianRelationSchema,
  /** A legal representative may sign consents for the child (152-ФЗ). */
  isLegalRepresentative: z.boolean().default(true),
  /** Receives marks/attendance notifications (п. 2.4). */
  receivesNotifications: z.boolean().default(true),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

/** A parent (законный представитель) of a student: sees that student's diary (п. 3.4). */
export const guardianshipSchema = guardianshipBaseSchema
  .superRefine((g, ctx) => {
    if (g.parentId === g.studentId) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'Родитель и обучающийся должны быть разными людьми' });
    }
    if (g.from !== undefined && g.to !== undefined && g.to < g.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Дата окончания не может быть раньше даты начала' });
    }
  })
  .meta({ id: 'Guardianship', description: 'Parent ↔ student with the relation' });
export type Guardianship = z.infer<typeof guardianshipSchema>;
