import * as z from 'zod';
import { subjectIdSchema } from './ids.ts';

/** How a subject is assessed: marks 1–5, or зачёт/незачёт only (e.g. ОРКСЭ). */
export const subjectGradingSchema = z
  .enum(['marks', 'credit'], { error: 'Система оценивания: marks (отметки 1–5) или credit (зачёт/незачёт)' })
  .meta({ id: 'SubjectGrading', description: 'marks: 1–5; credit: ЗЧ/НЗ only' });
export type SubjectGrading = z.infer<typeof subjectGradingSchema>;

/** A school subject (учебный предмет) from the school's reference book. */
export const subjectSchema = z
  .object({
    id: subjectIdSchema,
    /** «Русский язык». */
    name: z.string().min(2).max(120),
    /** «Рус. яз.» for the timetable grid. */
    shortName: z.string().min(1).max(20),
    /** Physical education: final marks follow п. 6.2 for students with a medical health group. */
    isPhysicalEducation: z.boolean().default(false),
    /** Foreign language: usually split into subgroups (п. 5.5); entries still in Russian (п. 5.4). */
    isForeignLanguage: z.boolean().default(false),
    grading: subjectGradingSchema.default('marks'),
    archived: z.boolean().default(false),
  })
  .meta({ id: 'Subject', description: 'A school subject' });
export type Subject = z.infer<typeof subjectSchema>;
