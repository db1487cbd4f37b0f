import { periodsOf, schoolToday } from './demo-calendar.ts';
import { apiAs, findJournal, journalOf, lessonUrl, shortDate, type LessonRef } from './journal-api.ts';
import { expect, expectNoAxeViolations, horizontalOverflow, mainNav, openSection, saveScreenshot, signIn, test } from './support.ts';

// п. 5.7: the administration declares distance days for classes and dates with a reason; every
// lesson of the class that day becomes a distance lesson, and its teacher gives materials and an
// assignment. The test declares the next school day with a lesson of 5Б · Математика (the demo
// teacher's; no other browser test writes 5Б) — a day ahead, so nothing held changes.

const CLASS = '5Б';
const SUBJECT = 'Математика';

test('the director declares a distance day for a class; its lessons that day are distance lessons; the teacher gives materials', async ({
  page,
  newContext,
}) => {
  test.slow(); // two people, several saves and axe runs
  const director = await apiAs(page.request, 'director');
  const ref = await findJournal(director, CLASS, SUBJECT);
  const today = schoolToday();
  // The next school day after today with a 5Б mathematics lesson: this period, or the next one.
  let lesson: LessonRef | undefined;
  for (const period of [undefined, ...periodsOf(5).filter((p) => p.startDate > today).slice(0, 1).map((p) => p.id)]) {
    const journal = await journalOf(director, ref, period);
    lesson ??= journal.lessons.find((l) => l.date > (journal.today ?? today) && l.status === 'planned' && !l.isDistance);
  }
  test.skip(lesson === undefined, 'no 5Б mathematics lesson ahead in this school year (its last days)');
  const day = (lesson as LessonRef).date;

  await signIn(page, 'director');
  await openSection(page, 'Дистанционные дни');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дистанционные дни');
  await expect(mainNav(page).getByRole('link', { name: 'Дистанционные дни' })).toHaveAttribute('aria-current', 'page');
  const form = page.getByRole('form', { name: 'Объявить дистанционные дни' });
  await expect(form).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing chosen: each refusal next to its field, focus on the first.
  await form.getByLabel('С', { exact: true }).fill('');
  await form.getByRole('button', { name: 'Объявить' }).click();
  await expect(form.getByText('Укажите первый день')).toBeVisible();
  await expect(form.getByText('Выберите классы')).toBeVisible();
  await expect(form.getByLabel('С', { exact: true })).toBeFocused();

  await form.getByLabel('С', { exact: true }).fill(day);
  await form.getByRole('group', { name: '5-е классы' }).getByLabel(CLASS, { exact: true }).check();
  await form.getByLabel('Причина', { exact: true }).fill('Карантин по ОРВИ');
  await saveScreenshot(page, 'distance-days-form-desktop');
  await form.getByRole('button', { name: 'Объявить' }).click();
  const confirm = page.getByRole('dialog', { name: 'Объявить дистанционные дни?' });
  await expect(confirm).toContainText(`1 день (${shortDate(day)}) для 1 класса: ${CLASS}.`);
  await confirm.getByRole('button', { name: 'Объявить' }).click();
  await expect(form.getByRole('status')).toContainText(`Объявлено: 1 день для класса ${CLASS}.`);

  // The list: the day, the class, the reason, how many lessons, who.
  const row = page
    .getByRole('region', { name: 'Объявленные дни' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: CLASS, exact: true }) })
    .filter({ hasText: shortDate(day) });
  await expect(row).toContainText('Карантин по ОРВИ');
  await expect(row).toContainText('Воронцова');
  const count = Number((await row.locator('td.count').innerText()).trim());
  expect(count).toBeGreaterThan(0);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'distance-days-desktop');

  // Every lesson of the class that day is a distance lesson now, with the reason.
  const periodOfDay = periodsOf(5).find((p) => p.startDate <= day && day <= p.endDate)?.id;
  const sameDay = (await journalOf(director, ref, periodOfDay)).lessons.filter((l) => l.date === day);
  expect(sameDay.length).toBeGreaterThan(0);
  expect(sameDay.every((l) => l.isDistance)).toBe(true);
  await page.goto(lessonUrl((lesson as LessonRef).id));
  await expect(page.getByRole('main').locator('.when .badge-distance')).toHaveText('дистанционно');

  // The teacher: the lesson asks for materials or an assignment (п. 5.7), and takes them.
  const teacherContext = await newContext();
  const teacher = await teacherContext.newPage();
  await signIn(teacher, 'teacher');
  await teacher.goto(lessonUrl((lesson as LessonRef).id));
  const entry = teacher.getByRole('region', { name: 'Запись об уроке' });
  await expect(entry).toContainText('Дистанционный урок (п. 5.7): Карантин по ОРВИ. Для него нужны учебные материалы или текст задания.');
  await entry.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(entry.locator('#lesson-material-add-error')).toContainText('материалы');
  await expect(entry.getByRole('button', { name: 'Добавить материал' })).toBeFocused();

  await entry.getByRole('button', { name: 'Добавить материал' }).click();
  const first = entry.getByRole('group', { name: 'Материал 1' });
  await expect(first.getByLabel('Название', { exact: true })).toBeFocused();
  await first.getByLabel('Название', { exact: true }).fill('Видеоурок «Сложение дробей»');
  await first.getByLabel('Ссылка', { exact: true }).fill('https://resh.edu.ru/subject/12/5/');
  await entry.getByRole('button', { name: 'Добавить материал' }).click();
  const second = entry.getByRole('group', { name: 'Материал 2' });
  await second.getByRole('radio', { name: 'текст' }).check();
  await second.getByLabel('Название', { exact: true }).fill('Памятка');
  await second.getByLabel('Текст', { exact: true }).fill('Прочитать § 12, выписать правило в тетрадь.');
  await entry.getByLabel('Задание дистанционного урока', { exact: true }).fill('Решить № 401–405 на с. 113, фото решения прислать учителю.');
  await expectNoAxeViolations(teacher);
  await saveScreenshot(teacher, 'lesson-distance-desktop');
  await entry.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(entry.getByRole('status').filter({ hasText: /^Сохранено/ })).toBeVisible();

  // A material removed and saved again; a reload shows what is kept.
  await entry.getByRole('button', { name: 'Удалить материал 2' }).click();
  await expect(entry.getByRole('group', { name: 'Материал 2' })).toHaveCount(0);
  await entry.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(entry.getByRole('status').filter({ hasText: /^Сохранено/ })).toBeVisible();
  await teacher.reload();
  const kept = teacher.getByRole('region', { name: 'Запись об уроке' });
  await expect(kept.getByRole('group', { name: 'Материал 1' }).getByLabel('Ссылка', { exact: true })).toHaveValue('https://resh.edu.ru/subject/12/5/');
  await expect(kept.getByRole('group', { name: 'Материал 2' })).toHaveCount(0);
  await expect(kept.getByLabel('Задание дистанционного урока', { exact: true })).toHaveValue('Решить № 401–405 на с. 113, фото решения прислать учителю.');
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the administration’s distance days fit the screen and pass axe; no teacher has the section', async ({ page }) => {
    await signIn(page, 'coordinator');
    await openSection(page, 'Дистанционные дни');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дистанционные дни');
    await expect(page.getByRole('form', { name: 'Объявить дистанционные дни' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'distance-days-phone');

    await page.getByRole('button', { name: 'Выйти', exact: true }).click();
    await signIn(page, 'teacher');
    await page.goto('/#/distance-days');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Раздел недоступен');
  });
});
