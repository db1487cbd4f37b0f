import * as z from 'zod';
import { timeOfDaySchema, weekdaySchema } from './dates.ts';
import { bellScheduleIdSchema } from './ids.ts';

/** Lesson number in the day: 0 (нулевой урок) to 12. */
export const lessonSlotNumberSchema = z
  .number()
  .int()
  .min(0, { error: 'Номер урока — от 0 до 12' })
  .max(12, { error: 'Номер урока — от 0 до 12' })
  .meta({ id: 'LessonSlotNumber', description: 'Lesson number in the day, 0–12' });

/** One bell: lesson number → start and end. */
export const bellSlotSchema = z
  .object({
    number: lessonSlotNumberSchema,
    start: timeOfDaySchema,
    end: timeOfDaySchema,
  })
  .refine((s) => s.start < s.end, { error: 'Урок должен заканчиваться позже, чем начинается', path: ['end'] })
  .meta({ id: 'BellSlot', description: 'Lesson number with start and end time' });
export type BellSlot = z.infer<typeof bellSlotSchema>;

/** Bell schedule without cross-field checks (for deriving request bodies with pick/omit). */
export const bellScheduleBaseSchema = z.object({
  id: bellScheduleIdSchema,
  /** «Основное», «Сокращённые уроки». */
  name: z.string().min(2).max(80),
  shift: z.union([z.literal(1), z.literal(2)], { error: 'Смена — 1 или 2' }),
  /** Weekdays it applies to; default Monday–Saturday. */
  weekdays: z.array(weekdaySchema).min(1).default(() => [1, 2, 3, 4, 5, 6]),
  slots: z.array(bellSlotSchema).min(1, { error: 'Добавьте хотя бы один урок' }),
});

/** Расписание звонков of a shift: lesson numbers with their times. */
export const bellScheduleSchema = bellScheduleBaseSchema
  .superRefine((b, ctx) => {
    b.slots.forEach((s, i) => {
      const prev = b.slots[i - 1];
      if (prev === undefined) return;
      if (s.number <= prev.number) {
        ctx.addIssue({ code: 'custom', path: ['slots', i, 'number'], message: 'Уроки перечисляются по возрастанию номера' });
      }
      if (s.start < prev.end) {
        ctx.addIssue({ code: 'custom', path: ['slots', i, 'start'], message: `Урок ${s.number} начинается раньше, чем заканчивается урок ${prev.number}` });
      }
    });
  })
  .meta({ id: 'BellSchedule', description: 'Bell schedule of a shift' });
export type BellSchedule = z.infer<typeof bellScheduleSchema>;
