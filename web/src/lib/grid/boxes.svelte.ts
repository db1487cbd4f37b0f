/**
 * A cell's and a row's state for the page. A cell box holds its view as one signal (the details
 * under the grid read it) and its `<td>`, which it repaints itself when the view changes — so a
 * keystroke or a saved mark touches that one element and nothing else is rendered again.
 */
import { cellClassName, cellInnerHtml } from './cell-html.ts';
import type { CellView, RowView } from './model.ts';

export class CellBox {
  view = $state.raw<CellView>() as CellView;
  /** The cell's element, once the grid is on screen. */
  el: HTMLTableCellElement | null = null;
  /** The lesson's classes (`cell control ro`) and whether the student was out of the class then. */
  lessonClass = 'cell';
  outside = false;
  /** While typed into, the input is the cell's content: repaint after. */
  editing = false;

  constructor(view: CellView) {
    this.view = view;
  }

  set(view: CellView): void {
    this.view = view;
    this.paint();
  }

  /** Writes the view into the element (class and content). */
  paint(): void {
    if (!this.el || this.editing) return;
    this.el.className = cellClassName(this.lessonClass, this.outside, this.view.status);
    this.el.innerHTML = cellInnerHtml(this.view);
  }
}

export class RowBox {
  view = $state.raw<RowView>() as RowView;

  constructor(view: RowView) {
    this.view = view;
  }

  set(view: RowView): void {
    this.view = view;
  }
}
