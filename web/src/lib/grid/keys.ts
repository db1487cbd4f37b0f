/**
 * The journal grid's keyboard (the WAI-ARIA grid pattern, as a spreadsheet works): one tab stop,
 * arrows move between cells; typing starts editing the cell with what was typed, F2 edits its
 * whole text; Enter, Tab and the arrows commit and move on; Esc gives the cell back as it was.
 * Pure: the component turns an event into an action here and carries it out.
 */

export type KeyInput = {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
};

/** How an edit began: by typing over the cell (arrows leave it), or with F2 (arrows move the caret). */
export type EditMode = 'replace' | 'full';

export type GridAction =
  /** Move by rows and columns (clamped to the grid). */
  | { kind: 'move'; dr: number; dc: number }
  /** To the first/last column of the row, and with Ctrl to the first/last row. */
  | { kind: 'jump'; row?: 'first' | 'last'; col: 'first' | 'last' }
  /** Start editing: with the typed text (replacing), or the cell's text (`text` undefined). */
  | { kind: 'edit'; text?: string }
  /** Clear the cell (Delete, Backspace). */
  | { kind: 'clear' }
  /** Open the lesson's menu (a column header). */
  | { kind: 'menu' }
  /** Commit the edit, then move. */
  | { kind: 'commit'; dr: number; dc: number }
  /** Give the cell back as it was before the typing. */
  | { kind: 'cancel' };

export const PAGE_ROWS = 10;

function plain(e: KeyInput): boolean {
  return !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** A key pressed on a cell while not editing. Null: not ours (Tab leaves the grid). */
export function navigationKey(e: KeyInput, onHeader: boolean): GridAction | null {
  if (e.isComposing) return null;
  switch (e.key) {
    case 'ArrowUp':
      return { kind: 'move', dr: -1, dc: 0 };
    case 'ArrowDown':
      return { kind: 'move', dr: 1, dc: 0 };
    case 'ArrowLeft':
      return { kind: 'move', dr: 0, dc: -1 };
    case 'ArrowRight':
      return { kind: 'move', dr: 0, dc: 1 };
    case 'PageUp':
      return { kind: 'move', dr: -PAGE_ROWS, dc: 0 };
    case 'PageDown':
      return { kind: 'move', dr: PAGE_ROWS, dc: 0 };
    case 'Home':
      return e.ctrlKey || e.metaKey ? { kind: 'jump', row: 'first', col: 'first' } : { kind: 'jump', col: 'first' };
    case 'End':
      return e.ctrlKey || e.metaKey ? { kind: 'jump', row: 'last', col: 'last' } : { kind: 'jump', col: 'last' };
    case 'Enter':
      if (onHeader) return { kind: 'menu' };
      return { kind: 'move', dr: e.shiftKey ? -1 : 1, dc: 0 };
    case ' ':
      return onHeader ? { kind: 'menu' } : null;
    case 'F2':
      return onHeader ? { kind: 'menu' } : { kind: 'edit' };
    case 'Delete':
    case 'Backspace':
      return onHeader ? null : { kind: 'clear' };
    default:
      break;
  }
  // A printable character starts editing with it (a mark, a code, a letter of either layout).
  if (!onHeader && plain(e) && [...e.key].length === 1 && e.key !== ' ') return { kind: 'edit', text: e.key };
  return null;
}

/** A key pressed in the cell's input. Null: the input handles it (typing, the caret). */
export function editingKey(e: KeyInput, mode: EditMode): GridAction | null {
  if (e.isComposing) return null;
  switch (e.key) {
    case 'Enter':
      return { kind: 'commit', dr: e.shiftKey ? -1 : 1, dc: 0 };
    case 'Tab':
      return { kind: 'commit', dr: 0, dc: e.shiftKey ? -1 : 1 };
    case 'Escape':
      return { kind: 'cancel' };
    case 'ArrowUp':
      return { kind: 'commit', dr: -1, dc: 0 };
    case 'ArrowDown':
      return { kind: 'commit', dr: 1, dc: 0 };
    case 'ArrowLeft':
      return mode === 'replace' ? { kind: 'commit', dr: 0, dc: -1 } : null;
    case 'ArrowRight':
      return mode === 'replace' ? { kind: 'commit', dr: 0, dc: 1 } : null;
    default:
      return null;
  }
}

/** A cell position: row -1 is the header row. */
export type Position = { row: number; col: number };
export type Bounds = { rows: number; cols: number };

/** Where a move or jump lands, kept inside the grid (header row included). */
export function moveTo(from: Position, action: GridAction, bounds: Bounds): Position {
  const clampRow = (r: number) => Math.max(-1, Math.min(bounds.rows - 1, r));
  const clampCol = (c: number) => Math.max(0, Math.min(bounds.cols - 1, c));
  if (action.kind === 'move' || action.kind === 'commit') {
    // Paging never lands on the header: it is one step above the first row.
    const row = Math.abs(action.dr) > 1 ? Math.max(from.row < 0 ? -1 : 0, clampRow(from.row + action.dr)) : clampRow(from.row + action.dr);
    return { row, col: clampCol(from.col + action.dc) };
  }
  if (action.kind === 'jump') {
    const row = action.row === 'first' ? 0 : action.row === 'last' ? bounds.rows - 1 : from.row;
    return { row: clampRow(row), col: action.col === 'first' ? 0 : bounds.cols - 1 };
  }
  return from;
}
