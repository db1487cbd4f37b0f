import { describe, expect, it } from 'vitest';
import { editingKey, moveTo, navigationKey, PAGE_ROWS } from './keys.ts';

describe('the grid’s keys while moving', () => {
  it('moves with arrows, pages, Home/End and Enter', () => {
    expect(navigationKey({ key: 'ArrowDown' }, false)).toEqual({ kind: 'move', dr: 1, dc: 0 });
    expect(navigationKey({ key: 'ArrowLeft' }, false)).toEqual({ kind: 'move', dr: 0, dc: -1 });
    expect(navigationKey({ key: 'PageDown' }, false)).toEqual({ kind: 'move', dr: PAGE_ROWS, dc: 0 });
    expect(navigationKey({ key: 'Home' }, false)).toEqual({ kind: 'jump', col: 'first' });
    expect(navigationKey({ key: 'End', ctrlKey: true }, false)).toEqual({ kind: 'jump', row: 'last', col: 'last' });
    expect(navigationKey({ key: 'Enter' }, false)).toEqual({ kind: 'move', dr: 1, dc: 0 });
    expect(navigationKey({ key: 'Enter', shiftKey: true }, false)).toEqual({ kind: 'move', dr: -1, dc: 0 });
  });

  it('starts editing with what is typed, or the whole text with F2; Delete clears', () => {
    expect(navigationKey({ key: '5' }, false)).toEqual({ kind: 'edit', text: '5' });
    expect(navigationKey({ key: 'н' }, false)).toEqual({ kind: 'edit', text: 'н' });
    expect(navigationKey({ key: 'F2' }, false)).toEqual({ kind: 'edit' });
    expect(navigationKey({ key: 'Delete' }, false)).toEqual({ kind: 'clear' });
    expect(navigationKey({ key: 'Backspace' }, false)).toEqual({ kind: 'clear' });
  });

  it('leaves Tab, shortcuts and composition to the browser', () => {
    expect(navigationKey({ key: 'Tab' }, false)).toBeNull();
    expect(navigationKey({ key: 'c', ctrlKey: true }, false)).toBeNull();
    expect(navigationKey({ key: 'v', metaKey: true }, false)).toBeNull();
    expect(navigationKey({ key: 'Process', isComposing: true }, false)).toBeNull();
  });

  it('opens the lesson menu on a column header', () => {
    expect(navigationKey({ key: 'Enter' }, true)).toEqual({ kind: 'menu' });
    expect(navigationKey({ key: ' ' }, true)).toEqual({ kind: 'menu' });
    expect(navigationKey({ key: '5' }, true)).toBeNull();
    expect(navigationKey({ key: 'Delete' }, true)).toBeNull();
  });
});

describe('the grid’s keys while editing', () => {
  it('commits and moves with Enter, Tab and the up/down arrows; Esc gives the cell back', () => {
    expect(editingKey({ key: 'Enter' }, 'replace')).toEqual({ kind: 'commit', dr: 1, dc: 0 });
    expect(editingKey({ key: 'Tab' }, 'full')).toEqual({ kind: 'commit', dr: 0, dc: 1 });
    expect(editingKey({ key: 'Tab', shiftKey: true }, 'full')).toEqual({ kind: 'commit', dr: 0, dc: -1 });
    expect(editingKey({ key: 'ArrowUp' }, 'full')).toEqual({ kind: 'commit', dr: -1, dc: 0 });
    expect(editingKey({ key: 'Escape' }, 'replace')).toEqual({ kind: 'cancel' });
  });

  it('left/right leave a cell typed over, but move the caret in a cell edited with F2', () => {
    expect(editingKey({ key: 'ArrowRight' }, 'replace')).toEqual({ kind: 'commit', dr: 0, dc: 1 });
    expect(editingKey({ key: 'ArrowRight' }, 'full')).toBeNull();
    expect(editingKey({ key: '5' }, 'replace')).toBeNull();
  });
});

describe('where a move lands', () => {
  const bounds = { rows: 3, cols: 4 };
  it('stays inside the grid, the header row included', () => {
    expect(moveTo({ row: 0, col: 0 }, { kind: 'move', dr: -1, dc: 0 }, bounds)).toEqual({ row: -1, col: 0 });
    expect(moveTo({ row: -1, col: 0 }, { kind: 'move', dr: -1, dc: -1 }, bounds)).toEqual({ row: -1, col: 0 });
    expect(moveTo({ row: 2, col: 3 }, { kind: 'commit', dr: 1, dc: 1 }, bounds)).toEqual({ row: 2, col: 3 });
    expect(moveTo({ row: 1, col: 1 }, { kind: 'jump', col: 'last' }, bounds)).toEqual({ row: 1, col: 3 });
    expect(moveTo({ row: 1, col: 1 }, { kind: 'jump', row: 'first', col: 'first' }, bounds)).toEqual({ row: 0, col: 0 });
  });
  it('pages to the first row, not the header', () => {
    expect(moveTo({ row: 2, col: 1 }, { kind: 'move', dr: -PAGE_ROWS, dc: 0 }, bounds)).toEqual({ row: 0, col: 1 });
    expect(moveTo({ row: -1, col: 1 }, { kind: 'move', dr: PAGE_ROWS, dc: 0 }, bounds)).toEqual({ row: 2, col: 1 });
  });
});
