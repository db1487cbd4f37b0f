import type { APIRequestContext, Page } from '@playwright/test';
import { demoSubstitutions, isListed, type DemoSubstitution } from './demo-substitutions.ts';
import {
  DEMO_PASSWORD,
  accessTokenOf,
  expect,
  expectNoAxeViolations,
  horizontalOverflow,
  mainNav,
  openSection,
  saveScreenshot,
  signIn,
  test,
} from './support.ts';

// A substitute keeps the lessons they substitute (п. 5.3): the journal list shows them under
// «Замены» (two weeks back to a week ahead) and each opens on its own page. The substitutions
// come from the seed (demo-substitutions.ts). When a demo login substitutes in the listed days, the
// test signs in with it; otherwise — no demo login is among the seed's substitutes — the operator
// gives one of them an account through the staff register, as a school would.

/** The substitute and the lesson the test opens: one listed today if there is one, else their latest. */
type Target = {
  substitute: { id: string; name: string; login?: string | undefined };
  lessons: DemoSubstitution[];
  listed: DemoSubstitution[];
  lesson: DemoSubstitution;
};

function chooseTarget(all: readonly DemoSubstitution[]): Target | undefined {
  const listed = all.filter((s) => isListed(s));
  const latest = listed.filter((s) => s.substituteLogin !== undefined).at(-1) ?? (listed.length > 0 ? listed : all).at(-1);
  if (!latest) return undefined;
  const lessons = all.filter((s) => s.substituteId === latest.substituteId);
  const theirListed = lessons.filter((s) => isListed(s));
  const candidates = theirListed.length > 0 ? theirListed : lessons;
  // A lesson with marks and, if any has one, an absence: the page has something to show.
  const lesson =
    [...candidates].reverse().find((s) => s.marks.length > 0 && s.attendance.length > 0) ??
    [...candidates].reverse().find((s) => s.marks.length > 0) ??
    latest;
  return {
    substitute: { id: latest.substituteId, name: latest.substituteName, login: latest.substituteLogin },
    lessons,
    listed: theirListed,
    lesson,
  };
}

/**
 * A substituted lesson the demo teacher neither keeps nor reads: not hers, not in a class of the
 * fifth grade (she teaches mathematics in 5А–5В and leads 5А).
 */
function foreignLesson(all: readonly DemoSubstitution[]): DemoSubstitution | undefined {
  return all.filter((s) => s.substituteLogin !== 'teacher' && !s.className.startsWith('5')).at(-1);
}

let target: Target | undefined;
let foreign: DemoSubstitution | undefined;

test.beforeAll(() => {
  test.setTimeout(120_000); // the demo school is generated again here (deterministic, ~8 s alone)
  const all = demoSubstitutions();
  target = chooseTarget(all);
  foreign = foreignLesson(all);
});

const NO_SUBSTITUTIONS = 'the demo school has had no substitution yet (its first one is on the 17th school day)';

/** The operator issues the substitute a code in the staff register; it is redeemed (as the activation page does). */
async function accountFor(page: Page, request: APIRequestContext, name: string): Promise<{ login: string; password: string }> {
  await signIn(page, 'operator');
  await openSection(page, 'Пригласительные коды');
  await page.getByRole('link', { name: 'Коды для сотрудников' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Пригласительные коды: Сотрудники');
  const person = page
    .getByRole('group', { name: /^Сотрудники/ })
    .getByRole('listitem')
    .filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${name}$`) }) });
  await expect(person).toHaveCount(1);
  await expect(person).toContainText('нет учётной записи');
  await person.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Выдать коды (1)', exact: true }).click();
  const slip = page.getByRole('region', { name: /^Выданные коды/ }).locator('.slip');
  await expect(slip).toContainText(name);
  await expect(slip.locator('.slip-kind')).toHaveText('Пригласительный код');
  const code = (await slip.locator('.slip-code').innerText()).trim();
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  const preview = await request.post('/api/invite-codes/preview', { data: { code } });
  expect(preview.status(), await preview.text()).toBe(200);
  const version = ((await preview.json()) as { document: { version: string } }).document.version;
  const login = `zamena.${Date.now().toString(36)}`;
  const password = 'Zamena-2026!x';
  const redeemed = await request.post('/api/invite-codes/redeem', {
    data: { code, login, password, consent: { documentVersion: version, accepted: true } },
  });
  expect(redeemed.status(), await redeemed.text()).toBe(201);
  return { login, password };
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** `2026-11-24` → `24 ноября 2026`, as the lesson page writes its date. */
function dayText(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** The lesson page of a substituted lesson: the lesson, who keeps it, the students with their marks and absences. */
async function expectLessonPage(page: Page, lesson: DemoSubstitution): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`#/lesson/${encodeURIComponent(lesson.lessonId).replace(/\./g, '\\.')}$`));
  await expect(page).toHaveTitle(/^Урок — /);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^${lesson.className} · `));
  const main = page.getByRole('main');
  await expect(main).toContainText(`${lesson.slot}-й урок`);
  await expect(main).toContainText(dayText(lesson.date));
  await expect(main.locator('.badge-substitute')).toHaveText('замена');
  await expect(page.getByText('Вы ведёте этот урок как заменяющий учитель (п. 5.3).')).toBeVisible();
  // The substitute keeps the lesson: its entry (topic, work, homework) is theirs to write (п. 5.3).
  await expect(main.getByRole('heading', { level: 2, name: 'Запись об уроке' })).toBeVisible();
  await expect(main.getByLabel('Тема урока', { exact: true })).toBeEditable();

  const sheet = page.getByRole('region', { name: 'Оценки и посещаемость' }).getByRole('table');
  await expect(sheet.getByRole('columnheader', { name: 'Отметки' })).toBeVisible();
  await expect(sheet.getByRole('columnheader', { name: 'Посещаемость' })).toBeVisible();
  expect(await sheet.getByRole('rowheader').count()).toBeGreaterThan(3);
  for (const mark of lesson.marks) {
    const row = sheet.getByRole('row').filter({ has: page.getByRole('rowheader', { name: mark.studentName, exact: true }) });
    await expect(row.locator('.mark').filter({ hasText: new RegExp(`^${mark.text}$`) })).toHaveCount(
      lesson.marks.filter((m) => m.studentName === mark.studentName && m.text === mark.text).length,
    );
  }
  for (const absence of lesson.attendance) {
    const row = sheet.getByRole('row').filter({ has: page.getByRole('rowheader', { name: absence.studentName, exact: true }) });
    await expect(row.locator('abbr.att')).toHaveText(absence.code);
  }
}

test('a substitute finds the lessons they substitute under «Замены» and opens one', async ({ page, request, newContext }) => {
  test.slow(); // two people, a phone, two axe runs
  test.skip(target === undefined, NO_SUBSTITUTIONS);
  const { substitute, listed, lesson } = target as Target;
  const account = substitute.login
    ? { login: substitute.login, password: DEMO_PASSWORD }
    : await accountFor(page, request, substitute.name);

  await signIn(page, account.login, account.password);
  await openSection(page, 'Журнал');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
  const section = page.getByRole('region', { name: 'Замены' });
  if (listed.length > 0) {
    // The section lists this teacher's substitutions of the last two weeks, in date order.
    await expect(section).toBeVisible();
    await expect(section.getByRole('link')).toHaveCount(listed.length);
    await expect(section).toContainText('Журнал этих уроков ведёте вы (п. 5.3)');
    const link = section.getByRole('link').nth(listed.indexOf(lesson));
    await expect(link).toContainText(`${lesson.slot}-й урок`);
    await expect(link).toContainText(new RegExp(`${lesson.className} · `));
    await expect(link).toContainText(/проведён|тема не записана/);
    await expect(link).toContainText(`${Number(lesson.date.slice(8, 10))} ${MONTHS[Number(lesson.date.slice(5, 7)) - 1]}`);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'substitutions-list-desktop');
    await link.click();
  } else {
    // Nothing substituted in the listed days (the seed's substitutions are older): no empty section;
    // the lesson still opens by its address, as a link kept from earlier would open it.
    await expect(page.getByRole('status').filter({ hasText: 'Загрузка' })).toHaveCount(0);
    await expect(section).toHaveCount(0);
    await page.goto(`/#/lesson/${encodeURIComponent(lesson.lessonId)}`);
  }
  await expectLessonPage(page, lesson);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(mainNav(page).getByRole('link', { name: 'Журнал' })).toHaveAttribute('aria-current', 'true');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'lesson-substitute-desktop');

  // The region with the table takes focus from the keyboard.
  await page.getByRole('region', { name: 'Оценки и посещаемость' }).focus();
  await expect(page.getByRole('region', { name: 'Оценки и посещаемость' })).toBeFocused();

  // On a phone: the list and the lesson fit the screen.
  const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const small = await phone.newPage();
  await signIn(small, account.login, account.password);
  await openSection(small, 'Журнал');
  if (listed.length > 0) {
    await expect(small.getByRole('region', { name: 'Замены' })).toBeVisible();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    await saveScreenshot(small, 'substitutions-list-phone');
  }
  await small.goto(`/#/lesson/${encodeURIComponent(lesson.lessonId)}`);
  await expectLessonPage(small, lesson);
  expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(small);
  await saveScreenshot(small, 'lesson-substitute-phone');
});

test('a lesson one neither keeps nor reads: the API’s refusal, no data', async ({ page }) => {
  test.skip(foreign === undefined, NO_SUBSTITUTIONS);
  const lesson = foreign as DemoSubstitution;
  await signIn(page, 'teacher');
  await page.goto(`/#/lesson/${encodeURIComponent(lesson.lessonId)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Урок');
  await expect(page.getByRole('alert')).toContainText('Недостаточно прав');
  await expect(page.getByText('Урок не открыт.')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
  // An unknown lesson: not found.
  await page.goto(`/#/lesson/${encodeURIComponent(lesson.lessonId.replace(/\.\d+$/, '.9'))}`);
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expect(page.getByRole('table')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the director reads a substituted lesson: it is the substitute who keeps it', async ({ page }) => {
  test.skip(target === undefined, NO_SUBSTITUTIONS);
  const { lesson } = target as Target;
  await signIn(page, 'director');
  await page.goto(`/#/lesson/${encodeURIComponent(lesson.lessonId)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^${lesson.className} · `));
  await expect(page.getByText('Урок проводит заменяющий учитель, он и ведёт журнал этого урока (п. 5.3).')).toBeVisible();
  await expect(page.getByText('Вы ведёте этот урок', { exact: false })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '← К списку журналов' })).toHaveAttribute('href', '#/classes');
  await expect(page.getByRole('region', { name: 'Оценки и посещаемость' }).getByRole('table')).toBeVisible();
});

test('a first-grade lesson: attendance only, no marks column (п. 5.6)', async ({ page, request }) => {
  // Any lesson held in grade 1 with an absence, found through the API as the director reads it.
  const auth = { Authorization: `Bearer ${await accessTokenOf(request, 'director')}` };
  const mine = (await (await request.get('/api/me/journals', { headers: auth })).json()) as {
    journals: { groupId: string; subjectId: string; grade: number }[];
  };
  const first = mine.journals.find((j) => j.grade === 1);
  expect(first, 'a grade-1 journal').toBeTruthy();
  const journal = (await (
    await request.get(`/api/journals/${encodeURIComponent(first?.groupId ?? '')}/${encodeURIComponent(first?.subjectId ?? '')}`, { headers: auth })
  ).json()) as { lessons: { id: string; status: string }[]; attendance: { lessonId: string; code: string }[] };
  const absent = new Set(journal.attendance.map((a) => a.lessonId));
  const lesson = journal.lessons.find((l) => l.status === 'conducted' && absent.has(l.id));
  test.skip(lesson === undefined, 'no grade-1 lesson with an absence in the current period yet (its first days)');

  await signIn(page, 'director');
  await page.goto(`/#/lesson/${encodeURIComponent(lesson?.id ?? '')}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^1[А-Я] · /);
  await expect(page.getByText('В 1 классе отметки не выставляются (п. 5.6).')).toBeVisible();
  const sheet = page.getByRole('region', { name: 'Посещаемость' }).getByRole('table');
  await expect(sheet.getByRole('columnheader', { name: 'Посещаемость' })).toBeVisible();
  await expect(sheet.getByRole('columnheader', { name: 'Отметки' })).toHaveCount(0);
  await expect(sheet.locator('abbr.att').first()).toBeVisible();
  await expect(page.getByRole('main').locator('.mark')).toHaveCount(0);
});

test('a teacher with substitutions and no journals of their own sees the substitutions', async ({ page }) => {
  // No account of the demo school is such a teacher: the journal list's answer is routed without
  // the journals (as users.e2e.ts routes /config.json), the substitutions as the API gave them.
  let substitutions = 0;
  await page.route('**/api/me/journals', async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as { journals: unknown[]; substitutions: unknown[] };
    substitutions = json.substitutions.length;
    await route.fulfill({ response, json: { journals: [], substitutions: json.substitutions } });
  });
  await signIn(page, 'teacher');
  await openSection(page, 'Журнал');
  await expect(page.getByRole('status').filter({ hasText: 'Загрузка' })).toHaveCount(0);
  test.skip(substitutions === 0, 'the demo teacher substitutes nobody in the listed days (the seed’s recent days fall in holidays)');
  await expect(page.getByRole('region', { name: 'Замены' }).getByRole('link')).toHaveCount(substitutions);
  await expect(page.getByText('Своих журналов в этом учебном году у вас нет.')).toBeVisible();
  await expect(page.getByText('Журналов для вас нет', { exact: false })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Мои журналы' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
