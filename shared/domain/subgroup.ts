import * as z from 'zod';
import { classIdSchema, subgroupIdSchema, subjectIdSchema } from './ids.ts';

/**
 * A subgroup (подгруппа) of a class for one subject, e.g. «Англ. яз., гр. 1». Split by the
 * class teacher with the subject teachers at each period start; its journal is kept by its own
 * teacher (п. 5.5). Members are listed on enrollments.
 */
export const subgroupSchema = z
  .object({
    id: subgroupIdSchema,
    classId: classIdSchema,
    subjectId: subjectIdSchema,
    /** 1, 2 … within the class and subject. */
    number: z.number().int().min(1).max(9),
    /** «Англ. яз., гр. 1». */
    name: z.string().min(2).max(80),
    archived: z.boolean().default(false),
  })
  .meta({ id: 'Subgroup', description: 'A subgroup of a class for one subject (п. 5.5)' });
export type Subgroup = z.infer<typeof subgroupSchema>;
