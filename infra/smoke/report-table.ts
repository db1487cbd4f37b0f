import type { SmokeReport } from './types.ts';

/** Long details (a CSP problem, a certificate) wrap within this width instead of widening the table. */
const DETAIL_WIDTH = 96;

const resultOf = (c: { ok: boolean; skipped?: boolean }) => (c.skipped ? 'skipped' : c.ok ? 'ok' : 'FAIL');

/** One target's checks as a table: check, result, detail, ms. */
export function formatReport(report: SmokeReport): string {
  const failed = report.checks.filter((c) => !c.ok).length;
  const skipped = report.checks.filter((c) => c.skipped).length;
  const verdict = report.ok ? 'ok' : `FAILED (${failed} of ${report.checks.length} checks)`;
  const where = report.target.name === report.target.webUrl || report.target.name === new URL(report.target.webUrl).origin ? '' : `  ${report.target.webUrl}`;
  const head = `${report.target.name}${where}${report.target.apiUrl ? `  api ${report.target.apiUrl}` : ''}  — ${verdict}${skipped ? `, ${skipped} skipped` : ''}`;
  const rows = report.checks.map((c) => ({ name: c.name, result: resultOf(c), lines: wrap(c.detail, DETAIL_WIDTH), ms: String(c.ms) }));
  const nameWidth = Math.max('check'.length, ...rows.map((r) => r.name.length));
  const resultWidth = Math.max('result'.length, ...rows.map((r) => r.result.length));
  const detailWidth = Math.max('detail'.length, ...rows.flatMap((r) => r.lines.map((l) => l.length)));
  const msWidth = Math.max('ms'.length, ...rows.map((r) => r.ms.length));
  const line = (name: string, result: string, detail: string, ms: string) =>
    `  ${name.padEnd(nameWidth)}  ${result.padEnd(resultWidth)}  ${detail.padEnd(detailWidth)}  ${ms.padStart(msWidth)}`.trimEnd();
  const out = [head, line('check', 'result', 'detail', 'ms')];
  for (const row of rows) {
    out.push(line(row.name, row.result, row.lines[0] ?? '', row.ms));
    for (const more of row.lines.slice(1)) out.push(line('', '', more, ''));
  }
  return out.join('\n');
}

/** Breaks at spaces (or hard, for a long token) so every line fits the width. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (current) lines.push(current), (current = '');
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= width) current += ` ${rest}`;
    else lines.push(current), (current = rest);
  }
  if (current) lines.push(current);
  return lines.length ? lines : [''];
}
