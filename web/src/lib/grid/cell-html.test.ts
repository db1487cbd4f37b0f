import { describe, expect, it } from 'vitest';
import { cellClassName, cellInnerHtml, escapeHtml, rowCellsHtml } from './cell-html.ts';

describe('a cell as markup', () => {
  it('writes the code, the marks with their signs, and what waits, escaped', () => {
    expect(
      cellInnerHtml({
        code: 'Н',
        presentCode: false,
        marks: [
          { text: '5/4', weighted: true, control: true, commented: false },
          { text: '3', weighted: false, control: false, commented: true },
          { text: '4', weighted: false, control: false, commented: false },
        ],
        status: 'unsent',
      }),
    ).toBe(
      '<span class="att">Н</span> <span class="mark weighted mark-control">5/4</span> <span class="mark commented">3</span> 4<span class="sr-only">, не отправлено</span>',
    );
    expect(cellInnerHtml({ code: 'ОП', presentCode: true, marks: [], status: '' })).toBe('<span class="att att-late">ОП</span>');
    expect(escapeHtml('<b a="1">&\'')).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&#39;');
  });

  it('writes a row’s cells focusable but out of the tab order, read-only ones marked', () => {
    expect(cellClassName('cell control', true, 'conflict')).toBe('cell control outside st-conflict');
    expect(
      rowCellsHtml([
        { lessonClass: 'cell', outside: false, readOnly: false, view: { code: null, presentCode: false, marks: [], status: '' } },
        { lessonClass: 'cell ro', outside: false, readOnly: true, view: { code: 'Б', presentCode: false, marks: [], status: '' } },
      ]),
    ).toBe('<td tabindex="-1" class="cell"></td><td tabindex="-1" class="cell ro" aria-readonly="true"><span class="att">Б</span></td>');
  });
});
