import type { Locator, Page } from '@playwright/test';
import { periodsOf, periodsWithLessons, schoolToday } from './demo-calendar.ts';
import {
  A4_LANDSCAPE,
  expect,
  expectNoAxeViolations,
  horizontalOverflow,
  mainNav,
  openSection,
  pdfPageSize,
  saveScreenshot,
  signIn,
  test,
} from './support.ts';

// The demo school (infra/local/seed): the demo teacher teaches mathematics in 5А and is its
// class teacher; the coordinator and the director oversee every journal.

type ScrollBox = { scrollLeft: number; scrollWidth: number; clientWidth: number };

function grid(page: Page): Locator {
  return page.getByRole('region', { name: 'Оценки и посещаемость' });
}

async function scrollState(region: Locator): Promise<ScrollBox> {
  return region.evaluate((el) => {
    const box = el as unknown as ScrollBox;
    return { scrollLeft: box.scrollLeft, scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
  });
}

async function openMathsOf5A(page: Page): Promise<void> {
  await signIn(page, 'teacher');
  await openSection(page, 'Журнал');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
  const own = page.getByRole('region', { name: 'Мои журналы' });
  await own.getByRole('link', { name: '5А · Математика', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^5А · Математика · \d (четверть|полугодие|триместр)$/);
}

/**
 * The latest quarter of grade 5 with two weeks of lessons held (demo-calendar.ts): marks,
 * averages and topics whatever the date — the current quarter may have just begun. None only in
 * the first two weeks of a school year; the tests that need one say so.
 */
const HELD_PERIOD = periodsWithLessons(5, 10).at(-1);
const NO_HELD_PERIOD = 'the demo school has no quarter with two weeks of lessons yet (the first days of the school year)';

/** Opens 5А · Математика and, through «Период», the quarter with lessons (if it is not the one shown). */
async function openMathsOf5AWithLessons(page: Page): Promise<void> {
  await openMathsOf5A(page);
  const period = HELD_PERIOD;
  expect(period, NO_HELD_PERIOD).toBeDefined();
  await page.getByLabel('Период', { exact: true }).selectOption(period?.id ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`5А · Математика · ${period?.name}`);
  await expect(page.getByRole('status').filter({ hasText: 'Загрузка' })).toHaveCount(0);
}

test('the teacher opens 5А · Математика: students, marks, averages, topics', async ({ page }) => {
  test.skip(HELD_PERIOD === undefined, NO_HELD_PERIOD);
  await openMathsOf5AWithLessons(page);
  // The class id holds a Cyrillic letter: percent-encoded in the address.
  await expect(page).toHaveURL(/#\/journal\/c-\d{4}-05-%D0%90\/[^/]+(\/\d{4}-\d{4}-q[1-4])?$/);
  // The list of journals also has the teacher's class.
  await expect(mainNav(page).getByRole('link', { name: 'Журнал' })).toHaveAttribute('aria-current', 'true');

  const table = grid(page).getByRole('grid');
  await expect(table).toBeVisible();
  const rows = table.getByRole('row');
  expect(await rows.count()).toBeGreaterThan(15); // a header row and the class list
  await expect(table.getByRole('columnheader', { name: 'Обучающийся' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Средний балл' })).toBeVisible();
  // Marks are in the cells and the weighted averages in the last column.
  await expect(table.locator('td .mark').first()).toBeAttached();
  await expect(table.locator('td.avg').filter({ hasText: /^\d,\d\d$/ }).first()).toBeAttached();
  // Row headers are the students; each row starts with its number.
  const firstRow = rows.nth(1);
  await expect(firstRow.getByRole('gridcell').first()).toHaveText('1');
  await expect(firstRow.getByRole('rowheader')).not.toBeEmpty();

  const topics = page.getByRole('region', { name: 'Темы и домашние задания' }).getByRole('table');
  await expect(topics.getByRole('columnheader', { name: 'Тема урока' })).toBeVisible();
  await expect(topics.getByRole('columnheader', { name: 'Домашнее задание' })).toBeVisible();
  expect(await topics.getByRole('row').count()).toBeGreaterThan(5);

  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'journal-desktop');
});

test('the teacher switches the period; the address and focus follow', async ({ page }) => {
  await openMathsOf5A(page);
  const select = page.getByLabel('Период', { exact: true });
  const current = await select.inputValue();
  expect(current).toMatch(/^\d{4}-\d{4}-(q[1-4]|h[12]|t[1-3])$/);
  const options = await select.locator('option').evaluateAll((list) => list.map((o) => (o as unknown as { value: string }).value));
  expect(options).toEqual(periodsOf(5).map((p) => p.id));
  // Another quarter with a week of lessons held (demo-calendar.ts); in the first quarter there is
  // none, and the next one, not begun, is asserted to have no marks instead.
  const held = periodsWithLessons(5, 5).filter((p) => p.id !== current).at(-1);
  const other = held ?? periodsOf(5).find((p) => p.startDate > schoolToday());
  expect(other, 'a period other than the current one').toBeDefined();
  const otherId = other?.id ?? '';

  await select.focus();
  await select.selectOption(otherId);
  const name = (await select.locator(`option[value="${otherId}"]`).textContent())?.trim() ?? '';
  expect(name).toBe(other?.name);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`5А · Математика · ${name}`);
  await expect(page).toHaveURL(new RegExp(`/${otherId}$`));
  await expect(select).toBeFocused();
  await expect(select).toHaveValue(otherId);
  await expect(page.getByRole('status').filter({ hasText: 'Загрузка' })).toHaveCount(0);
  if (held) await expect(grid(page).getByRole('grid').locator('td .mark').first()).toBeAttached();
  else await expect(page.getByRole('main').locator('td .mark')).toHaveCount(0);

  // The address opens the same period after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`5А · Математика · ${name}`);
});

test('the journal grid is reachable and scrollable from the keyboard', async ({ page }) => {
  test.skip(HELD_PERIOD === undefined, NO_HELD_PERIOD);
  await openMathsOf5AWithLessons(page);
  const select = page.getByLabel('Период', { exact: true });
  await select.focus();
  // One tab stop for the whole grid (roving focus): after the period and «Итоговые отметки», a cell.
  const region = grid(page);
  for (let i = 0; i < 3 && (await region.locator('td:focus').count()) === 0; i += 1) await page.keyboard.press('Tab');
  await expect(region.locator('td:focus')).toHaveCount(1);
  await expect(region.locator('[tabindex="0"]')).toHaveCount(1);

  const before = await scrollState(region);
  expect(before.scrollWidth).toBeGreaterThan(before.clientWidth); // a period's lessons do not fit
  await page.keyboard.press(before.scrollLeft > 0 ? 'Home' : 'End');
  await expect.poll(async () => (await scrollState(region)).scrollLeft).not.toBe(before.scrollLeft);
  await expect(region.locator('td:focus')).toBeInViewport();

  // The names stay in view while the lessons scroll (sticky first columns).
  const name = region.getByRole('rowheader').first();
  await expect(name).toBeInViewport();
});

test('the journal prints without navigation or controls, on landscape pages', async ({ page }) => {
  test.skip(HELD_PERIOD === undefined, NO_HELD_PERIOD);
  await openMathsOf5AWithLessons(page);
  await page.emulateMedia({ media: 'print' });
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByLabel('Период', { exact: true })).toBeHidden();
  await expect(page.getByRole('link', { name: '← К списку журналов' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(grid(page).getByRole('grid')).toBeVisible();
  await saveScreenshot(page, 'journal-print');
  // The page's own @page rule (a constructed stylesheet: the CSP allows no <style>) makes it landscape.
  expect(pdfPageSize(await page.pdf({ preferCSSPageSize: true }))).toEqual(A4_LANDSCAPE);
});

test('the director sees every journal by class and a first grade without marks', async ({ page }) => {
  await signIn(page, 'director');
  await openSection(page, 'Классы');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Классы');
  const all = page.getByRole('region', { name: 'Все журналы' });
  await expect(all).toBeVisible();
  expect(await all.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(20);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'journal-list-director');

  await page.getByLabel('Параллель', { exact: true }).selectOption('1');
  const firstClass = all.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: /^1[А-Я]$/ }) }).first();
  await firstClass.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^1[А-Я] · /);
  await expect(page.getByText('В 1 классе отметки не выставляются (п. 5.6)')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Средний балл' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '← К списку журналов' })).toHaveAttribute('href', '#/classes');
});

test.describe('on a 360-px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the journal scrolls inside its box, not the page', async ({ page }) => {
    test.skip(HELD_PERIOD === undefined, NO_HELD_PERIOD);
    await openMathsOf5AWithLessons(page);
    await expect(grid(page).getByRole('grid')).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'journal-phone');
  });
});
