import * as z from 'zod';
import { attendanceCodeDefinitionSchema } from '#shared/domain/attendance-codes.ts';
import { attendanceSchema } from '#shared/domain/attendance.ts';
import { isoDateSchema } from '#shared/domain/dates.ts';
import { finalMarkSchema } from '#shared/domain/final-mark.ts';
import { classIdSchema, lessonIdSchema, markIdSchema, personIdSchema, studyPeriodIdSchema, subgroupIdSchema, subjectIdSchema, workTypeIdSchema } from '#shared/domain/ids.ts';
import { lessonMaterialSchema, lessonSchema, lessonStatusSchema } from '#shared/domain/lesson.ts';
import { markSchema, markValuesSchema } from '#shared/domain/mark.ts';
import { healthGroupSchema } from '#shared/domain/person.ts';
import { versionSchema } from '#shared/domain/version.ts';
import { workTypeSchema } from '#shared/domain/work-types.ts';
import { defineOperation } from './operation.ts';

/** The client's id of one user action, so a retried request is applied once. */
export const clientRequestIdSchema = z
  .uuid({ error: 'clientRequestId: UUID действия (повтор запроса с тем же UUID применяется один раз)' })
  .meta({ id: 'ClientRequestId' });

export const groupIdSchema = z.union([classIdSchema, subgroupIdSchema]).meta({ id: 'GroupId', description: 'A class id or a subgroup id' });

export const periodRefSchema = z
  .object({ id: studyPeriodIdSchema, name: z.string(), startDate: isoDateSchema, endDate: isoDateSchema })
  .meta({ id: 'PeriodRef' });

export const journalStudentSchema = z
  .object({
    studentId: personIdSchema,
    name: z.string(),
    /**
     * Medical health group (медицинская группа) — health data, so only in physical-education
     * journals, where п. 6.2 needs it; absent everywhere else.
     */
    healthGroup: healthGroupSchema.optional(),
    /** Joined or left the class during the period (student movement). */
    from: isoDateSchema,
    to: isoDateSchema.optional(),
  })
  .meta({ id: 'JournalStudent' });

/** A mark as stored with its lesson's coordinates. */
export const journalMarkSchema = markSchema.extend({ date: isoDateSchema, slot: z.number().int(), subjectId: subjectIdSchema }).meta({ id: 'JournalMark' });
export const journalAttendanceSchema = attendanceSchema
  .extend({ date: isoDateSchema, slot: z.number().int(), subjectId: subjectIdSchema })
  .meta({ id: 'JournalAttendance' });

export const classJournalSchema = z
  .object({
    classId: classIdSchema,
    className: z.string(),
    groupId: groupIdSchema,
    groupName: z.string(),
    subjectId: subjectIdSchema,
    subjectName: z.string(),
    grade: z.number().int(),
    /** п. 5.6: no marks in grade 1. */
    marksAllowed: z.boolean(),
    period: periodRefSchema,
    students: z.array(journalStudentSchema),
    lessons: z.array(lessonSchema),
    marks: z.array(journalMarkSchema),
    attendance: z.array(journalAttendanceSchema),
    /** Final marks of the periods that end within the dates shown (the period's own, for a quarter). */
    finalMarks: z.array(finalMarkSchema).default([]),
    workTypes: z.array(workTypeSchema),
    /** The school's attendance codes (Н, УП, Б, ОП … with their meaning). */
    attendanceCodes: z.array(attendanceCodeDefinitionSchema).default([]),
    /** п. 6.1: closed once its final marks are set; reopened by the coordinator. */
    state: z
      .object({ closed: z.boolean(), closedAt: z.string().optional(), reopenedUntil: z.string().optional(), version: z.number().int().min(0) })
      .default({ closed: false, version: 0 }),
    /**
     * The lessons the caller keeps (writes) — their own, or substituted (п. 5.3, 5.5) — and, of
     * those, the ones closed to them now with the reason (п. 6.1 period closed, or the school's lock).
     */
    keptLessonIds: z.array(lessonIdSchema).default([]),
    lockedLessons: z.array(z.object({ lessonId: lessonIdSchema, reason: z.enum(['closed', 'locked']) })).default([]),
    settings: z
      .object({ fillDeadlineDays: z.number().int(), lockAfterDays: z.number().int().optional(), roundingThreshold: z.number() })
      .default({ fillDeadlineDays: 2, roundingThreshold: 0.5 }),
    /** The school's date: the page and the API agree on "today" (deadlines, future lessons). */
    today: isoDateSchema.optional(),
  })
  .meta({ id: 'ClassJournal' });

export const getClassJournal = defineOperation({
  operationId: 'getClassJournal',
  method: 'GET',
  path: '/api/journals/{groupId}/{subjectId}',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'A class or subgroup journal for one subject and one study period: students, lessons, marks, attendance',
  params: z.object({ groupId: groupIdSchema, subjectId: subjectIdSchema }),
  query: z.object({ periodId: studyPeriodIdSchema.optional().describe('Default: the period of today (or the last one)') }),
  response: classJournalSchema,
  errors: ['NOT_FOUND'],
});

const markChangeSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('create'),
    studentId: personIdSchema,
    values: markValuesSchema,
    workTypeId: workTypeIdSchema,
    comment: z.string().max(500).optional(),
  }),
  z.object({
    action: z.literal('update'),
    markId: markIdSchema,
    studentId: personIdSchema,
    values: markValuesSchema,
    workTypeId: workTypeIdSchema,
    comment: z.string().max(500).optional(),
    /** The version the teacher saw; another version means someone changed the mark since. */
    expectedVersion: versionSchema,
  }),
  z.object({ action: z.literal('delete'), markId: markIdSchema, studentId: personIdSchema, expectedVersion: versionSchema }),
]);
export type MarkChange = z.infer<typeof markChangeSchema>;

/**
 * Changes per save: one transaction holds at most 100 items — the lesson's and the period's
 * condition checks, each mark with its audit event, and the idempotency record (2 + 2×48 + 1 = 99).
 */
export const MAX_MARK_CHANGES = 48;

export const saveLessonMarksBodySchema = z
  .object({
    clientRequestId: clientRequestIdSchema,
    changes: z.array(markChangeSchema).min(1, { error: 'Нет изменений для сохранения' }).max(MAX_MARK_CHANGES, { error: `Не больше ${MAX_MARK_CHANGES} изменений за раз` }),
  })
  .meta({ id: 'SaveLessonMarks' });

export const saveLessonMarksResultSchema = z
  .object({
    lessonId: lessonIdSchema,
    /** The lesson's marks after the save. */
    marks: z.array(markSchema),
    /** True when this was a retry of a request already applied: nothing was applied again. */
    replayed: z.boolean(),
  })
  .meta({ id: 'SaveLessonMarksResult' });

export const saveLessonMarks = defineOperation({
  operationId: 'saveLessonMarks',
  method: 'PUT',
  path: '/api/lessons/{lessonId}/marks',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Save a lesson’s marks for the class in one all-or-nothing change (versions checked, audited, idempotent)',
  params: z.object({ lessonId: lessonIdSchema }),
  body: saveLessonMarksBodySchema,
  response: saveLessonMarksResultSchema,
  errors: ['NOT_FOUND', 'CONFLICT', 'RULE_VIOLATED', 'IDEMPOTENCY_KEY_REUSED'],
});

/** One lesson with what the journal holds for it: who substitutes it reads and keeps exactly this (п. 5.3). */
export const lessonSheetSchema = z
  .object({
    lesson: lessonSchema,
    classId: classIdSchema,
    className: z.string(),
    groupId: groupIdSchema,
    groupName: z.string(),
    subjectName: z.string(),
    grade: z.number().int(),
    /** п. 5.6: no marks in grade 1. */
    marksAllowed: z.boolean(),
    /** The students of the class or subgroup on the lesson's date. */
    students: z.array(journalStudentSchema),
    marks: z.array(journalMarkSchema),
    attendance: z.array(journalAttendanceSchema),
    workTypes: z.array(workTypeSchema),
    /** The caller keeps this lesson (writes its marks): its teacher, or its substitute (п. 5.3, 5.5). */
    keptByCaller: z.boolean(),
    /** The journal's next lesson day (the homework's default due date), for the one who keeps it. */
    nextLessonDate: isoDateSchema.optional(),
    /** The school's date now (its time zone), and its days to fill a lesson in (п. 5.2). */
    today: isoDateSchema,
    fillDeadlineDays: z.number().int().min(1),
    /**
     * For the one who keeps it: the lesson's entries are closed — its period's final marks are set
     * (п. 6.1) or the school's lock after some days applies — until the coordinator reopens them.
     */
    entryLock: z.object({ reason: z.enum(['closed', 'locked']), message: z.string() }).optional(),
  })
  .meta({ id: 'LessonSheet' });

export const getLesson = defineOperation({
  operationId: 'getLesson',
  method: 'GET',
  path: '/api/lessons/{lessonId}',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'One lesson with its students, marks and attendance (for its teacher, its substitute, and whoever reads its journal)',
  params: z.object({ lessonId: lessonIdSchema }),
  response: lessonSheetSchema,
  errors: ['NOT_FOUND'],
});

export const markHistorySchema = z
  .object({
    markId: markIdSchema,
    events: z.array(
      z.object({
        at: z.string(),
        action: z.enum(['create', 'update', 'delete']),
        actorId: z.string(),
        actorName: z.string().optional(),
        before: z.record(z.string(), z.unknown()).nullable(),
        after: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
  })
  .meta({ id: 'MarkHistory' });

export const getMarkHistory = defineOperation({
  operationId: 'getMarkHistory',
  method: 'GET',
  path: '/api/lessons/{lessonId}/marks/{markId}/history',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary: 'Who set and changed one mark, and when (audit trail)',
  params: z.object({ lessonId: lessonIdSchema, markId: markIdSchema }),
  response: markHistorySchema,
  errors: ['NOT_FOUND'],
});

// ── the diary ────────────────────────────────────────────────────────────

/** A work type as the diary and the marks page name it (the school's reference book): those its marks use. */
export const diaryWorkTypeSchema = z
  .object({ id: workTypeIdSchema, name: z.string(), shortName: z.string().optional(), weight: z.number() })
  .meta({ id: 'DiaryWorkType' });

/** An attendance code with its meaning (the school's reference book): those the page's records use. */
export const diaryAttendanceCodeSchema = z
  .object({ code: z.string(), name: z.string(), /** The student missed the lesson (else: present, e.g. late). */ countsAsAbsence: z.boolean() })
  .meta({ id: 'DiaryAttendanceCode' });

/** A homework file as a reader sees it (п. 2.5): each downloaded through getHomeworkFile with its lesson's id. */
const diaryHomeworkFileSchema = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int() });

export const diaryLessonSchema = z
  .object({
    lessonId: lessonIdSchema,
    date: isoDateSchema,
    slot: z.number().int(),
    subjectId: subjectIdSchema,
    subjectName: z.string(),
    status: lessonStatusSchema,
    topic: z.string().optional(),
    homework: z.object({ text: z.string(), dueDate: isoDateSchema.optional() }).optional(),
    /** The homework's files (п. 2.5): each downloaded through getHomeworkFile. */
    homeworkFiles: z.array(diaryHomeworkFileSchema).optional(),
    isDistance: z.boolean(),
    /** Learning materials of the lesson — a distance lesson's links and texts (п. 5.7); links are http(s) only. */
    materials: z.array(lessonMaterialSchema).optional(),
    /** The assignment of a distance lesson (п. 5.7). */
    assignment: z.string().optional(),
    /** A substitute teaches it (п. 5.3). */
    substituted: z.boolean(),
    marks: z.array(
      z.object({
        markId: markIdSchema,
        values: markValuesSchema,
        workTypeId: workTypeIdSchema,
        /** The weight in the weighted average: the mark's own, else its work type's. */
        weight: z.number(),
        comment: z.string().optional(),
      }),
    ),
    attendance: z.string().optional().describe('Attendance code (Н, УП, Б, ОП …) when not simply present'),
  })
  .meta({ id: 'DiaryLesson' });

/** Homework due on a day, given at an earlier lesson (of the class or one of the student's subgroups). */
export const diaryDueHomeworkSchema = z
  .object({
    /** The lesson it was given at (its files are downloaded with this id). */
    lessonId: lessonIdSchema,
    givenOn: isoDateSchema,
    subjectId: subjectIdSchema,
    subjectName: z.string(),
    text: z.string(),
    homeworkFiles: z.array(diaryHomeworkFileSchema).optional(),
  })
  .meta({ id: 'DiaryDueHomework' });

/** The final marks of a study period that ended within the week or up to 14 days before it (п. 6.1). */
export const diaryFinalMarksSchema = z
  .object({
    period: z.object({ id: studyPeriodIdSchema, name: z.string(), endDate: isoDateSchema }),
    marks: z.array(z.object({ subjectId: subjectIdSchema, subjectName: z.string(), value: finalMarkSchema.shape.value })),
  })
  .meta({ id: 'DiaryFinalMarks' });

export const studentDiarySchema = z
  .object({
    studentId: personIdSchema,
    studentName: z.string(),
    classId: classIdSchema,
    className: z.string(),
    weekStart: isoDateSchema,
    days: z.array(
      z.object({
        date: isoDateSchema,
        lessons: z.array(diaryLessonSchema),
        /** «Задано на этот день»: homework whose due date is this day. */
        due: z.array(diaryDueHomeworkSchema),
      }),
    ),
    /** Final marks of the periods of the student's grade that ended within the week or up to 14 days before it. */
    finalMarks: z.array(diaryFinalMarksSchema),
    workTypes: z.array(diaryWorkTypeSchema),
    attendanceCodes: z.array(diaryAttendanceCodeSchema),
  })
  .meta({ id: 'StudentDiary' });

export const getStudentDiary = defineOperation({
  operationId: 'getStudentDiary',
  method: 'GET',
  path: '/api/students/{studentId}/diary',
  area: 'diary',
  access: 'authenticated',
  tag: 'diary',
  summary: 'A student’s diary for one week: lessons with changes, topics, homework, marks, attendance',
  params: z.object({ studentId: personIdSchema }),
  query: z.object({ weekStart: isoDateSchema.optional().describe('Monday of the week; default: this week') }),
  response: studentDiarySchema,
  errors: ['NOT_FOUND', 'RULE_VIOLATED'],
});

export const studentMarksSchema = z
  .object({
    studentId: personIdSchema,
    studentName: z.string(),
    classId: classIdSchema,
    period: periodRefSchema,
    subjects: z.array(
      z.object({
        subjectId: subjectIdSchema,
        subjectName: z.string(),
        marks: z.array(
          z.object({ markId: markIdSchema, date: isoDateSchema, values: markValuesSchema, workTypeId: workTypeIdSchema, weight: z.number(), comment: z.string().optional() }),
        ),
        /** Weighted average of numeric marks (2 decimals), null when none. */
        average: z.number().nullable(),
        /** Lessons missed (the school's codes that count as absence). */
        absences: z.number().int(),
        finalMark: finalMarkSchema.shape.value.optional(),
      }),
    ),
    workTypes: z.array(diaryWorkTypeSchema),
    /** The codes of the period's attendance records, with their meaning. */
    attendanceCodes: z.array(diaryAttendanceCodeSchema),
  })
  .meta({ id: 'StudentMarks' });

export const getStudentMarks = defineOperation({
  operationId: 'getStudentMarks',
  method: 'GET',
  path: '/api/students/{studentId}/marks',
  area: 'diary',
  access: 'authenticated',
  tag: 'diary',
  summary: 'All of a student’s marks for a study period across subjects, with averages and final marks (п. 2.2)',
  params: z.object({ studentId: personIdSchema }),
  query: z.object({ periodId: studyPeriodIdSchema.optional() }),
  response: studentMarksSchema,
  errors: ['NOT_FOUND'],
});

/** A parent's child. The list comes in one order everywhere: by grade, then class, then name (shared/domain/children-order.ts). */
export const childSchema = z
  .object({ studentId: personIdSchema, name: z.string(), classId: classIdSchema, className: z.string() })
  .meta({ id: 'Child' });

export const listMyChildren = defineOperation({
  operationId: 'listMyChildren',
  method: 'GET',
  path: '/api/me/children',
  area: 'diary',
  access: 'authenticated',
  tag: 'diary',
  summary: 'A parent’s children',
  response: z.object({ children: z.array(childSchema) }).meta({ id: 'Children' }),
});

export const journalRefSchema = z
  .object({
    groupId: groupIdSchema,
    groupName: z.string(),
    classId: classIdSchema,
    className: z.string(),
    grade: z.number().int(),
    subjectId: subjectIdSchema,
    subjectName: z.string(),
    /** Why the caller sees it: they teach it, they are the class teacher, or they oversee the school. */
    relation: z.enum(['teaches', 'class-teacher', 'oversees']),
  })
  .meta({ id: 'JournalRef' });

/** A lesson the caller takes as a substitute (п. 5.3): they keep that lesson, not the journal. */
export const substitutionRefSchema = z
  .object({
    lessonId: lessonIdSchema,
    date: isoDateSchema,
    slot: z.number().int(),
    classId: classIdSchema,
    groupName: z.string(),
    subjectName: z.string(),
    status: lessonStatusSchema,
  })
  .meta({ id: 'SubstitutionRef' });

export const listMyJournals = defineOperation({
  operationId: 'listMyJournals',
  method: 'GET',
  path: '/api/me/journals',
  area: 'journal',
  access: 'authenticated',
  tag: 'journal',
  summary:
    'The journals the caller may open (those they teach now, their class’s, or all for the administration) and the lessons they substitute from two weeks back to a week ahead',
  response: z.object({ journals: z.array(journalRefSchema), substitutions: z.array(substitutionRefSchema) }).meta({ id: 'MyJournals' }),
});
