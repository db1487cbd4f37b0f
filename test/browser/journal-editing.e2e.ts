import type { Locator, Page } from '@playwright/test';
import type { ClassJournal } from '../../web/src/lib/journal.ts';
import { testJournal, testJournalAs } from '../../web/src/lib/grid/test-journal.ts';
import { accessTokenOf, expect, expectNoAxeViolations, openSection, saveScreenshot, signIn, test } from './support.ts';

// The demo teacher keeps 5А mathematics (and is 5А's class teacher). These tests type into the
// cells of her latest lessons that are empty — never Морозова Анна's, whose diary other tests
// read — and clear them again, so the seed's journal stays as it was for the other tests.

// Browser globals used inside page.evaluate() (the root tsconfig has no DOM lib, on purpose).
type CellElement = { cellIndex: number; parentElement: { sectionRowIndex: number; parentElement: { tagName: string } | null } | null };
declare const document: { activeElement: { closest(selector: string): CellElement | null } | null };
type IdbRequest = { result: unknown; onsuccess: (() => void) | null; onerror: (() => void) | null };
declare class DataTransfer {
  setData(format: string, data: string): void;
}
declare class ClipboardEvent {
  constructor(type: string, init: { clipboardData: DataTransfer; bubbles: boolean; cancelable: boolean });
}
declare function requestAnimationFrame(callback: () => void): number;
declare class BrowserMessageChannel {
  port1: { onmessage: (() => void) | null };
  port2: { postMessage(message: unknown): void };
}
declare const indexedDB: {
  open(name: string): IdbRequest & { result: { transaction(store: string): { objectStore(store: string): { getAll(): IdbRequest } }; close(): void } };
};

type Position = { row: number; col: number };

function gridOf(page: Page): Locator {
  return page.getByRole('grid');
}

function status(page: Page): Locator {
  return page.locator('.save-status');
}

function cellAt(page: Page, pos: Position): Locator {
  return gridOf(page).locator('tbody tr').nth(pos.row).locator('td.cell').nth(pos.col);
}

/** Every row of the grid is drawn (the first screen comes first, the rest a frame later). */
async function gridComplete(page: Page): Promise<void> {
  await expect(gridOf(page)).toBeVisible();
  await page.waitForFunction(() => performance.getEntriesByName('journal:complete').length > 0);
}

async function openMathsOf5A(page: Page): Promise<void> {
  await signIn(page, 'teacher');
  await openSection(page, 'Журнал');
  await page.getByRole('region', { name: 'Мои журналы' }).getByRole('link', { name: '5А · Математика', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^5А · Математика · /);
  await gridComplete(page);
  await expect(page.getByRole('status').filter({ hasText: 'Загрузка' })).toHaveCount(0);
}

/** Tabs from the period select into the grid (its one tab stop). */
async function tabIntoGrid(page: Page): Promise<void> {
  await page.getByLabel('Период', { exact: true }).focus();
  for (let i = 0; i < 4 && (await gridOf(page).locator('td:focus').count()) === 0; i += 1) await page.keyboard.press('Tab');
  await expect(gridOf(page).locator('td:focus')).toHaveCount(1);
}

async function focused(page: Page): Promise<Position> {
  return page.evaluate(() => {
    const cell = document.activeElement?.closest('td, th');
    const tr = cell?.parentElement;
    if (!cell || !tr) return { row: -99, col: -99 };
    return { row: tr.parentElement?.tagName === 'THEAD' ? -1 : tr.sectionRowIndex, col: cell.cellIndex - 2 };
  });
}

/** Moves focus to a cell with the arrow keys only. */
async function goTo(page: Page, target: Position): Promise<void> {
  const from = await focused(page);
  for (let i = 0; i < Math.abs(target.row - from.row); i += 1) await page.keyboard.press(target.row > from.row ? 'ArrowDown' : 'ArrowUp');
  for (let i = 0; i < Math.abs(target.col - from.col); i += 1) await page.keyboard.press(target.col > from.col ? 'ArrowRight' : 'ArrowLeft');
  expect(await focused(page)).toEqual(target);
}

type GridFacts = { names: string[]; columns: { title: string; editable: boolean }[]; texts: string[][] };

/** What the grid shows: names, lesson columns (editable or not) and each cell's text. */
async function gridFacts(page: Page): Promise<GridFacts> {
  // The full name (a phone shows «Аксёнов А. В.» instead: both are in the header).
  const names = await gridOf(page).locator('tbody th .full-name').allTextContents();
  const titles = await gridOf(page).locator('thead th.lesson').evaluateAll((ths) => ths.map((th) => (th as unknown as { title: string }).title));
  const firstRow = await gridOf(page).locator('tbody tr').first().locator('td.cell').evaluateAll((tds) =>
    tds.map((td) => !(td as unknown as { className: string }).className.split(' ').includes('ro')),
  );
  const texts = await gridOf(page)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from((tr as unknown as { querySelectorAll(s: string): { textContent: string | null }[] }).querySelectorAll('td.cell')).map((td) =>
          (td.textContent ?? '').trim(),
        ),
      ),
    );
  return { names, columns: titles.map((title, i) => ({ title, editable: firstRow[i] ?? false })), texts };
}

/** Empty cells of a lesson the teacher may write, not Морозова Анна's. */
function emptyCells(facts: GridFacts, col: number, count: number): Position[] {
  const rows: Position[] = [];
  facts.names.forEach((name, row) => {
    if (rows.length < count && !name.startsWith('Морозова') && facts.texts[row]?.[col] === '') rows.push({ row, col });
  });
  return rows;
}

/** The latest lesson columns the teacher may write (a week of lessons). */
function latestEditableColumns(facts: GridFacts, count: number): number[] {
  return facts.columns
    .map((c, i) => (c.editable ? i : -1))
    .filter((i) => i >= 0)
    .slice(-count);
}

async function allSaved(page: Page): Promise<void> {
  await expect(status(page)).toHaveText('Все изменения сохранены.', { timeout: 15_000 });
}

/** Clears cells by keyboard (Delete) and waits until that is saved. */
async function clearCells(page: Page, cells: readonly Position[]): Promise<void> {
  for (const cell of cells) {
    await goTo(page, cell);
    await page.keyboard.press('Delete');
  }
  await allSaved(page);
}

async function storedEdits(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('klassny');
        open.onerror = () => resolve(-1);
        open.onsuccess = () => {
          const request = open.result.transaction('pending-edits').objectStore('pending-edits').getAll();
          request.onsuccess = () => {
            resolve((request.result as unknown[]).length);
            open.result.close();
          };
          request.onerror = () => resolve(-1);
        };
      }),
  );
}

test('the teacher fills a week of 5А mathematics by keyboard; after a reload it is all there', async ({ page }) => {
  await openMathsOf5A(page);
  const facts = await gridFacts(page);
  const week = latestEditableColumns(facts, 5);
  expect(week.length, 'the teacher keeps lessons held in this period').toBeGreaterThan(0);
  await tabIntoGrid(page);

  // Per lesson: a mark, a double mark, an absence (typed in Russian: F2, then the letter), a lateness with a mark.
  const typed: { pos: Position; keys: string[]; expected: string }[] = [];
  week.forEach((col, w) => {
    const [a, b, c, d] = emptyCells(facts, col, 4);
    if (a) typed.push({ pos: a, keys: [String(5 - (w % 3))], expected: String(5 - (w % 3)) });
    if (b) typed.push({ pos: b, keys: ['5', '/', '4'], expected: '5/4' });
    if (c) typed.push({ pos: c, keys: ['F2', 'type:н'], expected: 'Н' });
    if (d) typed.push({ pos: d, keys: ['F2', 'type:оп 4'], expected: 'ОП 4' });
  });
  expect(typed.length).toBeGreaterThan(3);
  for (const entry of typed) {
    await goTo(page, entry.pos);
    for (const key of entry.keys) {
      if (key.startsWith('type:')) await page.keyboard.type(key.slice(5));
      else await page.keyboard.press(key);
    }
    await page.keyboard.press('Enter');
    await expect(cellAt(page, entry.pos)).toContainText(entry.expected);
  }
  // Esc gives back the cell being typed.
  const spare = typed[0]?.pos ?? { row: 0, col: 0 };
  await goTo(page, spare);
  await page.keyboard.press('3');
  await expect(cellAt(page, spare).locator('input')).toHaveValue('3');
  await page.keyboard.press('Escape');
  await expect(cellAt(page, spare).locator('input')).toHaveCount(0);
  await expect(cellAt(page, spare)).toContainText(typed[0]?.expected ?? '');
  // A mark out of range is refused with the allowed values; nothing is sent.
  await page.keyboard.press('7');
  await page.keyboard.press('Enter');
  await expect(page.locator('#grid-error')).toContainText('Отметки «7» нет. Допустимые: 1, 2, 3, 4, 5');
  await page.keyboard.press('Escape');

  await allSaved(page);
  await saveScreenshot(page, 'journal-editing-week');

  await page.reload();
  await gridComplete(page);
  for (const entry of typed) await expect(cellAt(page, entry.pos)).toHaveText(entry.expected);
  // The row's average is the domain's weighted average, with its formula on demand.
  await tabIntoGrid(page);
  await goTo(page, typed[0]?.pos ?? { row: 0, col: 0 });
  await page.getByRole('button', { name: 'Как посчитан' }).click();
  await expect(page.locator('.cell-details .formula')).toHaveText(/^\(.*\) \/ \(.*\) = \d,\d\d$/);

  // A mark's work type and comment, through its dialog (keyboard: Tab from the grid reaches the details).
  const first = typed[0]?.expected ?? '5';
  await page.getByRole('button', { name: `Отметка ${first}: вид работы и комментарий` }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^Отметка ${first}: `) });
  await expect(dialog.getByLabel('Вид работы')).toBeFocused();
  await dialog.getByLabel('Вид работы').selectOption({ label: 'Контрольная работа — вес 2' });
  await dialog.getByLabel('Комментарий к отметке').fill('Решил у доски');
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expect(dialog).toBeHidden();
  await expect(cellAt(page, typed[0]?.pos ?? { row: 0, col: 0 }).locator('.mark.weighted.mark-control.commented')).toHaveText(first);
  await allSaved(page);
  await expect(page.locator('#cell-details-text')).toContainText(`Отметка ${first} — Контрольная работа, вес 2, комментарий: «Решил у доски»`);
  // Its history: who set it and changed it, and when.
  await page.getByRole('button', { name: `История отметки ${first}` }).click();
  const history = page.getByRole('dialog', { name: /^История: / });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText(`Кузнецова Марина Алексеевна: выставлена ${first}`);
  await expect(history.getByRole('listitem').last()).toContainText(/: изменена: (вид работы: .+ → Контрольная работа; )?комментарий «Решил у доски»$/);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'journal-editing-history');
  await history.getByRole('button', { name: 'Закрыть' }).click();

  await tabIntoGrid(page);
  await clearCells(
    page,
    typed.map((t) => t.pos),
  );
});

test('«Все присутствуют» in a lesson’s menu takes its absences off; a column pastes from a spreadsheet', async ({ page }) => {
  await openMathsOf5A(page);
  const facts = await gridFacts(page);
  // A lesson nobody missed (so «Все присутствуют» takes off only what this test puts in).
  const absent = (col: number) => facts.texts.some((row) => /(^|\s)(Н|УП|Б)(\s|$)/.test(row[col] ?? ''));
  const col = latestEditableColumns(facts, 10).reverse().find((c) => !absent(c) && emptyCells(facts, c, 3).length === 3);
  test.skip(col === undefined, 'every recent lesson has an absence already');
  const [first, second, third] = emptyCells(facts, col ?? 0, 3);
  await tabIntoGrid(page);

  // A spreadsheet's column, pasted from the focused cell down.
  await goTo(page, first ?? { row: 0, col: 0 });
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '5\r\nН\r\n4\r\n');
    (document.activeElement as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(page.locator('#grid-error')).toHaveText(/^Вставлено: 3\./);
  await expect(cellAt(page, first ?? { row: 0, col: 0 })).toContainText('5');
  await expect(cellAt(page, second ?? { row: 0, col: 0 })).toContainText('Н');
  await allSaved(page);

  // The lesson's header: Enter opens its menu.
  await goTo(page, { row: -1, col: col ?? 0 });
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog', { name: /^Урок / });
  await expect(menu).toBeVisible();
  await expectNoAxeViolations(page);
  await menu.getByRole('button', { name: 'Все присутствуют' }).click();
  await expect(menu.getByRole('status')).toContainText('Снять отметки об отсутствии у 1 обучающегося?');
  await menu.getByRole('button', { name: 'Да, все присутствуют' }).click();
  await expect(menu).toBeHidden();
  await expect(cellAt(page, second ?? { row: 0, col: 0 })).not.toContainText('Н');
  await allSaved(page);
  await expect(cellAt(page, second ?? { row: 0, col: 0 })).toHaveText('');
  await goTo(page, { row: 0, col: col ?? 0 });
  await clearCells(page, [first ?? { row: 0, col: 0 }, third ?? { row: 0, col: 0 }]);
});

test('a cell typed without a connection waits in the browser, shown unsent, and goes out when it returns', async ({ page, context }) => {
  await openMathsOf5A(page);
  const facts = await gridFacts(page);
  const col = latestEditableColumns(facts, 1)[0] ?? 0;
  const [cell] = emptyCells(facts, col, 1);
  expect(cell).toBeDefined();
  const pos = cell ?? { row: 0, col };
  await tabIntoGrid(page);
  await goTo(page, pos);

  await context.setOffline(true);
  await page.keyboard.press('4');
  await page.keyboard.press('Enter');
  await expect(cellAt(page, pos)).toHaveClass(/st-unsent/);
  await expect(status(page)).toContainText('Не отправлено: 1');
  await goTo(page, pos);
  await expect(page.locator('#cell-details-text')).toContainText('Не отправлено');
  expect(await storedEdits(page)).toBeGreaterThan(0);
  await saveScreenshot(page, 'journal-editing-offline');

  await context.setOffline(false);
  await allSaved(page);
  await expect(cellAt(page, pos)).not.toHaveClass(/st-/);
  await expect.poll(() => storedEdits(page)).toBe(0);
  await page.reload();
  await gridComplete(page);
  await expect(cellAt(page, pos)).toHaveText('4');
  await tabIntoGrid(page);
  await clearCells(page, [pos]);
});

test('an edit made offline survives the tab being closed and goes out at the next sign-in', async ({ page, context }) => {
  await openMathsOf5A(page);
  const facts = await gridFacts(page);
  const col = latestEditableColumns(facts, 1)[0] ?? 0;
  const [cell] = emptyCells(facts, col, 1);
  const pos = cell ?? { row: 0, col };
  await tabIntoGrid(page);
  await goTo(page, pos);
  await context.setOffline(true);
  await page.keyboard.press('3');
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Не отправлено: 1');
  await expect.poll(() => storedEdits(page)).toBe(1);
  await page.close();

  await context.setOffline(false);
  const next = await context.newPage();
  await signIn(next, 'teacher'); // a new tab signs in by itself; what waits goes out
  await expect.poll(() => storedEdits(next), { timeout: 15_000 }).toBe(0);
  await openSection(next, 'Журнал');
  await next.getByRole('region', { name: 'Мои журналы' }).getByRole('link', { name: '5А · Математика', exact: true }).click();
  await gridComplete(next);
  await expect(cellAt(next, pos)).toHaveText('3');
  await tabIntoGrid(next);
  await clearCells(next, [pos]);
});

test('«Выйти» deletes the account’s edits still waiting in the browser', async ({ page, context }) => {
  await openMathsOf5A(page);
  const facts = await gridFacts(page);
  const col = latestEditableColumns(facts, 1)[0] ?? 0;
  const [cell] = emptyCells(facts, col, 1);
  await tabIntoGrid(page);
  await goTo(page, cell ?? { row: 0, col });
  await context.setOffline(true);
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Не отправлено: 1');
  await expect.poll(() => storedEdits(page)).toBe(1);
  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Вход в Классный журнал' })).toBeVisible();
  await expect.poll(() => storedEdits(page)).toBe(0);
  await context.setOffline(false);
});

/** A mark of the teacher's in a lesson she may write, not Морозова Анна's, as the API has it. */
async function apiJournal(page: Page, token: string): Promise<{ path: string; journal: ReturnType<typeof testJournal> }> {
  const [, groupId, subjectId] = /#\/journal\/([^/]+)\/([^/]+)/.exec(page.url()) ?? [];
  const path = `/api/journals/${groupId}/${subjectId}`;
  const response = await page.request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return { path, journal: (await response.json()) as ReturnType<typeof testJournal> };
}

function positionOf(facts: GridFacts, journal: ReturnType<typeof testJournal>, lessonId: string, studentId: string): Position {
  const lesson = journal.lessons.find((l) => l.id === lessonId);
  const student = journal.students.find((s) => s.studentId === studentId);
  const date = lesson ? `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}.${lesson.date.slice(0, 4)}, ${lesson.slot}-й урок` : '?';
  return { row: facts.names.findIndex((n) => n.startsWith(student?.name ?? '?')), col: facts.columns.findIndex((c) => c.title.startsWith(date)) };
}

test('two writers on one cell: the conflict shows the other value and who set it; the teacher keeps hers', async ({ page, request }) => {
  await openMathsOf5A(page);
  const token = await accessTokenOf(request, 'teacher');
  const { journal } = await apiJournal(page, token);
  const facts = await gridFacts(page);
  const kept = new Set(journal.keptLessonIds);
  const morozova = journal.students.find((s) => s.name.startsWith('Морозова Анна'))?.studentId;
  const singles = journal.marks.filter(
    (m) =>
      kept.has(m.lessonId) &&
      m.studentId !== morozova &&
      m.values.length === 1 &&
      journal.marks.filter((x) => x.lessonId === m.lessonId && x.studentId === m.studentId).length === 1 &&
      !journal.attendance.some((a) => a.lessonId === m.lessonId && a.studentId === m.studentId),
  );
  const mark = singles.at(-1);
  expect(mark, 'a single mark in a lesson the teacher keeps').toBeDefined();
  if (!mark) return;
  const pos = positionOf(facts, journal, mark.lessonId, mark.studentId);
  expect(pos.row).toBeGreaterThanOrEqual(0);
  expect(pos.col).toBeGreaterThanOrEqual(0);
  const original = mark.values[0] ?? '4';
  const theirs = original === '2' ? '3' : '2';
  const mine = original === '5' ? '4' : '5';

  // Someone else (the same teacher on another device) changes it after this page loaded.
  const put = await request.put(`/api/lessons/${encodeURIComponent(mark.lessonId)}/marks`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      clientRequestId: crypto.randomUUID(),
      changes: [{ action: 'update', markId: mark.id, studentId: mark.studentId, values: [theirs], workTypeId: mark.workTypeId, expectedVersion: mark.version }],
    },
  });
  expect(put.status()).toBe(200);

  await tabIntoGrid(page);
  await goTo(page, pos);
  await page.keyboard.press(mine);
  await page.keyboard.press('Enter');
  await expect(cellAt(page, pos)).toHaveClass(/st-conflict/, { timeout: 15_000 });
  await expect(status(page)).toContainText('Конфликтов: 1');
  await goTo(page, pos);
  const notice = page.getByRole('group', { name: 'Конфликт изменений' });
  await expect(notice).toContainText(`пока вы вводили «${mine}», Кузнецова Марина Алексеевна`);
  await expect(notice).toContainText(`сохранил(а) «${theirs}»`);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'journal-editing-conflict');

  await notice.getByRole('button', { name: `Оставить моё: ${mine}` }).click();
  await allSaved(page);
  await expect(cellAt(page, pos)).toHaveText(mine);
  await page.reload();
  await gridComplete(page);
  await expect(cellAt(page, pos)).toHaveText(mine);

  // Back to the seed's value.
  await tabIntoGrid(page);
  await goTo(page, pos);
  await page.keyboard.press(original);
  await page.keyboard.press('Enter');
  await allSaved(page);
});

test('an attendance conflict: the teacher takes the other value', async ({ page, request }) => {
  await openMathsOf5A(page);
  const token = await accessTokenOf(request, 'teacher');
  const { journal } = await apiJournal(page, token);
  const facts = await gridFacts(page);
  const col = latestEditableColumns(facts, 1)[0] ?? 0;
  const [cell] = emptyCells(facts, col, 1);
  expect(cell).toBeDefined();
  const pos = cell ?? { row: 0, col };
  const lessonTitle = facts.columns[col]?.title ?? '';
  const lesson = journal.lessons.find((l) => lessonTitle.startsWith(`${l.date.slice(8, 10)}.${l.date.slice(5, 7)}.${l.date.slice(0, 4)}, ${l.slot}-й урок`));
  const student = journal.students.find((s) => facts.names[pos.row]?.startsWith(s.name));
  expect(lesson && student).toBeTruthy();
  const put = (code: string | null, expectedVersion: number) =>
    request.put(`/api/lessons/${encodeURIComponent(lesson?.id ?? '')}/attendance`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { clientRequestId: crypto.randomUUID(), changes: [{ studentId: student?.studentId, code, expectedVersion }] },
    });
  expect((await put('Б', 0)).status()).toBe(200);

  await tabIntoGrid(page);
  await goTo(page, pos);
  await page.keyboard.press('F2');
  await page.keyboard.type('н');
  await page.keyboard.press('Enter');
  await expect(cellAt(page, pos)).toHaveClass(/st-conflict/, { timeout: 15_000 });
  await goTo(page, pos);
  const notice = page.getByRole('group', { name: 'Конфликт изменений' });
  await expect(notice).toContainText('сохранил(а) «Б»');
  await notice.getByRole('button', { name: 'Принять: Б' }).click();
  await expect(cellAt(page, pos)).toHaveText('Б');
  await expect(status(page)).toHaveText('Все изменения сохранены.');
  // Back as it was.
  expect((await put(null, 1)).status()).toBe(200);
});

test('grade 1: no mark input, only attendance (п. 5.6)', async ({ page }) => {
  // The director reads a first grade: attendance only, no average, no final mark.
  await signIn(page, 'director');
  await openSection(page, 'Классы');
  await page.getByLabel('Параллель', { exact: true }).selectOption('1');
  const all = page.getByRole('region', { name: 'Все журналы' });
  await all.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: /^1[А-Я]$/ }) }).first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Посещаемость' })).toBeVisible();
  await expect(gridOf(page).getByRole('columnheader', { name: 'Средний балл' })).toHaveCount(0);
  await expect(gridOf(page).locator('.mark')).toHaveCount(0);
  await expect(page.getByText(/^Только просмотр:/)).toBeVisible();
  await tabIntoGrid(page);
  await page.keyboard.press('5');
  await expect(page.locator('#grid-error')).toContainText('здесь только просмотр');
  await expect(gridOf(page).locator('input')).toHaveCount(0);
});

test('grade 1 as its teacher would have it: digits are refused, the quick keys are codes only', async ({ page }) => {
  // The demo has no first-grade teacher's login: the teacher's own journal answered as a grade-1 one.
  await page.route(/\/api\/journals\/[^/]+\/[^/?]+(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const journal = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...journal, grade: 1, marksAllowed: false, marks: [], finalMarks: [] } });
  });
  await openMathsOf5A(page);
  await expect(page.getByText('В 1 классе отметки не выставляются (п. 5.6)')).toBeVisible();
  await expect(gridOf(page).getByRole('columnheader', { name: 'Средний балл' })).toHaveCount(0);
  const facts = await gridFacts(page);
  const col = latestEditableColumns(facts, 1)[0] ?? 0;
  const [cell] = emptyCells(facts, col, 1);
  await tabIntoGrid(page);
  await goTo(page, cell ?? { row: 0, col });
  await page.keyboard.press('5');
  await page.keyboard.press('Enter');
  await expect(page.locator('#grid-error')).toHaveText('В 1 классе отметки не выставляются (п. 5.6): только посещаемость.');
  await page.keyboard.press('Escape');
  const quick = page.getByRole('group', { name: 'Быстрый ввод в выбранную клетку' });
  await expect(quick.getByRole('button', { name: '5', exact: true })).toHaveCount(0);
  await expect(quick.getByRole('button', { name: 'Н', exact: true })).toBeVisible();
  await expect(status(page)).toHaveText('Все изменения сохранены.');
});

async function openEditor(page: Page, phone: boolean): Promise<Position> {
  await openMathsOf5A(page);
  const facts = await gridFacts(page);
  const col = latestEditableColumns(facts, 1)[0] ?? 0;
  const [cell] = emptyCells(facts, col, 1);
  const pos = cell ?? { row: 0, col };
  if (phone) {
    // A tap chooses the cell, a second tap opens its input (a phone has no F2).
    await cellAt(page, pos).tap();
    await cellAt(page, pos).tap();
  } else {
    await tabIntoGrid(page);
    await goTo(page, pos);
    await page.keyboard.press('F2');
  }
  await expect(cellAt(page, pos).locator('input')).toBeFocused();
  return pos;
}

test('the grid in edit mode passes axe, and the details tell a mark’s work type and weight', async ({ page }) => {
  await openEditor(page, false);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  // A mark's date, work type and weight in words, without hovering.
  const withMark = gridOf(page).locator('td.cell .mark').first();
  await withMark.click();
  await expect(page.locator('#cell-details-text')).toContainText(/Отметка \S+ — .+, вес \d/);
  await expect(page.locator('#cell-details-text')).toContainText(/\d\d\.\d\d\.\d{4}, \d-й урок/);
  await saveScreenshot(page, 'journal-editing-desktop');

  // The last lesson scrolls clear of the sticky average; the date row stays on top.
  await page.keyboard.press('End'); // the row's last column: the final mark
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft'); // the last lesson
  const last = gridOf(page).locator('td:focus');
  await expect(last).toHaveClass(/cell/);
  const lastBox = await last.boundingBox();
  const averageBox = await gridOf(page).locator('thead th.avg').boundingBox();
  expect((lastBox?.x ?? 0) + (lastBox?.width ?? 0)).toBeLessThanOrEqual((averageBox?.x ?? 0) + 1);
  await page.keyboard.press('Control+End'); // the last row
  await expect(gridOf(page).locator('thead th.avg')).toBeInViewport();
  const header = await gridOf(page).locator('thead th.avg').boundingBox();
  const region = await page.getByRole('region', { name: 'Оценки и посещаемость' }).boundingBox();
  expect(Math.abs((header?.y ?? 0) - (region?.y ?? 0))).toBeLessThanOrEqual(2);
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('a cell is typed into after two taps; axe passes; the details show the mark’s work type and weight', async ({ page }) => {
    await openEditor(page, true);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'journal-editing-phone');
    await page.keyboard.press('Escape');
    await gridOf(page).locator('td.cell .mark').first().tap();
    await expect(page.locator('#cell-details-text')).toContainText(/Отметка \S+ — .+, вес \d/);
    await expect(page.getByRole('group', { name: 'Быстрый ввод в выбранную клетку' }).getByRole('button', { name: '5', exact: true })).toBeVisible();
    await saveScreenshot(page, 'journal-editing-phone-details');
  });
});

test('a 35 × 60 journal draws soon after its data arrives, and a keystroke paints its cell at once', async ({ page }) => {
  const synthetic = testJournal({ students: 35, lessons: 60 });
  // The teacher's own journal answered as a 35 × 60 one (lessons at a slot no real lesson has);
  // nothing typed here reaches the API.
  await page.route(/\/api\/journals\/[^/]+\/[^/?]+(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const real = (await response.json()) as ClassJournal;
    await route.fulfill({ response, json: testJournalAs(synthetic, real) });
  });
  await page.route(/\/api\/lessons\//, (route) => route.fulfill({ status: 503, json: { error: { code: 'BUSY', message: 'Занято' } } }));
  await openMathsOf5A(page);
  await expect(gridOf(page).locator('tbody tr')).toHaveCount(35);
  await expect(gridOf(page).locator('tbody td.cell')).toHaveCount(35 * 60);
  const draws: number[] = [];
  const completes: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await page.reload();
    await gridComplete(page);
    const [drawn, complete] = await page.evaluate(() => {
      const data = performance.getEntriesByName('journal:data')[0]?.startTime ?? 0;
      const at = (name: string) => Math.round((performance.getEntriesByName(name)[0]?.startTime ?? 0) - data);
      return [at('journal:drawn'), at('journal:complete')];
    });
    draws.push(drawn ?? 0);
    completes.push(complete ?? 0);
  }
  // Keystrokes: from the key's event to the frame after it (a message posted from the next
  // animation frame arrives once that frame is painted). A digit opens the cell's input with
  // it, Enter writes the cell and moves down.
  await tabIntoGrid(page);
  const keys: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, number | undefined> & {
        addEventListener(type: string, listener: (event: { timeStamp: number }) => void, options: unknown): void;
      };
      w['t0'] = undefined;
      w['t1'] = undefined;
      w.addEventListener(
        'keydown',
        (event) => {
          w['t0'] = event.timeStamp;
          requestAnimationFrame(() => {
            const channel = new (MessageChannel as unknown as typeof BrowserMessageChannel)();
            channel.port1.onmessage = () => (w['t1'] = performance.now());
            channel.port2.postMessage(0);
          });
        },
        { capture: true, once: true },
      );
    });
    await page.keyboard.press(i % 2 === 0 ? String((i % 5) + 1) : 'Enter');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as Record<string, number | undefined>)['t1'] !== undefined)).toBe(true);
    keys.push(
      await page.evaluate(() => {
        const w = globalThis as unknown as Record<string, number>;
        return Math.round(((w['t1'] ?? 0) - (w['t0'] ?? 0)) * 10) / 10;
      }),
    );
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
  test.info().annotations.push(
    { type: 'draw-ms', description: `${draws.join(', ')} (median ${median(draws)})` },
    { type: 'complete-ms', description: `${completes.join(', ')} (median ${median(completes)})` },
    { type: 'key-ms', description: keys.join(', ') },
  );
  console.log(
    `35×60 journal: first screen drawn ${draws.join(', ')} ms after its data (median ${median(draws)}), every row ${completes.join(', ')} (median ${median(completes)}); keystroke to paint ${keys.join(', ')} ms`,
  );
  // Only a guard against gross regressions here: browser tests share the machine with other
  // work, and the benchmark (npm run bench) holds the 100 ms / 16 ms targets.
  expect(median(draws)).toBeLessThan(1000);
  expect(median(keys)).toBeLessThan(250);
});
