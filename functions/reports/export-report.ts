/**
 * A report exported (п. 2.3): the report computed for the caller exactly as its screen shows it
 * (its own access rule applies), rendered to CSV, XLSX or PDF, stored under `reports/exports/`
 * and handed back as a link that works for 15 minutes.
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import type { exportReportBodySchema } from '#shared/api/control.ts';
import type { AccessContext } from '#shared/authz/access-context.ts';
import { exportKey, presignReportFile, putReportFile } from '#functions/data/report-file-store.ts';
import { ValidationError } from '#functions/lib/errors.ts';
import type { Logger } from '#functions/lib/logger.ts';
import type { ReportDocument } from './export/report-document.ts';
import { renderReport } from './export/render-report.ts';
import { getAttendanceReport } from './attendance-report.ts';
import { getMarkAccumulationReport } from './accumulation-report.ts';
import { getJournalKeepingReport } from './journal-keeping-report.ts';
import { getPerformanceReport } from './performance-report.ts';
import { getProgrammeCompletionReport } from './programme-report.ts';
import { getSubstitutionReport } from './substitution-report.ts';
import { getSummarySheet } from './summary-sheet.ts';
import { getUsageReport } from './usage-report.ts';
import * as documents from './report-documents.ts';
import { archiveJson, buildClassArchive } from './journal-archive.ts';
import { loadReportYear } from './report-data.ts';
import { policy } from '#shared/authz/policy.ts';
import { enforce } from '#functions/lib/authorize.ts';


type ExportBody = z.output<typeof exportReportBodySchema>;

/** The report's own document, computed with the caller's rights. */
export async function reportDocument(ctx: AccessContext, body: ExportBody, log: Logger, now: Date): Promise<ReportDocument> {
  const q = body.query;
  switch (body.report) {
    case 'performance':
      return documents.performanceDocument(await getPerformanceReport(ctx, { ...q, groupBy: q.groupBy ?? 'class' }, log, now));
    case 'summary-sheet':
      if (!q.classId) throw new ValidationError([{ path: 'body.query.classId', message: 'Выберите класс' }]);
      return documents.summarySheetDocument(await getSummarySheet(ctx, { ...q, classId: q.classId }, log, now));
    case 'attendance':
      return documents.attendanceDocument(await getAttendanceReport(ctx, { ...q, minAbsences: q.minAbsences ?? 0 }, log, now));
    case 'mark-accumulation':
      return documents.accumulationDocument(await getMarkAccumulationReport(ctx, q, log, now));
    case 'journal-keeping':
      return documents.journalKeepingDocument(await getJournalKeepingReport(ctx, q, log, now));
    case 'programme-completion':
      return documents.programmeDocument(await getProgrammeCompletionReport(ctx, q, log, now));
    case 'substitutions':
      if (!q.from || !q.to) throw new ValidationError([{ path: 'body.query.from', message: 'Укажите даты' }]);
      return documents.substitutionDocument(await getSubstitutionReport(ctx, { from: q.from, to: q.to, teacherId: q.teacherId }, log, now));
    case 'usage':
      return documents.usageDocument(await getUsageReport(ctx, q, log, now));
    case 'journal-archive':
      return (await classArchive(ctx, q.classId, log, now)).document;
  }
}

/** A class's journal of the year (the archive): the class teacher of the year or the administration. */
async function classArchive(ctx: AccessContext, classId: string | undefined, log: Logger, now: Date) {
  if (!classId) throw new ValidationError([{ path: 'body.query.classId', message: 'Выберите класс' }]);
  const y = await loadReportYear(now);
  enforce(policy.getSummarySheet(ctx, { classId, from: y.year.startDate, to: y.year.endDate }), ctx, log);
  return buildClassArchive(y, classId, now);
}

export async function exportReport(ctx: AccessContext, body: ExportBody, log: Logger, now = new Date()) {
  const file = body.format === 'json' ? archiveJson(await classArchive(ctx, body.query.classId, log, now)) : await renderReport(await reportDocument(ctx, body, log, now), body.format);
  const key = exportKey(randomUUID(), file.fileName);
  await putReportFile(key, file.bytes, file.contentType);
  const link = await presignReportFile(key, file.fileName, file.contentType, now);
  log.info('report exported', { report: body.report, format: body.format, bytes: file.bytes.byteLength });
  return { fileName: file.fileName, contentType: file.contentType, size: file.bytes.byteLength, ...link };
}
