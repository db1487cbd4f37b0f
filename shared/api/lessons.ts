import * as z from 'zod';
import { attendanceCodeSchema } from '#shared/domain/attendance-codes.ts';
import { attendanceSchema } from '#shared/domain/attendance.ts';
import { isoDateSchema } from '#shared/domain/dates.ts';
import { lessonIdSchema, personIdSchema, subjectIdSchema, thematicTopicIdSchema, workTypeIdSchema } from '#shared/domain/ids.ts';
import { homeworkSchema, lessonMaterialSchema, lessonSchema } from '#shared/domain/lesson.ts';
import { versionSchema } from '#shared/domain/version.ts';
import { clientRequestIdSchema, groupIdSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/** A rule of the regulation that let the change through but wants a second look (shown beside it). */
export const ruleWarningSchema = z
  .object({ rule: z.string(), code: z.string(), message: z.string(), field: z.string().optional() })
  .meta({ id: 'RuleWarning', description: 'A rule of the regulation: the change was saved, but check this (п. 5.2, 5.4 …)' });

/**
 * What the teacher writes about a lesson (п. 5.1–5.7): the whole editable part, as the form holds
 * it — a field left out is cleared. Distance (isDistance) is declared by the administration
 * (declareDistanceDays); the teacher fills the distance lesson's materials and assignment.
 */
export const lessonEntrySchema = z
  .object({
    status: z.enum(['planned', 'conducted', 'cancelled'], { error: 'Состояние урока: planned, conducted или cancelled' }),
    topic: z.string().trim().max(500, { error: 'Тема урока — не длиннее 500 символов' }).optional(),
    /** The КТП topic the lesson covers (getThematicPlan). */
    thematicTopicId: thematicTopicIdSchema.optional(),
    workTypeId: workTypeIdSchema.optional(),
    workTopic: z.string().trim().max(500, { error: 'Тема работы — не длиннее 500 символов' }).optional(),
    homework: homeworkSchema.optional(),
    cancellationReason: z.string().trim().max(300).optional(),
    materials: z.array(lessonMaterialSchema).max(50).default([]),
    assignment: z.string().trim().max(10_000).optional(),
  })
  .meta({ id: 'LessonEntry' });
export type LessonEntry = z.infer<typeof lessonEntrySchema>;

export const saveLessonBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    /** The lesson's version the teacher saw; another one means someone changed it since. */
    expectedVersion: versionSchema,
    entry: lessonEntrySchema,
  })
  .meta({ id: 'SaveLessonBody' });

export const saveLessonResultSchema = z
  .object({
    lesson: lessonSchema,
    /** Saved, but worth a look: a topic without Cyrillic (п. 5.4), filled after the deadline (п. 5.2) … */
    warnings: z.array(ruleWarningSchema),
    replayed: z.boolean(),
  })
  .meta({ id: 'SaveLessonResult' });

export const saveLesson = defineOperation({
  operationId: 'saveLesson',
  method: 'PUT',
  path: '/api/lessons/{lessonId}',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Write a lesson: topic, work, homework, status, distance materials (versioned, audited, idempotent; п. 5.1–5.7)',
  params: z.object({ lessonId: lessonIdSchema }),
  body: saveLessonBodySchema,
  response: saveLessonResultSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

/** One student's attendance at the lesson: a code, or `null` for present (the record goes). */
const attendanceChangeSchema = z.object({
  studentId: personIdSchema,
  code: attendanceCodeSchema.nullable(),
  /** For lateness (ОП): minutes. */
  minutesLate: z.number().int().min(1).max(180).optional(),
  /** The version of the record the teacher saw; 0 when there was none (the student was present). */
  expectedVersion: z.number().int().min(0),
});

/** Changes per save (like marks: the two checks, a record and its audit event each, the idempotency record). */
export const MAX_ATTENDANCE_CHANGES = 48;

export const saveAttendanceBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    changes: z.array(attendanceChangeSchema).min(1, { error: 'Нет изменений для сохранения' }).max(MAX_ATTENDANCE_CHANGES, { error: `Не больше ${MAX_ATTENDANCE_CHANGES} изменений за раз` }),
  })
  .meta({ id: 'SaveAttendanceBody' });

export const saveAttendance = defineOperation({
  operationId: 'saveAttendance',
  method: 'PUT',
  path: '/api/lessons/{lessonId}/attendance',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Attendance of a lesson for the class in one change: codes set, «present» clears (versioned, audited, idempotent; п. 5.1)',
  params: z.object({ lessonId: lessonIdSchema }),
  body: saveAttendanceBodySchema,
  response: z
    .object({ lessonId: lessonIdSchema, attendance: z.array(attendanceSchema), replayed: z.boolean() })
    .meta({ id: 'SaveAttendanceResult' }),
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

export const thematicPlanViewSchema = z
  .object({
    title: z.string().optional(),
    topics: z.array(
      z.object({
        id: thematicTopicIdSchema,
        number: z.number().int(),
        section: z.string().optional(),
        title: z.string(),
        hours: z.number().int(),
        workTypeId: workTypeIdSchema.optional(),
        workTopic: z.string().optional(),
        plannedDate: isoDateSchema.optional(),
      }),
    ),
  })
  .meta({ id: 'ThematicPlanView' });

export const getThematicPlan = defineOperation({
  operationId: 'getThematicPlan',
  method: 'GET',
  path: '/api/journals/{groupId}/{subjectId}/plan',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'The thematic plan (КТП) of a journal: topics in order, with hours and planned works (empty when there is none)',
  params: z.object({ groupId: groupIdSchema, subjectId: subjectIdSchema }),
  response: thematicPlanViewSchema,
  errors: ['NOT_FOUND'],
});
