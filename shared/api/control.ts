import * as z from 'zod';
import { instantSchema } from '#shared/domain/dates.ts';
import { classIdSchema, personIdSchema, studyPeriodIdSchema, subjectIdSchema } from '#shared/domain/ids.ts';
import { isoDateSchema } from '#shared/domain/dates.ts';
import { defineOperation } from './operation.ts';
import { performanceBasisSchema } from './reports.ts';
import { backupListSchema } from './backups.ts';

/** The reports that export, by name (the screen's report and the same query). */
export const reportKindSchema = z
  .enum(['performance', 'summary-sheet', 'attendance', 'mark-accumulation', 'journal-keeping', 'programme-completion', 'substitutions', 'usage', 'journal-archive'])
  .meta({ id: 'ReportKind' });
export type ReportKind = z.infer<typeof reportKindSchema>;

/** `json`: the machine-readable year-end archive of a class's journal (journal-archive only). */
export const exportFormatSchema = z.enum(['csv', 'xlsx', 'pdf', 'json']).meta({ id: 'ExportFormat' });

/** The union of the reports' queries: each report reads what it takes and ignores the rest. */
export const exportReportBodySchema = z
  .object({
    report: reportKindSchema,
    format: exportFormatSchema,
    query: z
      .object({
        periodId: studyPeriodIdSchema.optional(),
        classId: classIdSchema.optional(),
        subjectId: subjectIdSchema.optional(),
        teacherId: personIdSchema.optional(),
        studentId: personIdSchema.optional(),
        groupBy: z.enum(['class', 'subject', 'teacher']).optional(),
        basis: performanceBasisSchema.optional(),
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        minAbsences: z.number().int().min(0).max(1000).optional(),
      })
      .strict()
      .default({}),
  })
  .refine((b) => b.format !== 'json' || b.report === 'journal-archive', { error: 'JSON выгружается только для архива журнала', path: ['format'] })
  .meta({ id: 'ExportReportBody' });

export const exportedFileSchema = z
  .object({
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    /** A download link that works for a few minutes (no sign-in needed for it). */
    url: z.url(),
    expiresAt: instantSchema,
  })
  .meta({ id: 'ExportedFile' });

export const exportReport = defineOperation({
  operationId: 'exportReport',
  method: 'POST',
  path: '/api/reports/export',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'A report as CSV, XLSX or PDF (Cyrillic fonts embedded): a short-lived download link',
  body: exportReportBodySchema,
  response: exportedFileSchema,
  errors: ['NOT_FOUND'],
});

/** The scheduled control checks (functions/scheduled/schedules.ts), by name. */
export const controlCheckSchema = z
  .enum(['daily-fill-check', 'monthly-operator-control', 'period-control', 'final-marks-check', 'class-data-review', 'year-end-archive'])
  .meta({ id: 'ControlCheck' });
export type ControlCheck = z.infer<typeof controlCheckSchema>;

export const controlReportSchema = z
  .object({
    id: z.string(),
    check: controlCheckSchema,
    /** The period the run covers: a day, a month, a study period. Once per key. */
    periodKey: z.string(),
    title: z.string(),
    createdAt: instantSchema,
    /** Key figures, as the director’s e-mail shows them. */
    summary: z.array(z.object({ label: z.string(), value: z.string() })),
    /** What needs action. */
    actions: z.array(z.string()),
    /** Who was e-mailed (roles, counts: no addresses). */
    mailed: z.array(z.string()),
    /** `label`: which part, where a report has many (the archive: a class each). */
    files: z.array(z.object({ format: z.enum(['pdf', 'xlsx', 'json']), fileName: z.string(), url: z.url(), size: z.number().int(), label: z.string().optional() })),
  })
  .meta({ id: 'ControlReport' });
export type ControlReport = z.infer<typeof controlReportSchema>;

export const listControlReports = defineOperation({
  operationId: 'listControlReports',
  method: 'GET',
  path: '/api/control-reports',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'The stored control reports (справки), newest first, with short-lived links to their PDF and XLSX',
  query: z.object({ check: controlCheckSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(30) }),
  response: z.object({ reports: z.array(controlReportSchema) }).meta({ id: 'ControlReportList' }),
});

export const runControlCheck = defineOperation({
  operationId: 'runControlCheck',
  method: 'POST',
  path: '/api/control-checks/{check}/run',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'Run a control check now, for its current period: once per period (a re-run returns the stored report and sends nothing again)',
  params: z.object({ check: controlCheckSchema }),
  body: z.object({}).strict().default({}),
  response: z.object({ report: controlReportSchema, created: z.boolean() }).meta({ id: 'ControlCheckRun' }),
  /** NOT_FOUND: nothing to report yet (no period has ended, the year goes on). */
  errors: ['NOT_FOUND'],
});

export const listBackups = defineOperation({
  operationId: 'listBackups',
  method: 'GET',
  path: '/api/backups',
  area: 'reports',
  access: 'authenticated',
  tag: 'reports',
  summary: 'The school’s backups (п. 7.1), newest first, with what each holds and its last restore drill',
  response: backupListSchema,
});
