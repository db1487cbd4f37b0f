import type { Page } from '@playwright/test';
import { errorCatalog } from '../../shared/api/errors.ts';
import { RATE_LIMITS } from '../../shared/config/access-settings.ts';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  expect,
  pdfPageSize,
  test,
  expectNoAxeViolations,
  fillSignIn,
  horizontalOverflow,
  mainNav,
  openSection,
  runtimeConfig,
  saveScreenshot,
  signIn,
  storageContents,
} from './support.ts';

/** The step heading of the activation page («Шаг 2 из 3. …»), focused when the step begins. */
function stepHeading(page: Page, step: number) {
  return page.getByRole('heading', { level: 2, name: new RegExp(`^Шаг ${step} из 3`) });
}

test('the class teacher issues a code to a parent, who activates it and lands signed in', async ({ page }) => {
  test.slow(); // two people, three axe runs per role
  await signIn(page, 'teacher');
  await openSection(page, 'Коды для класса');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Пригласительные коды: 5А/);
  await expect(mainNav(page).getByRole('link', { name: 'Коды для класса' })).toHaveAttribute('aria-current', 'true');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'invite-register-desktop');

  // A parent of 5А without an account or a code.
  const parents = page.getByRole('group', { name: /^Родители/ });
  const person = parents.getByRole('listitem').filter({ hasText: 'нет учётной записи' }).first();
  const parentName = (await person.locator('.person-name').innerText()).trim();
  // A parent's note names their children in the class («ребёнок: Морозова Анна», «дети: …»).
  const childNote = (await person.locator('.person-note').innerText()).trim();
  expect(childNote).toMatch(/^(ребёнок|дети): \S+/);
  await person.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Выдать коды (1)' }).click();

  // The slip: shown once, with the code in large print.
  const slips = page.getByRole('region', { name: /^Выданные коды/ });
  await expect(slips).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Выданные коды: 1' })).toBeFocused();
  await expect(slips).toContainText('Коды показываются только один раз');
  await expect(slips).toContainText(parentName);
  await expect(slips).toContainText('/#/activate');
  const code = (await slips.locator('.slip-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'invite-slips-desktop');

  // Printing now gives the slips only, on portrait pages.
  await page.emulateMedia({ media: 'print' });
  await expect(slips.locator('.slip')).toBeVisible();
  expect(pdfPageSize(await page.pdf({ preferCSSPageSize: true }))).toEqual(A4_PORTRAIT);
  await expect(page.getByRole('heading', { name: 'Журнал учёта выдачи пригласительных кодов' })).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('button', { name: 'Готово, коды распечатаны' }).click();
  await expect(slips).toBeHidden();
  const entry = page.getByRole('table').getByRole('row').filter({ hasText: parentName }).first();
  await expect(entry).toContainText('активен');
  await expect(entry.getByRole('button', { name: `Отозвать код: ${parentName}` })).toBeVisible();
  await expect(page.getByText(code)).toHaveCount(0); // never shown again

  // The parent: from the sign-in screen to the activation page.
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await page.getByRole('link', { name: 'У меня есть пригласительный код' }).click();
  await expect(page).toHaveURL(/#\/activate$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Активация пригласительного кода');
  await expect(page).toHaveTitle(/^Активация пригласительного кода — /);
  await expect(stepHeading(page, 1)).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'activate-1-desktop');

  // Typed as people type it from paper: lower case, spaces instead of dashes.
  await page.getByLabel('Пригласительный код').fill(code.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Проверить код' }).click();
  await expect(stepHeading(page, 2)).toBeFocused();
  await expect(page.getByRole('main')).toContainText(parentName);
  await expect(page.getByRole('main')).toContainText('Родитель');
  await expect(page.getByRole('region', { name: /^Согласие на обработку персональных данных/ })).toBeVisible();
  const consents = page.getByRole('group', { name: 'Согласие на обработку персональных данных' });
  await expect(consents.getByRole('checkbox', { name: new RegExp(`${parentName} \\(я\\)$`) })).toBeVisible();
  await expect(consents.getByRole('checkbox', { name: /моего ребёнка/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'activate-2-desktop');

  // Without the consent there is no next step.
  await page.getByRole('button', { name: 'Продолжить' }).click();
  await expect(page.getByText('Чтобы продолжить, отметьте согласие за каждого человека.')).toBeVisible();
  await expect(stepHeading(page, 2)).toBeVisible();
  for (const box of await consents.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Продолжить' }).click();
  await expect(stepHeading(page, 3)).toBeFocused();

  const login = `roditel.${Date.now().toString(36)}`;
  const password = 'Roditel-2026!x';
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill('short');
  await expect(page.locator('#password-rules li').first()).not.toHaveClass(/ok/);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await expect(page.locator('#password-rules li.ok')).toHaveCount(5);
  await page.getByLabel('Повторите пароль').fill(password);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'activate-3-desktop');
  await page.getByRole('button', { name: 'Создать учётную запись и войти' }).click();

  // Signed in with the new account, on the home page, with the child.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Здравствуйте, ${parentName}!`);
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('banner')).toContainText(parentName);
  await expect(page.getByRole('heading', { level: 2, name: 'Дети' })).toBeVisible();
  // The child named on the register is on the home page too.
  const childSurname = childNote.replace(/^[^:]*:\s*/, '').split(/[\s,]+/)[0] ?? '';
  expect(childSurname).toMatch(/^[А-ЯЁ][а-яё-]+$/);
  await expect(page.getByRole('main')).toContainText(childSurname);
  await expect(page.getByRole('main')).toContainText(login);

  // «Мои данные»: the consents just given; then sign out everywhere.
  await page.getByRole('link', { name: 'Мои данные' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мои данные');
  const myConsents = page.getByRole('region', { name: 'Согласия на обработку персональных данных' });
  await expect(myConsents).toContainText(`${parentName} (вы)`);
  await expect(myConsents.getByRole('link', { name: /^редакция / }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'my-data-parent-desktop');
  await page.getByRole('button', { name: 'Выйти на всех устройствах' }).click();
  const dialog = page.getByRole('dialog', { name: 'Выйти на всех устройствах?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Отмена' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Выйти на всех устройствах' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await expect(page.getByText('Вы вышли из системы на всех устройствах.')).toBeVisible();
  // Nothing of the session is left in the tab, and no token in localStorage.
  const left = await storageContents(page);
  expect(left.session).toEqual({});
  expect(Object.keys(left.local).filter((key) => /token|session/i.test(key))).toEqual([]);

  // The new login and password are now the way in.
  await fillSignIn(page, login, password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Здравствуйте, ${parentName}!`);
});

test('the register prints as the form, without navigation or buttons', async ({ page, request }) => {
  const config = await runtimeConfig(request);
  await signIn(page, 'teacher');
  await openSection(page, 'Коды для класса');
  await expect(page.getByRole('heading', { name: 'Журнал учёта выдачи пригласительных кодов' })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Печать журнала учёта' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Выдать коды/ })).toBeHidden();
  await expect(page.getByText('Форма учёта выдачи пригласительных кодов')).toBeVisible();
  const form = page.locator('.print-head');
  await expect(form).toContainText(config.schoolName);
  await expect(form).toContainText('5А');
  await expect(form).toContainText(/Дата печати: \d\d\.\d\d\.\d{4}/);
  await expect(page.getByRole('columnheader', { name: 'Подпись получателя' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Кому' })).toBeVisible();
  await saveScreenshot(page, 'invite-register-print');
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5_000);
  // The page's own @page rule (a constructed stylesheet: the CSP allows no <style>) asks for landscape.
  expect(pdfPageSize(await page.pdf({ preferCSSPageSize: true }))).toEqual(A4_LANDSCAPE);
});

test('sign-in refusals all read the same: a wrong password, an unknown login', async ({ page }) => {
  const MESSAGE = 'Неверный логин или пароль. После нескольких неудачных попыток вход временно блокируется — подождите несколько минут.';
  await page.goto('/');
  await fillSignIn(page, 'coordinator', 'Wrong-password-1!');
  await expect(page.getByRole('alert')).toHaveText(MESSAGE);
  const known = await page.getByRole('alert').innerText();
  await fillSignIn(page, 'nobody.here', 'Wrong-password-1!');
  await expect(page.getByRole('alert')).toHaveText(MESSAGE);
  expect(await page.getByRole('alert').innerText()).toBe(known);
});

test('a wrong code: the same message each time, then the address is held back', async ({ newContext }) => {
  // The limit counts failures per address. The local API, like CloudFront, reads the viewer's
  // address from CloudFront-Viewer-Address: a documentation address of its own keeps this test
  // from holding back the other tests' activations from 127.0.0.1.
  const context = await newContext({ extraHTTPHeaders: { 'CloudFront-Viewer-Address': '198.51.100.23:50000' } });
  const page = await context.newPage();
  await page.goto('/#/activate');
  const input = page.getByLabel('Пригласительный код');
  await expect(input).toBeVisible();

  // Format problems are caught before asking the server (and do not count).
  await input.fill('123');
  await page.getByRole('button', { name: 'Проверить код' }).click();
  await expect(page.getByText(/состоит из 12 знаков/)).toBeVisible();

  // Every refusal reads the same (nothing tells a wrong code from a used or expired one)…
  const alert = page.getByRole('alert');
  const statuses: number[] = [];
  for (let attempt = 0; attempt <= RATE_LIMITS.redeemFailuresPerAddress.limit + 1; attempt += 1) {
    await input.fill(`ZZZZ-ZZZZ-${String(1000 + attempt)}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/invite-codes/preview'));
    await page.getByRole('button', { name: 'Проверить код' }).click();
    const status = (await answer).status();
    statuses.push(status);
    if (status === 429) break;
    expect(status).toBe(422);
    await expect(alert.locator('.error-message')).toHaveText(errorCatalog.INVITE_CODE_INVALID.message);
  }
  // …until the address has failed too often: then how long to wait.
  expect(statuses.filter((s) => s === 422).length).toBeGreaterThanOrEqual(RATE_LIMITS.redeemFailuresPerAddress.limit - 1);
  expect(statuses.at(-1)).toBe(429);
  await expect(alert.locator('.error-message')).toHaveText(/^Слишком много неудачных попыток с этого адреса\. Попробуйте снова через \d+ минут/);
  await expect(stepHeading(page, 1)).toBeVisible();
  await saveScreenshot(page, 'activate-rate-limited-desktop');
  await context.close();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the activation page fits the screen', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'У меня есть пригласительный код' }).click();
    await expect(stepHeading(page, 1)).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'activate-1-phone');
  });
});
