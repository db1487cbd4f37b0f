import * as z from 'zod';
import { instantSchema, isoDateSchema } from '#shared/domain/dates.ts';
import { classIdSchema, personIdSchema, studyPeriodIdSchema, subjectIdSchema } from '#shared/domain/ids.ts';
import { finalMarkValueSchema } from '#shared/domain/final-mark.ts';
import { groupIdSchema, periodRefSchema } from './journal.ts';
import { defineOperation } from './operation.ts';

/**
 * The school's reports (п. 2.3, 4.5, 5.10, 7.2–7.4): each a screen and an export. The figures
 * are computed by the services in functions/reports/, which the scheduled control checks share;
 * formulas: docs/metrics.md.
 */

const percent = z.number().nullable().describe('0–100, one decimal; null when N = 0');

/** Who a report row is about. */
export const reportScopeSchema = z.object({
  classId: classIdSchema.optional(),
  subjectId: subjectIdSchema.optional(),
  teacherId: personIdSchema.optional(),
});

/** One period (or, for the attendance report, any dates within the year). */
const periodQuery = z.object({ periodId: studyPeriodIdSchema.optional() });

export const performanceBasisSchema = z.enum(['final', 'current']).meta({
  id: 'PerformanceBasis',
  description: '`final`: each student’s final mark of the period; `current`: the rounded weighted average of the period’s marks',
});

/** The counts behind the figures, and the figures (docs/metrics.md). */
export const performanceFiguresSchema = z
  .object({
    /** Students (class rows) or student × subject results (other rows) counted: exempt and unmarked excluded, н/а included. */
    n: z.number().int(),
    n5: z.number().int(),
    n4: z.number().int(),
    n3: z.number().int(),
    /** 2 and 1. */
    n2: z.number().int(),
    /** н/а (не аттестован). */
    nNa: z.number().int(),
    /** Credit subjects: зачёт / незачёт. */
    nPass: z.number().int(),
    nFail: z.number().int(),
    /** Успеваемость, %. */
    successRate: percent,
    /** Качество знаний, %. */
    qualityRate: percent,
    /** СОУ (степень обученности), %. */
    sou: percent,
    /** Средний балл, two decimals. */
    average: z.number().nullable(),
  })
  .meta({ id: 'PerformanceFigures' });
export type PerformanceFigures = z.infer<typeof performanceFiguresSchema>;

export const performanceRowSchema = performanceFiguresSchema
  .extend({ key: z.string(), label: z.string(), detail: z.string().optional() })
  .meta({ id: 'PerformanceRow' });

export const performanceReportSchema = z
  .object({
    period: periodRefSchema,
    basis: performanceBasisSchema,
    groupBy: z.enum(['class', 'subject', 'teacher']),
    rows: z.array(performanceRowSchema),
    total: performanceFiguresSchema,
    generatedAt: instantSchema,
  })
  .meta({ id: 'PerformanceReport' });
export type PerformanceReport = z.infer<typeof performanceReportSchema>;

export const getPerformanceReport = defineOperation({
  operationId: 'getPerformanceReport',
  method: 'GET',
  path: '/api/reports/performance',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Успеваемость, качество знаний, СОУ and average mark by class, subject or teacher for a period (п. 2.3, 7.3)',
  query: periodQuery.extend(reportScopeSchema.shape).extend({
    groupBy: z.enum(['class', 'subject', 'teacher']).default('class'),
    basis: performanceBasisSchema.optional(),
  }),
  response: performanceReportSchema,
  errors: ['NOT_FOUND'],
});

export const summarySheetSchema = z
  .object({
    classId: classIdSchema,
    className: z.string(),
    periods: z.array(periodRefSchema),
    subjects: z.array(z.object({ subjectId: subjectIdSchema, name: z.string() })),
    students: z.array(
      z.object({
        studentId: personIdSchema,
        name: z.string(),
        /** periodId → subjectId → final mark. */
        marks: z.record(z.string(), z.record(z.string(), finalMarkValueSchema)),
        /** For the chosen period: average of numeric final marks; counts of 5, 4, 3, 2 and н/а. */
        average: z.number().nullable(),
        counts: z.object({ n5: z.number(), n4: z.number(), n3: z.number(), n2: z.number(), nNa: z.number() }),
      }),
    ),
    /** The chosen period (the last of `periods` unless asked). */
    periodId: studyPeriodIdSchema,
    figures: performanceFiguresSchema,
    generatedAt: instantSchema,
  })
  .meta({ id: 'SummarySheet' });
export type SummarySheet = z.infer<typeof summarySheetSchema>;

export const getSummarySheet = defineOperation({
  operationId: 'getSummarySheet',
  method: 'GET',
  path: '/api/reports/summary-sheet',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Сводная ведомость: a class’s final marks by subject for the year’s periods; with studentId one student’s report card',
  query: z.object({ classId: classIdSchema, periodId: studyPeriodIdSchema.optional(), studentId: personIdSchema.optional() }),
  response: summarySheetSchema,
  errors: ['NOT_FOUND'],
});

export const attendanceReportSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    period: periodRefSchema.optional(),
    codes: z.array(z.object({ code: z.string(), name: z.string(), countsAsAbsence: z.boolean(), excused: z.boolean() })),
    minAbsences: z.number().int(),
    classes: z.array(
      z.object({
        classId: classIdSchema,
        className: z.string(),
        students: z.number().int(),
        lessonsHeld: z.number().int(),
        lessonsMissed: z.number().int(),
        daysMissed: z.number().int(),
        /** Missed lessons per 100 student-lessons. */
        missedRate: percent,
        byCode: z.record(z.string(), z.number().int()),
      }),
    ),
    students: z.array(
      z.object({
        studentId: personIdSchema,
        name: z.string(),
        classId: classIdSchema,
        className: z.string(),
        lessons: z.number().int(),
        lessonsMissed: z.number().int(),
        excused: z.number().int(),
        unexcused: z.number().int(),
        daysMissed: z.number().int(),
        late: z.number().int(),
        byCode: z.record(z.string(), z.number().int()),
      }),
    ),
    generatedAt: instantSchema,
  })
  .meta({ id: 'AttendanceReport' });
export type AttendanceReport = z.infer<typeof attendanceReportSchema>;

export const getAttendanceReport = defineOperation({
  operationId: 'getAttendanceReport',
  method: 'GET',
  path: '/api/reports/attendance',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Attendance by student and class: lessons and days missed by code, for a period or dates, with a minimum-absences filter',
  query: periodQuery.extend({
    classId: classIdSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    minAbsences: z.coerce.number().int().min(0).max(1000).default(0),
  }),
  response: attendanceReportSchema,
  errors: ['NOT_FOUND'],
});

export const accumulationReportSchema = z
  .object({
    period: periodRefSchema,
    /** As of this day (the period’s end, or today while it runs). */
    asOf: isoDateSchema,
    journals: z.array(
      z.object({
        groupId: groupIdSchema,
        classId: classIdSchema,
        groupName: z.string(),
        subjectId: subjectIdSchema,
        subjectName: z.string(),
        teacherName: z.string(),
        lessonsHeld: z.number().int(),
        /** The fewest marks a student should have by now (docs/metrics.md). */
        required: z.number().int(),
        students: z.number().int(),
        marks: z.number().int(),
        averagePerStudent: z.number().nullable(),
        /** Students below `required` (exempt students not counted). */
        tooFew: z.array(z.object({ studentId: personIdSchema, name: z.string(), marks: z.number().int() })),
      }),
    ),
    generatedAt: instantSchema,
  })
  .meta({ id: 'MarkAccumulationReport' });
export type MarkAccumulationReport = z.infer<typeof accumulationReportSchema>;

export const getMarkAccumulationReport = defineOperation({
  operationId: 'getMarkAccumulationReport',
  method: 'GET',
  path: '/api/reports/mark-accumulation',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Накопляемость: marks per student and subject against lessons held; who has too few',
  query: periodQuery.extend(reportScopeSchema.shape),
  response: accumulationReportSchema,
  errors: ['NOT_FOUND'],
});

export const journalKeepingRowSchema = z
  .object({
    teacherId: personIdSchema,
    teacherName: z.string(),
    /** Lessons past their fill deadline that the teacher keeps (own or substituted). */
    lessonsDue: z.number().int(),
    lessonsHeld: z.number().int(),
    filledOnTime: z.number().int(),
    filledLate: z.number().int(),
    /** Past the deadline and still not filled (п. 5.2). */
    notFilled: z.number().int(),
    onTimeRate: percent,
    /** Conducted without a topic, or a practical/laboratory/control work without its topic (п. 5.4). */
    missingTopics: z.number().int(),
    /** Conducted lessons with neither marks nor attendance recorded. */
    emptyLessons: z.number().int(),
    /** Control works: held, without marks for a present student, marks set after the deadline. */
    controlWorks: z.number().int(),
    controlWithoutMarks: z.number().int(),
    lateControlMarks: z.number().int(),
    /** Final marks of the period (п. 6.1): due, set on time, set late, missing. */
    finalsDue: z.number().int(),
    finalsOnTime: z.number().int(),
    finalsLate: z.number().int(),
    finalsMissing: z.number().int(),
    /** Lessons that need action, for the teacher’s notice. */
    problems: z.array(z.object({ lessonId: z.string(), date: isoDateSchema, label: z.string(), issue: z.string() })),
  })
  .meta({ id: 'JournalKeepingRow' });
export type JournalKeepingRow = z.infer<typeof journalKeepingRowSchema>;

export const journalKeepingReportSchema = z
  .object({
    period: periodRefSchema,
    asOf: isoDateSchema,
    rows: z.array(journalKeepingRowSchema),
    generatedAt: instantSchema,
  })
  .meta({ id: 'JournalKeepingReport' });
export type JournalKeepingReport = z.infer<typeof journalKeepingReportSchema>;

export const getJournalKeepingReport = defineOperation({
  operationId: 'getJournalKeepingReport',
  method: 'GET',
  path: '/api/reports/journal-keeping',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Journal keeping per teacher (п. 4.5, 5.2): filled within the deadline, missing topics, marks and attendance, final marks on time',
  query: periodQuery.extend({ teacherId: personIdSchema.optional() }),
  response: journalKeepingReportSchema,
  errors: ['NOT_FOUND'],
});

export const programmeRowSchema = z
  .object({
    teacherId: personIdSchema,
    teacherName: z.string(),
    groupId: groupIdSchema,
    classId: classIdSchema,
    groupName: z.string(),
    subjectId: subjectIdSchema,
    subjectName: z.string(),
    /** Curriculum hours a year (учебный план). */
    hoursPerYear: z.number().nullable(),
    /** КТП hours whose planned date is within the year up to the period’s end (or today). */
    plannedHours: z.number().int(),
    deliveredHours: z.number().int(),
    completion: percent,
    /** Behind the plan by more than 2 lessons (or ahead). */
    lag: z.number().int(),
    /** КТП topics planned to have begun by now, and how many of them lessons held have covered. */
    plannedTopics: z.number().int(),
    coveredTopics: z.number().int(),
    controlPlanned: z.number().int(),
    controlHeld: z.number().int(),
    /** The КТП’s total hours differ from the curriculum (п. 7.4 a). */
    planMismatch: z.string().optional(),
  })
  .meta({ id: 'ProgrammeRow' });
export type ProgrammeRow = z.infer<typeof programmeRowSchema>;

export const programmeReportSchema = z
  .object({ period: periodRefSchema, asOf: isoDateSchema, rows: z.array(programmeRowSchema), generatedAt: instantSchema })
  .meta({ id: 'ProgrammeCompletionReport' });
export type ProgrammeCompletionReport = z.infer<typeof programmeReportSchema>;

export const getProgrammeCompletionReport = defineOperation({
  operationId: 'getProgrammeCompletionReport',
  method: 'GET',
  path: '/api/reports/programme-completion',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Programme completion (п. 7.4): delivered against planned hours per teacher × class × subject, control works held against planned',
  query: periodQuery.extend(reportScopeSchema.shape),
  response: programmeReportSchema,
  errors: ['NOT_FOUND'],
});

export const substitutionReportSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    substitutions: z.array(
      z.object({
        teacherId: personIdSchema,
        teacherName: z.string(),
        lessons: z.number().int(),
        items: z.array(z.object({ date: isoDateSchema, slot: z.number().int(), groupName: z.string(), subjectName: z.string(), replacedName: z.string(), held: z.boolean() })),
      }),
    ),
    cancellations: z.array(
      z.object({ date: isoDateSchema, slot: z.number().int(), groupName: z.string(), subjectName: z.string(), teacherName: z.string(), reason: z.string() }),
    ),
    generatedAt: instantSchema,
  })
  .meta({ id: 'SubstitutionReport' });
export type SubstitutionReport = z.infer<typeof substitutionReportSchema>;

export const getSubstitutionReport = defineOperation({
  operationId: 'getSubstitutionReport',
  method: 'GET',
  path: '/api/reports/substitutions',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Substitutions per substitute teacher and cancelled lessons, for pay (п. 5.3, 5.5)',
  query: z.object({ from: isoDateSchema, to: isoDateSchema, teacherId: personIdSchema.optional() }),
  response: substitutionReportSchema,
  errors: ['NOT_FOUND'],
});

export const usagePersonSchema = z
  .object({
    personId: personIdSchema,
    name: z.string(),
    kind: z.enum(['student', 'parent']),
    /** A parent: whose parent (names of their children in the class). */
    childNames: z.array(z.string()).optional(),
    hasAccount: z.boolean(),
    accountDisabled: z.boolean().optional(),
    lastSignInAt: instantSchema.optional(),
    /** Last day seen using the diary (a sign-in or a token refresh). */
    lastActiveOn: isoDateSchema.optional(),
    activeIn7Days: z.boolean(),
    activeIn30Days: z.boolean(),
  })
  .meta({ id: 'UsagePerson' });

const usageCounts = z.object({
  people: z.number().int(),
  withAccount: z.number().int(),
  active7: z.number().int(),
  active30: z.number().int(),
  neverSignedIn: z.number().int(),
});

export const usageReportSchema = z
  .object({
    asOf: isoDateSchema,
    classes: z.array(
      z.object({
        classId: classIdSchema,
        className: z.string(),
        students: usageCounts,
        parents: usageCounts,
        /** Filled when one class is asked for. */
        people: z.array(usagePersonSchema).optional(),
      }),
    ),
    generatedAt: instantSchema,
  })
  .meta({ id: 'UsageReport' });
export type UsageReport = z.infer<typeof usageReportSchema>;

export const getUsageReport = defineOperation({
  operationId: 'getUsageReport',
  method: 'GET',
  path: '/api/reports/usage',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Diary usage by parents and students per class (п. 5.10): accounts, last sign-in, active in 7 and 30 days, never signed in',
  query: z.object({ classId: classIdSchema.optional() }),
  response: usageReportSchema,
  errors: ['NOT_FOUND'],
});
