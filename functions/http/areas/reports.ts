/** Lambda entry for the `reports` area: the school's reports and their exports, control reports and checks, backups. */
import { areaRouter } from '../lib/area-router.ts';
import { getPerformanceReportHandler } from '../handlers/get-performance-report.ts';
import { getSummarySheetHandler } from '../handlers/get-summary-sheet.ts';
import { getAttendanceReportHandler } from '../handlers/get-attendance-report.ts';
import { getMarkAccumulationReportHandler } from '../handlers/get-mark-accumulation-report.ts';
import { getJournalKeepingReportHandler } from '../handlers/get-journal-keeping-report.ts';
import { getProgrammeCompletionReportHandler } from '../handlers/get-programme-completion-report.ts';
import { getSubstitutionReportHandler } from '../handlers/get-substitution-report.ts';
import { getUsageReportHandler } from '../handlers/get-usage-report.ts';
import { exportReportHandler } from '../handlers/export-report.ts';
import { listControlReportsHandler } from '../handlers/list-control-reports.ts';
import { runControlCheckHandler } from '../handlers/run-control-check.ts';
import { listBackupsHandler } from '../handlers/list-backups.ts';

export const handler = areaRouter([
  getPerformanceReportHandler,
  getSummarySheetHandler,
  getAttendanceReportHandler,
  getMarkAccumulationReportHandler,
  getJournalKeepingReportHandler,
  getProgrammeCompletionReportHandler,
  getSubstitutionReportHandler,
  getUsageReportHandler,
  exportReportHandler,
  listControlReportsHandler,
  runControlCheckHandler,
  listBackupsHandler,
]);
