/**
 * The lesson cells of the grid as markup: each row's cells are written once as one piece of
 * HTML (the browser parses a 2,100-cell journal in a few milliseconds, far faster than building
 * a component per cell), and afterwards each cell is repainted alone by its box when what it
 * shows changes. No inline style anywhere (the CSP); every text is escaped.
 */
import type { CellStatus, CellView, MarkView } from './model.ts';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const STATUS_SPOKEN: Readonly<Record<Exclude<CellStatus, ''>, string>> = {
  pending: ', сохраняется',
  unsent: ', не отправлено',
  conflict: ', конфликт: значение изменено другим пользователем',
  rejected: ', не принято',
};

/** A plain mark is text (the cell is bold): fewer elements to lay out in a 2,100-cell journal. */
function markHtml(mark: MarkView): string {
  if (!mark.weighted && !mark.control && !mark.commented) return escapeHtml(mark.text);
  const cls = `mark${mark.weighted ? ' weighted' : ''}${mark.control ? ' mark-control' : ''}${mark.commented ? ' commented' : ''}`;
  return `<span class="${cls}">${escapeHtml(mark.text)}</span>`;
}

/** What is inside a cell: the code, the marks, and for a screen reader what waits to be saved. */
export function cellInnerHtml(view: CellView): string {
  const parts = view.code ? [`<span class="${view.presentCode ? 'att att-late' : 'att'}">${escapeHtml(view.code)}</span>`] : [];
  for (const mark of view.marks) parts.push(markHtml(mark));
  // Spaces between the parts: a screen reader and a copy say «Н 5/4», not «Н5/4».
  return parts.join(' ') + (view.status ? `<span class="sr-only">${STATUS_SPOKEN[view.status]}</span>` : '');
}

/** A cell's classes: its lesson's (`cell control ro` …), whether the student was in the class, what waits. */
export function cellClassName(lessonClass: string, outside: boolean, status: CellStatus): string {
  return `${lessonClass}${outside ? ' outside' : ''}${status ? ` st-${status}` : ''}`;
}

export type StaticCell = { lessonClass: string; outside: boolean; readOnly: boolean; view: CellView };

/** One row's lesson cells as HTML: each a focusable gridcell (tabindex -1: the grid keeps one tab stop). */
export function rowCellsHtml(cells: readonly StaticCell[]): string {
  let html = '';
  for (const cell of cells) {
    html += `<td tabindex="-1" class="${cellClassName(cell.lessonClass, cell.outside, cell.view.status)}"${cell.readOnly ? ' aria-readonly="true"' : ''}>${cellInnerHtml(cell.view)}</td>`;
  }
  return html;
}
