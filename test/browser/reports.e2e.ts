import type { Page } from '@playwright/test';
import { periodsWithFinalMarks, periodsWithLessons } from './demo-calendar.ts';
import { apiAs } from './journal-api.ts';
import { expect, expectNoAxeViolations, horizontalOverflow, mainNav, openSection, saveScreenshot, signIn, test } from './support.ts';

// «Отчёты» (п. 2.3, 7.3): the coordinator reads a period's успеваемость and качество by class —
// the key figures, the chart and the table are the API's figures for that period —, switches to
// attendance (Back returns), and downloads it as a PDF made by the API. The demo teacher, class
// teacher of 5А, reads 5А's summary sheet and a student's report card. The demo school is seeded
// from today: the period is chosen from its calendar (demo-calendar.ts), not found on the page.

type Figures = { n: number; successRate: number | null; qualityRate: number | null; sou: number | null; average: number | null };
type PerformanceReport = { period: { id: string; name: string }; rows: (Figures & { key: string; label: string })[]; total: Figures };
type SummarySheet = {
  className: string;
  periodId: string;
  students: { studentId: string; name: string; marks: Record<string, Record<string, string>>; average: number | null }[];
};

/** The page's way of writing the API's numbers: «82,5 %», «3,96». */
const percent = (value: number | null) => (value === null ? '—' : `${String(value).replace('.', ',')}\u00a0%`);
const mark = (value: number | null) => (value === null ? '—' : value.toFixed(2).replace('.', ','));

/** A key figure above the report's table («Успеваемость» → «82,5 %»). */
function keyFigure(page: Page, label: string) {
  return page.locator('.key-figures > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
}

function reportTabs(page: Page) {
  return page.getByRole('navigation', { name: 'Виды отчётов' });
}

/** The report asked for is on screen: nothing is loading any more (a whole school's report takes seconds). */
async function reportLoaded(page: Page): Promise<void> {
  await expect(page.getByText('Загрузка отчёта…')).toHaveCount(0, { timeout: 30_000 });
}

test('the coordinator reads a period’s performance, switches to attendance and downloads it as PDF', async ({ page }) => {
  test.slow(); // a whole school's reports, a PDF and axe
  // The latest quarter with final marks (by final marks), else the running one (by current marks).
  const period = periodsWithFinalMarks(5).at(-1) ?? periodsWithLessons(5, 5).at(-1);
  test.skip(period === undefined, 'no quarter with lessons held yet (the first days of the school year)');
  const periodId = period!.id;
  const coordinator = await apiAs(page.request, 'coordinator');
  const expected = await coordinator.get<PerformanceReport>(`/api/reports/performance?periodId=${periodId}&groupBy=class`);
  expect(expected.rows.length, 'the demo school has classes with results in the period').toBeGreaterThan(0);

  await signIn(page, 'coordinator');
  // The period straight from the address (a shared link): the whole school is read once, not for the default period first.
  await page.goto(`/#/reports?report=performance&periodId=${periodId}&groupBy=class`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отчёты');
  await expect(mainNav(page).getByRole('link', { name: 'Отчёты' })).toHaveAttribute('aria-current', 'page');
  await expect(reportTabs(page).getByRole('link', { name: 'Успеваемость и качество' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Период', { exact: true })).toHaveValue(periodId);
  await reportLoaded(page);
  await expect(page.getByText(new RegExp(`^\\s*${expected.period.name} \\(`))).toBeVisible();
  await expect(keyFigure(page, 'Успеваемость')).toHaveText(percent(expected.total.successRate));
  await expect(keyFigure(page, 'Качество')).toHaveText(percent(expected.total.qualityRate));
  await expect(keyFigure(page, 'СОУ')).toHaveText(percent(expected.total.sou));
  await expect(keyFigure(page, 'Средний балл')).toHaveText(mark(expected.total.average));

  // A class's row: the table and its bar, both with the API's figures.
  const row = expected.rows.find((r) => r.label === '5А') ?? expected.rows[0]!;
  const table = page.getByRole('region', { name: 'Успеваемость и качество по классам' });
  const tableRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: row.label, exact: true }) });
  await expect(tableRow).toContainText(percent(row.successRate));
  await expect(tableRow).toContainText(percent(row.qualityRate));
  await expect(tableRow).toContainText(mark(row.average));
  await expect(page.getByRole('img', { name: `${row.label}: качество ${percent(row.qualityRate)}, успеваемость ${percent(row.successRate)}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Как посчитано' })).toBeVisible();
  await expect(page.getByText('Успеваемость = (N − «2» − «н/а» − незачёт) / N × 100 %.')).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'reports-performance-desktop');

  // One class (its row alone), then attendance of the same class and period; Back and Forward
  // walk the history (axe over the school's ~850 attendance rows would take long).
  await page.getByLabel('Класс', { exact: true }).selectOption({ label: row.label });
  await expect(page).toHaveURL(/classId=/);
  await reportLoaded(page);
  await expect(table.getByRole('rowheader')).toHaveText([row.label, 'Итого']);
  await reportTabs(page).getByRole('link', { name: 'Посещаемость' }).click();
  await expect(page).toHaveURL(new RegExp(`report=attendance&periodId=${periodId}`));
  await reportLoaded(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Посещаемость' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Посещаемость по классам' }).getByRole('rowheader')).toHaveText([row.label]);
  await expect(page.getByRole('img', { name: new RegExp(`^${row.label}: пропущено `) })).toBeVisible();
  await page.goBack();
  await expect(reportTabs(page).getByRole('link', { name: 'Успеваемость и качество' })).toHaveAttribute('aria-current', 'page');
  await reportLoaded(page);
  await expect(table.getByRole('rowheader')).toHaveText([row.label, 'Итого']);
  await page.goForward();
  await expect(reportTabs(page).getByRole('link', { name: 'Посещаемость' })).toHaveAttribute('aria-current', 'page');
  await reportLoaded(page);
  await expect(page.getByRole('region', { name: 'Посещаемость по классам' })).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'reports-attendance-desktop');

  // «Скачать PDF»: the API makes the file, the browser goes to its link, which answers a PDF.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  await expect(page.getByRole('status').filter({ hasText: /^Файл «.+\.pdf» готов/ })).toBeVisible();
  const file = await page.request.get(download.url());
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toMatch(/^application\/pdf/);
  expect((await file.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
});

test('the class teacher of 5А reads 5А’s summary sheet and a student’s report card', async ({ page }) => {
  test.slow(); // two reports and axe
  const period = periodsWithFinalMarks(5).at(-1);
  await signIn(page, 'teacher');
  await openSection(page, 'Отчёты');
  // Her own journals and her class: the summary sheet is offered, «Контроль» is not.
  await expect(mainNav(page).getByRole('link', { name: 'Контроль' })).toHaveCount(0);
  await reportTabs(page).getByRole('link', { name: 'Сводная ведомость' }).click();
  await expect(page).toHaveURL(/report=summary-sheet/);
  await expect(page.getByLabel('Класс', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel('Класс', { exact: true }).locator('option:checked')).toHaveText('5А');
  await expect(page.getByText(/^\s*5А класс, /)).toBeVisible();
  if (period) await page.getByLabel('Период', { exact: true }).selectOption(period.id);
  await reportLoaded(page);

  const teacher = await apiAs(page.request, 'teacher');
  const classId = new URL(page.url().replace('#/', '')).searchParams.get('classId');
  expect(classId).toBeTruthy();
  const sheet = await teacher.get<SummarySheet>(`/api/reports/summary-sheet?classId=${encodeURIComponent(classId!)}${period ? `&periodId=${period.id}` : ''}`);
  expect(sheet.className).toBe('5А');
  expect(sheet.students.length).toBeGreaterThan(0);
  const grid = page.getByRole('region', { name: /^Сводная ведомость 5А/ });
  await expect(grid.getByRole('link', { name: `${sheet.students[0]!.name}: табель` })).toBeVisible();
  await expect(grid.getByRole('row')).toHaveCount(sheet.students.length + 1);
  const student = sheet.students.find((s) => Object.keys(s.marks[sheet.periodId] ?? {}).length > 0) ?? sheet.students[0]!;
  const studentRow = grid.getByRole('row').filter({ has: page.getByRole('link', { name: `${student.name}: табель` }) });
  await expect(studentRow).toContainText(mark(student.average));
  for (const value of Object.values(student.marks[sheet.periodId] ?? {})) await expect(studentRow).toContainText(value);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'reports-summary-sheet-desktop');

  // The student's report card: every period of the year; back to the whole sheet.
  await studentRow.getByRole('link').click();
  await expect(page.getByRole('heading', { name: `Табель: ${student.name}` })).toBeVisible();
  await expect(page).toHaveURL(/studentId=/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: '← Вся ведомость 5А' }).click();
  await expect(grid).toBeVisible();
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the coordinator’s performance report and the control page fit the screen and pass axe', async ({ page }) => {
    test.slow();
    await signIn(page, 'coordinator');
    await openSection(page, 'Отчёты');
    await expect(page.getByRole('region', { name: /^Успеваемость и качество по / })).toBeVisible();
    await reportLoaded(page);
    await expect(keyFigure(page, 'Успеваемость')).toHaveText(/\d|—/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'reports-performance-phone');

    await openSection(page, 'Контроль');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Контроль');
    await expect(page.getByRole('button', { name: 'Запустить проверку: Проверка итоговых отметок (п. 6.1)' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Справки' })).toBeVisible();
    await expect(page.getByText('Загрузка…')).toHaveCount(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'control-phone');
  });

  test('the class teacher’s summary sheet fits the screen and passes axe', async ({ page }) => {
    await signIn(page, 'teacher');
    await openSection(page, 'Отчёты');
    await reportTabs(page).getByRole('link', { name: 'Сводная ведомость' }).click();
    await expect(page.getByRole('region', { name: /^Сводная ведомость 5А/ })).toBeVisible();
    await reportLoaded(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'reports-summary-sheet-phone');
  });
});
