import * as z from 'zod';
import { CLASS_LETTERS, academicYearIdSchema, classIdOf, classIdSchema } from './ids.ts';

export { CLASS_LETTERS, classIdOf, parseClassId } from './ids.ts';

/** Grade level (параллель) 1–11. */
export const gradeSchema = z
  .number({ error: 'Параллель — число от 1 до 11' })
  .int({ error: 'Параллель — число от 1 до 11' })
  .min(1, { error: 'Параллель — число от 1 до 11' })
  .max(11, { error: 'Параллель — число от 1 до 11' })
  .meta({ id: 'Grade', description: 'Grade level 1–11' });
export type Grade = z.infer<typeof gradeSchema>;

/** Class letter (литера): one capital Russian letter, Ё, Й, Ъ, Ы, Ь excluded. */
export const classLetterSchema = z
  .string()
  .regex(new RegExp(`^[${CLASS_LETTERS}]$`), {
    error: 'Литера класса — одна заглавная русская буква (кроме Ё, Й, Ъ, Ы, Ь)',
  })
  .meta({ id: 'ClassLetter', description: 'One capital Cyrillic letter, e.g. А' });

/** «5А». */
export function classDisplayName(grade: number, letter: string): string {
  return `${grade}${letter}`;
}

/** Class without cross-field checks (for deriving request bodies with pick/omit). */
export const schoolClassBaseSchema = z.object({
  id: classIdSchema,
  academicYearId: academicYearIdSchema,
  grade: gradeSchema,
  letter: classLetterSchema,
  /** Display name «5А», always grade + letter. */
  name: z.string().min(2).max(3),
  /** Смена: 1 or 2. */
  shift: z.union([z.literal(1), z.literal(2)], { error: 'Смена — 1 или 2' }).default(1),
  /** Profile of a senior class, e.g. «технологический». */
  profile: z.string().max(80).optional(),
  /** Home room (кабинет). */
  room: z.string().max(20).optional(),
});

/** A class (класс) of one academic year, e.g. 5А of 2026-2027 with id `c-2026-05-А`. */
export const schoolClassSchema = schoolClassBaseSchema
  .superRefine((c, ctx) => {
    const expectedId = classIdOf(c.academicYearId, c.grade, c.letter);
    if (c.id !== expectedId) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `Идентификатор класса должен быть ${expectedId}` });
    }
    const expectedName = classDisplayName(c.grade, c.letter);
    if (c.name !== expectedName) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `Название класса должно быть «${expectedName}»` });
    }
  })
  .meta({ id: 'SchoolClass', description: 'A class of one academic year: grade, letter, display name «5А»' });
export type SchoolClass = z.infer<typeof schoolClassSchema>;
