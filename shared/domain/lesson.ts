import * as z from 'zod';
import { instantSchema, isoDateSchema } from './dates.ts';
import {
  academicYearIdSchema,
  classIdSchema,
  homeworkFileIdSchema,
  lessonIdOf,
  lessonIdSchema,
  personIdSchema,
  subgroupIdSchema,
  subjectIdSchema,
  thematicTopicIdSchema,
  timetableSlotIdSchema,
  workTypeIdSchema,
} from './ids.ts';
import { lessonSlotNumberSchema } from './bell-schedule.ts';
import { versionSchema } from './version.ts';
import { HOMEWORK_CONTENT_TYPES, MAX_HOMEWORK_FILE_BYTES, MAX_HOMEWORK_FILES } from './homework-file-types.ts';

/** planned (from the timetable), conducted (journal filled), cancelled. */
export const lessonStatusSchema = z
  .enum(['planned', 'conducted', 'cancelled'], { error: 'Статус урока: planned, conducted или cancelled' })
  .meta({ id: 'LessonStatus', description: 'planned | conducted | cancelled' });
export type LessonStatus = z.infer<typeof lessonStatusSchema>;

/** A learning material of a (distance) lesson: a link or a text (п. 5.7). */
export const lessonMaterialSchema = z
  .object({
    title: z.string().min(2, { error: 'Укажите название материала' }).max(200),
    url: z.url({ protocol: /^https?$/, error: 'Ссылка должна начинаться с http:// или https://' }).optional(),
    text: z.string().max(10_000).optional(),
  })
  .meta({ id: 'LessonMaterial', description: 'A link or text given for a lesson (п. 5.7)' });
export type LessonMaterial = z.infer<typeof lessonMaterialSchema>;

/** Домашнее задание, published to students and parents (п. 2.5). */
export const homeworkSchema = z
  .object({
    text: z.string().min(1, { error: 'Введите текст домашнего задания' }).max(5_000),
    /** By which date; absent means by the next lesson. */
    dueDate: isoDateSchema.optional(),
  })
  .meta({ id: 'Homework', description: 'Homework text and optional due date (п. 2.5)' });
export type Homework = z.infer<typeof homeworkSchema>;

/** A file attached to the homework (п. 2.5): checked by the API after upload, downloaded through a short-lived link. */
export const homeworkFileSchema = z
  .object({
    id: homeworkFileIdSchema,
    name: z.string().min(1).max(150),
    contentType: z.enum(HOMEWORK_CONTENT_TYPES),
    size: z.number().int().min(1).max(MAX_HOMEWORK_FILE_BYTES),
    uploadedAt: instantSchema,
    uploadedBy: personIdSchema,
  })
  .meta({ id: 'HomeworkFile', description: 'A file attached to a lesson’s homework (п. 2.5)' });
export type HomeworkFile = z.infer<typeof homeworkFileSchema>;

/** Lesson without cross-field checks (for deriving request bodies with pick/omit). */
export const lessonBaseSchema = z.object({
  /** `<classId or subgroupId>.<subjectId>.<date>.<slot>` (ids.ts). */
  id: lessonIdSchema,
  academicYearId: academicYearIdSchema,
  date: isoDateSchema,
  slot: lessonSlotNumberSchema,
  classId: classIdSchema,
  /** Set for a subgroup's lesson, kept by that subgroup's teacher (п. 5.5). */
  subgroupId: subgroupIdSchema.optional(),
  subjectId: subjectIdSchema,
  /** The teacher from the timetable. */
  teacherId: personIdSchema,
  /** The substitute keeping this lesson and its journal (п. 5.3). */
  substituteTeacherId: personIdSchema.optional(),
  /** The timetable entry it was generated from, if any. */
  timetableSlotId: timetableSlotIdSchema.optional(),
  room: z.string().max(20).optional(),
  /** Тема урока: mandatory once conducted (п. 5.4), in Russian. */
  topic: z.string().max(500).optional(),
  /** The КТП topic it covers (programme progress, п. 7.4). */
  thematicTopicId: thematicTopicIdSchema.optional(),
  /** The work done at the lesson, if any (control, practical, laboratory …). */
  workTypeId: workTypeIdSchema.optional(),
  /** The work's own topic: mandatory for practical, laboratory and control works (п. 5.4). */
  workTopic: z.string().max(500).optional(),
  /** Held remotely (п. 5.7). */
  isDistance: z.boolean().default(false),
  materials: z.array(lessonMaterialSchema).max(50).default(() => []),
  /** The assignment of a distance lesson (п. 5.7). */
  assignment: z.string().max(10_000).optional(),
  homework: homeworkSchema.optional(),
  /** Files of the homework, attached one at a time (attachHomeworkFile), never by saveLesson. */
  homeworkFiles: z.array(homeworkFileSchema).max(MAX_HOMEWORK_FILES).optional(),
  status: lessonStatusSchema,
  cancellationReason: z.string().max(300).optional(),
  /** When the journal entry was completed (status became conducted); lateness is judged by it (п. 5.2). */
  filledAt: instantSchema.optional(),
  filledBy: personIdSchema.optional(),
  /** Filled after its deadline (п. 5.2): allowed, and flagged for the control checks. */
  filledLate: z.boolean().optional(),
  /** Who changed the lesson's entry last, and when (a conflict names them). */
  updatedBy: personIdSchema.optional(),
  updatedAt: instantSchema.optional(),
  /** Turned into a distance lesson by a declared distance day (п. 5.7): its reason. */
  distanceReason: z.string().max(300).optional(),
  version: versionSchema,
});

/**
 * A lesson (урок) in the journal: date and slot, class or subgroup, subject, teacher, topic,
 * work, homework, distance materials, status.
 */
export const lessonSchema = lessonBaseSchema
  .superRefine((l, ctx) => {
    const expectedId = lessonIdOf({ groupId: l.subgroupId ?? l.classId, subjectId: l.subjectId, date: l.date, slot: l.slot });
    if (l.id !== expectedId) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `Идентификатор урока должен быть ${expectedId}` });
    }
    if (l.substituteTeacherId !== undefined && l.substituteTeacherId === l.teacherId) {
      ctx.addIssue({ code: 'custom', path: ['substituteTeacherId'], message: 'Замещающий учитель совпадает с учителем урока' });
    }
    if (l.homework?.dueDate !== undefined && l.homework.dueDate <= l.date) {
      ctx.addIssue({ code: 'custom', path: ['homework', 'dueDate'], message: 'Срок домашнего задания должен быть позже даты урока' });
    }
    if (l.filledAt !== undefined && l.status !== 'conducted') {
      ctx.addIssue({ code: 'custom', path: ['filledAt'], message: 'Время заполнения указывается только у проведённого урока' });
    }
    if (l.cancellationReason !== undefined && l.status !== 'cancelled') {
      ctx.addIssue({ code: 'custom', path: ['cancellationReason'], message: 'Причина отмены указывается только у отменённого урока' });
    }
  })
  .meta({ id: 'Lesson', description: 'A lesson in the journal (п. 5.1–5.7)' });
export type Lesson = z.infer<typeof lessonSchema>;
