/**
 * A report document in the format asked for. The XLSX and PDF renderers (exceljs, pdfkit) are
 * imported only when one is asked for, so a handler that imports this module starts without
 * loading them (in a bundle they are inlined but not evaluated until then).
 */
import { renderCsv } from './csv.ts';
import type { ExportFormat, RenderedReport, ReportDocument } from './report-document.ts';

export { EXPORT_CONTENT_TYPES, exportFileName } from './export-formats.ts';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'pdf'];

export async function renderReport(doc: ReportDocument, format: ExportFormat): Promise<RenderedReport> {
  switch (format) {
    case 'csv':
      return renderCsv(doc);
    case 'xlsx':
      return (await import('./xlsx.ts')).renderXlsx(doc);
    case 'pdf':
      return (await import('./pdf.ts')).renderPdf(doc);
    default:
      throw new Error(`Unknown export format: ${String(format satisfies never)}`);
  }
}
