import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  expect,
  test,
  NAVIGATION,
  fillSignIn,
  horizontalOverflow,
  mainNav,
  navTitles,
  outlineStyle,
  pageColors,
  runtimeConfig,
  saveScreenshot,
  signIn,
} from './support.ts';

async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test('sign-in page: axe finds nothing', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('Логин', { exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'sign-in-desktop');
  // The error state too.
  await fillSignIn(page, 'teacher', 'wrong');
  await expect(page.getByRole('alert')).toContainText('Неверный логин или пароль');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'sign-in-error-desktop');
});

test('teacher home: axe finds nothing', async ({ page }) => {
  await signIn(page, 'teacher');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'home-teacher-desktop');
  await mainNav(page).getByRole('link', { name: 'Журнал' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
  await expectNoAxeViolations(page);
});

test('coordinator home with the role switch: axe finds nothing', async ({ page }) => {
  await signIn(page, 'coordinator');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'home-coordinator-desktop');
});

test('parent home: axe finds nothing', async ({ page }) => {
  await signIn(page, 'parent');
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'home-parent-desktop');
});

test.describe('on a 360-px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the parent uses the menu button', async ({ page }) => {
    test.slow(); // three axe runs on two CPUs
    await page.goto('/');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'sign-in-phone');
    await signIn(page, 'parent');

    const menu = page.getByRole('button', { name: 'Меню' });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(mainNav(page)).toBeHidden();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-parent-phone');

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(mainNav(page)).toBeVisible();
    expect(await navTitles(page)).toEqual(NAVIGATION.parent);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'home-parent-phone-menu');

    await mainNav(page).getByRole('link', { name: 'Оценки' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Оценки');
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(mainNav(page)).toBeHidden();

    // Nothing is wider than the screen, and sign-out stays in reach.
    const overflow = await horizontalOverflow(page);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
  });

  test('the parent’s notifications: the bell’s sheet, the list and the settings', async ({ page }) => {
    test.slow(); // three axe runs on two CPUs
    await signIn(page, 'parent');
    const bell = page.getByRole('button', { name: /^Уведомления/ });
    await bell.click();
    const panel = page.getByRole('dialog', { name: 'Уведомления' });
    await expect(panel.getByRole('link', { name: 'Все уведомления' })).toBeVisible();
    await expect(panel.getByText('Загрузка…')).toBeHidden();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await panel.getByRole('link', { name: 'Все уведомления' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Уведомления');
    await expect(page.getByRole('link', { name: 'Настройки уведомлений' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Настройки уведомлений' }).click();
    await expect(page.getByLabel('Отметки: на почту', { exact: true })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'notification-settings-phone');
  });

  test('the unsubscribe page, signed out', async ({ page }) => {
    await page.goto('/#/unsubscribe/tampered-token-0123456789');
    await expect(page.getByRole('alert').filter({ hasText: 'Ссылка для отписки повреждена или устарела.' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  });

  test('the coordinator switches role on the phone', async ({ page }) => {
    await signIn(page, 'coordinator');
    const roleSelect = page.getByLabel('Роль', { exact: true });
    await expect(roleSelect).toBeVisible();
    await saveScreenshot(page, 'home-coordinator-phone');
    await roleSelect.selectOption('teacher');
    await page.getByRole('button', { name: 'Меню' }).click();
    expect(await navTitles(page)).toEqual(NAVIGATION.teacher);
    const overflow = await horizontalOverflow(page);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('keyboard', () => {
  test('Tab reaches the skip link first; the sign-in form works from the keyboard', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByLabel('Логин', { exact: true })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Перейти к содержимому' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    const outline = await outlineStyle(skip);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter'); // skip to the content
    await expect(page.getByRole('main')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Логин', { exact: true })).toBeFocused();
    await page.keyboard.type('teacher');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
    await page.keyboard.type('Klassny-2026!');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Войти' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();

    // After sign-in, focus lands on the page heading; on a fresh load the skip link is first,
    // then the header and the navigation.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Перейти к содержимому' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Классный журнал' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Мои данные' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Выйти' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(mainNav(page).getByRole('link', { name: 'Главная' })).toBeFocused();
  });

  test('the navigation can be used with the keyboard', async ({ page }) => {
    await signIn(page, 'teacher');
    await mainNav(page).getByRole('link', { name: 'Журнал' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  });
});

test('print: navigation and buttons hidden, title and school shown', async ({ page, request }) => {
  const config = await runtimeConfig(request);
  await signIn(page, 'teacher');
  await page.emulateMedia({ media: 'print' });
  await expect(mainNav(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Выйти' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('banner').getByText(config.schoolName)).toBeVisible();
  const colors = await pageColors(page);
  expect(colors.color).toBe('rgb(0, 0, 0)');
  expect(colors.background).toBe('rgb(255, 255, 255)');
  await saveScreenshot(page, 'home-teacher-print');
});
