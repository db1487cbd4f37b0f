/** What each export format is called and served as (the download's name and Content-Type). */
import type { ExportFormat, ReportDocument } from './report-document.ts';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** `<fileStem>.<ext>`: the stem is Latin and safe already (report-document.ts). */
export function exportFileName(doc: Pick<ReportDocument, 'fileStem'>, format: ExportFormat): string {
  return `${doc.fileStem}.${format}`;
}
