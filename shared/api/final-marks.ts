import * as z from 'zod';
import { instantSchema, isoDateSchema } from '#shared/domain/dates.ts';
import { finalMarkValueSchema } from '#shared/domain/final-mark.ts';
import { classIdSchema, personIdSchema, studyPeriodIdSchema, subjectIdSchema } from '#shared/domain/ids.ts';
import { healthGroupSchema } from '#shared/domain/person.ts';
import { versionSchema } from '#shared/domain/version.ts';
import { clientRequestIdSchema, groupIdSchema, periodRefSchema } from './journal.ts';
import { ruleWarningSchema } from './lessons.ts';
import { defineOperation } from './operation.ts';

/** Where a journal's period stands: open, closed after its final marks (п. 6.1), reopened until a moment. */
export const periodStateSchema = z
  .object({
    closed: z.boolean(),
    closedAt: instantSchema.optional(),
    reopenedUntil: instantSchema.optional(),
    reopenReason: z.string().optional(),
    version: z.number().int().min(0),
  })
  .meta({ id: 'PeriodState' });

export const finalMarkRowSchema = z
  .object({
    studentId: personIdSchema,
    name: z.string(),
    /** Physical education only (п. 6.2). */
    healthGroup: healthGroupSchema.optional(),
    /** The weighted average of the period's marks (2 decimals), null without numeric marks. */
    average: z.number().nullable(),
    /** How it was computed: «(5·1 + 4·2) / (1 + 2) = 4,33». */
    averageFormula: z.string().optional(),
    /** A suggestion only: the teacher decides (school's rounding threshold; п. 6.2 for PE). */
    suggestion: finalMarkValueSchema.optional(),
    finalMark: z
      .object({ value: finalMarkValueSchema, version: versionSchema, setBy: personIdSchema, setAt: instantSchema, late: z.boolean().optional() })
      .optional(),
  })
  .meta({ id: 'FinalMarkRow' });

export const finalMarksSheetSchema = z
  .object({
    classId: classIdSchema,
    groupId: groupIdSchema,
    subjectId: subjectIdSchema,
    subjectName: z.string(),
    period: periodRefSchema.extend({ kind: z.enum(['quarter', 'trimester', 'half-year', 'year']) }),
    /** п. 6.1: final marks by the end of this day. */
    deadline: isoDateSchema,
    /** The values this subject takes (credit subjects: ЗЧ/НЗ/ОСВ/н/а). */
    allowedValues: z.array(finalMarkValueSchema),
    roundingThreshold: z.number(),
    state: periodStateSchema,
    /** The caller sets these final marks (the journal's teacher); the administration reads. */
    keptByCaller: z.boolean(),
    rows: z.array(finalMarkRowSchema),
  })
  .meta({ id: 'FinalMarksSheet' });

const periodQuery = z.object({ periodId: studyPeriodIdSchema });
const journalParams = z.object({ groupId: groupIdSchema, subjectId: subjectIdSchema });

export const getFinalMarks = defineOperation({
  operationId: 'getFinalMarks',
  method: 'GET',
  path: '/api/journals/{groupId}/{subjectId}/final-marks',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Final marks of a journal for a period (п. 6.1, 6.2): each student’s average with its formula, the suggestion, the mark set, the deadline and whether the period is closed',
  params: journalParams,
  query: periodQuery,
  response: finalMarksSheetSchema,
  errors: ['NOT_FOUND'],
});

export const setFinalMarksBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    periodId: studyPeriodIdSchema,
    changes: z
      .array(
        z.object({
          studentId: personIdSchema,
          /** null clears the mark. */
          value: finalMarkValueSchema.nullable(),
          /** 0 when there was none. */
          expectedVersion: z.number().int().min(0),
        }),
      )
      .min(1, { error: 'Нет изменений для сохранения' })
      .max(45, { error: 'Не больше 45 изменений за раз' }),
  })
  .meta({ id: 'SetFinalMarksBody' });

export const setFinalMarks = defineOperation({
  operationId: 'setFinalMarks',
  method: 'PUT',
  path: '/api/journals/{groupId}/{subjectId}/final-marks',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary:
    'Set final marks of a period (п. 6.1, 6.2); when every student has one, the period’s marks close to the teacher (the coordinator may reopen)',
  params: journalParams,
  body: setFinalMarksBodySchema,
  response: finalMarksSheetSchema.extend({ warnings: z.array(ruleWarningSchema), replayed: z.boolean() }).meta({ id: 'SetFinalMarksResult' }),
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

export const reopenPeriod = defineOperation({
  operationId: 'reopenPeriod',
  method: 'POST',
  path: '/api/journals/{groupId}/{subjectId}/reopen',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'The coordinator reopens a closed (or locked) period of a journal for corrections, for some days; audited',
  params: journalParams,
  body: z
    .object({
      clientRequestId: clientRequestIdSchema,
      periodId: studyPeriodIdSchema,
      reason: z.string().trim().min(5, { error: 'Укажите причину: не короче 5 символов' }).max(500),
      days: z.number().int().min(1).max(14).default(3),
      expectedVersion: z.number().int().min(0),
    })
    .meta({ id: 'ReopenPeriodBody' }),
  response: periodStateSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED'],
});
