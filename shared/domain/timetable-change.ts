import * as z from 'zod';
import { instantSchema, isoDateSchema } from './dates.ts';
import { classIdSchema, personIdSchema, subgroupIdSchema, timetableChangeIdSchema } from './ids.ts';
import { lessonSlotNumberSchema } from './bell-schedule.ts';

/** Замена, отмена, перенос, смена кабинета. */
export const timetableChangeKindSchema = z
  .enum(['substitution', 'cancellation', 'move', 'room-change'], {
    error: 'Вид изменения: substitution, cancellation, move или room-change',
  })
  .meta({ id: 'TimetableChangeKind', description: 'substitution | cancellation | move | room-change' });
export type TimetableChangeKind = z.infer<typeof timetableChangeKindSchema>;

/** Why: illness of the teacher, course, trip, weather (low temperature), quarantine, other. */
export const timetableChangeReasonSchema = z
  .enum(['illness', 'training', 'business-trip', 'weather', 'quarantine', 'other'], {
    error: 'Причина: illness, training, business-trip, weather, quarantine или other',
  })
  .meta({ id: 'TimetableChangeReason', description: 'illness | training | business-trip | weather | quarantine | other' });

/** Timetable change without cross-field checks (for deriving request bodies with pick/omit). */
export const timetableChangeBaseSchema = z.object({
  id: timetableChangeIdSchema,
  date: isoDateSchema,
  slot: lessonSlotNumberSchema,
  classId: classIdSchema,
  subgroupId: subgroupIdSchema.optional(),
  kind: timetableChangeKindSchema,
  /** substitution: who keeps the lesson and its journal (п. 5.3). */
  substituteTeacherId: personIdSchema.optional(),
  /** move: the new date and lesson number. */
  newDate: isoDateSchema.optional(),
  newSlot: lessonSlotNumberSchema.optional(),
  /** room-change (or with a move): the new room. */
  newRoom: z.string().min(1).max(20).optional(),
  reason: timetableChangeReasonSchema,
  comment: z.string().max(500).optional(),
  createdBy: personIdSchema,
  createdAt: instantSchema,
});

/** A one-day change to the timetable, entered by the operator (замены, переносы, отмены). */
export const timetableChangeSchema = timetableChangeBaseSchema
  .superRefine((c, ctx) => {
    if (c.kind === 'substitution' && c.substituteTeacherId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['substituteTeacherId'], message: 'Для замены укажите замещающего учителя' });
    }
    if (c.kind !== 'substitution' && c.substituteTeacherId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['substituteTeacherId'], message: 'Замещающий учитель указывается только для замены' });
    }
    if (c.kind === 'move' && (c.newDate === undefined || c.newSlot === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['newDate'], message: 'Для переноса укажите новую дату и номер урока' });
    }
    if (c.kind === 'move' && c.newDate === c.date && c.newSlot === c.slot) {
      ctx.addIssue({ code: 'custom', path: ['newSlot'], message: 'Перенос на то же время не имеет смысла' });
    }
    if (c.kind === 'room-change' && c.newRoom === undefined) {
      ctx.addIssue({ code: 'custom', path: ['newRoom'], message: 'Укажите новый кабинет' });
    }
  })
  .meta({ id: 'TimetableChange', description: 'Substitution, cancellation, move or room change on a date' });
export type TimetableChange = z.infer<typeof timetableChangeSchema>;
