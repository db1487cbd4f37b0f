import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderReport } from '#functions/reports/export/render-report.ts';
import { repoRoot } from '#infra/lib/paths.ts';
import { performanceReport } from './fixtures.ts';

const run = promisify(execFile);

describe('renderReport', () => {
  it('names each format’s file by the stem and serves it with its content type', async () => {
    const results = await Promise.all((['csv', 'xlsx', 'pdf'] as const).map((format) => renderReport(performanceReport, format)));
    expect(results.map((r) => [r.fileName, r.contentType])).toEqual([
      ['performance-2026-q1-5a.csv', 'text/csv; charset=utf-8'],
      ['performance-2026-q1-5a.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['performance-2026-q1-5a.pdf', 'application/pdf'],
    ]);
    // What the bytes are, by their magic numbers: a ZIP (XLSX) and a PDF.
    expect(Buffer.from(results[1]!.bytes.slice(0, 2)).toString('latin1')).toBe('PK');
    expect(Buffer.from(results[2]!.bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('loads exceljs and pdfkit only when an XLSX or a PDF is rendered', async () => {
    // A fresh process, as a cold Lambda: which CommonJS packages are loaded after importing, then
    // after each rendering (pdfkit's own modules are ESM; its fontkit loads the CommonJS brotli).
    const script = `
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => ({ exceljs: Object.keys(cache).some((k) => k.includes('/node_modules/exceljs/')), pdfkit: Object.keys(cache).some((k) => k.includes('/node_modules/brotli/')) });
      const { renderReport } = await import('#functions/reports/export/render-report.ts');
      const { performanceReport } = await import('./test/unit/reports/export/fixtures.ts');
      const steps = { imported: loaded() };
      await renderReport(performanceReport, 'csv');
      steps.csv = loaded();
      await renderReport(performanceReport, 'xlsx');
      steps.xlsx = loaded();
      await renderReport(performanceReport, 'pdf');
      steps.pdf = loaded();
      process.stdout.write(JSON.stringify(steps));`;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot });
    expect(JSON.parse(stdout)).toEqual({
      imported: { exceljs: false, pdfkit: false },
      csv: { exceljs: false, pdfkit: false },
      xlsx: { exceljs: true, pdfkit: false },
      pdf: { exceljs: true, pdfkit: true },
    });
  });
});
