import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { accessTokenOf, expect, expectNoAxeViolations, horizontalOverflow, signIn, test } from './support.ts';
import { apiAs } from './journal-api.ts';
import { runJob, unsubscribeTokenOf } from './jobs.ts';

/**
 * Issue 10, parents told in time: the bell in the header, «Уведомления», «Настройки уведомлений»
 * and the unsubscribe link of an e-mail (docs/web.md, «Notifications»).
 */

const scratch = fileURLToPath(new URL('../../.scratch/', import.meta.url));

/** Screenshots to look at by eye (git-ignored). */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(scratch, { recursive: true });
  await page.screenshot({ path: `${scratch}notifications-${name}.png`, fullPage: true });
}

const EMPTY = 'Пока уведомлений нет. Здесь появятся новые отметки, пропуски, домашние задания и итоговые отметки.';
const TAMPERED = 'tampered-token-0123456789.abcdef';

const bell = (page: Page) => page.getByRole('button', { name: /^Уведомления(: \d+ непрочитанн(ое|ых))?$/ });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Уведомления' });

/** What the panel or the list shows: the empty text, or notifications (each a link). */
async function expectEmptyOrItems(scope: Locator, itemLinks: Locator): Promise<'empty' | 'items'> {
  await expect(scope.getByText(EMPTY).or(itemLinks.first())).toBeVisible();
  if (await scope.getByText(EMPTY).isVisible()) return 'empty';
  await expect(itemLinks.first()).toHaveAttribute('href', /^#\/(diary|marks)\//);
  return 'items';
}

async function openBell(page: Page): Promise<void> {
  await bell(page).click();
  await expect(panel(page)).toBeVisible();
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(panel(page).getByRole('heading', { name: 'Уведомления' })).toBeFocused();
  await expect(panel(page).getByText('Загрузка…')).toBeHidden();
}

test('the parent chooses e-mail for marks «Сразу»: saved, kept after a reload, back to the school’s', async ({ page }) => {
  test.slow(); // axe on two CPUs
  await signIn(page, 'parent');
  await page.goto('/#/notifications/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Настройки уведомлений');

  // Every control is labelled: the topic and the channel.
  const marksMail = page.getByLabel('Отметки: на почту', { exact: true });
  await expect(marksMail).toBeVisible();
  await expect(page.getByLabel('Пропуски и опоздания: в приложении', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Итоговые отметки: на почту', { exact: true })).toBeVisible();
  await expect(page.getByLabel('С', { exact: true })).toHaveAccessibleDescription(/В тихие часы письма не отправляются: они придут утром/);
  // Where mail goes — or why none does.
  await expect(page.getByText(/^Письма приходят на адрес/).or(page.getByText('Письма не отправляются: адрес электронной почты не указан.'))).toBeVisible();
  if (await page.getByText('Письма не отправляются: адрес электронной почты не указан.').isVisible()) {
    await expect(page.getByRole('link', { name: 'Указать адрес в разделе «Мои данные»' })).toHaveAttribute('href', '#/me');
  }
  await expectNoAxeViolations(page);

  await marksMail.selectOption({ label: 'Сразу' });
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Настройки сохранены.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Как в школе' })).toBeVisible();
  await shot(page, 'settings-saved-desktop');

  await page.reload();
  await expect(page.getByLabel('Отметки: на почту', { exact: true })).toHaveValue('instant');

  // «Как в школе»: the school's choice again (e-mail for marks once a day by default).
  await page.getByRole('button', { name: 'Как в школе' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Восстановлены настройки школы.' })).toBeVisible();
  await expect(page.getByLabel('Отметки: на почту', { exact: true })).not.toHaveValue('instant');
  await expect(page.getByRole('button', { name: 'Как в школе' })).toBeHidden();
});

test('a change made on another device meanwhile: the page reloads and says so', async ({ page, request }) => {
  await signIn(page, 'parent');
  await page.goto('/#/notifications/settings');
  await expect(page.getByLabel('Отметки: на почту', { exact: true })).toBeVisible();

  // Another device saves homework e-mails «Сразу».
  const token = await accessTokenOf(request, 'parent');
  const headers = { Authorization: `Bearer ${token}` };
  const current = await request.get('/api/me/notification-settings', { headers });
  expect(current.status()).toBe(200);
  const view = (await current.json()) as { settings: { topics: Record<string, { inApp: boolean; email: string }> }; version: number };
  const settings = { ...view.settings, topics: { ...view.settings.topics, homework: { inApp: true, email: 'instant' } } };
  const saved = await request.put('/api/me/notification-settings', {
    headers,
    data: { clientRequestId: randomUUID(), expectedVersion: view.version, settings },
  });
  expect(saved.status()).toBe(200);

  await page.getByLabel('Отметки: на почту', { exact: true }).selectOption({ label: 'Не присылать' });
  await page.getByRole('button', { name: 'Сохранить' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Настройки изменены на другом устройстве' });
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await expect(page.getByLabel('Домашние задания: на почту', { exact: true })).toHaveValue('instant');

  // Back to the school's, for the other tests.
  await page.getByRole('button', { name: 'Как в школе' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Восстановлены настройки школы.' })).toBeVisible();
});

test('the bell and the list: the latest notifications, Esc, «Все уведомления»', async ({ page }) => {
  test.slow(); // axe on two CPUs
  await signIn(page, 'parent');
  await expect(bell(page)).toBeVisible();
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'false');

  await openBell(page);
  const shown = await expectEmptyOrItems(panel(page), panel(page).locator('.entry-link'));
  // The demo family's last days are seeded as the journal would have told them.
  expect(shown).toBe('items');
  if (shown === 'items') {
    await expect(panel(page).getByRole('list', { name: 'Последние уведомления' }).getByRole('listitem')).not.toHaveCount(0);
    expect(await panel(page).getByRole('listitem').count()).toBeLessThanOrEqual(10);
  }
  await expectNoAxeViolations(page);
  await shot(page, 'bell-desktop');

  // Esc closes and gives focus back to the bell.
  await page.keyboard.press('Escape');
  await expect(panel(page)).toBeHidden();
  await expect(bell(page)).toBeFocused();
  await expect(bell(page)).toHaveAttribute('aria-expanded', 'false');

  // Enter opens it again, from the keyboard; «Все уведомления» leads to the list.
  await page.keyboard.press('Enter');
  await expect(panel(page)).toBeVisible();
  await panel(page).getByRole('link', { name: 'Все уведомления' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Уведомления');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(panel(page)).toBeHidden();
  await expect(page).toHaveTitle(/^Уведомления — /);
  const listed = await expectEmptyOrItems(page.getByRole('main'), page.getByRole('main').locator('.entry-link'));
  if (listed === 'items') {
    // Grouped by day under headings; each notification a link into the diary or the marks.
    await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toHaveText(/^(Сегодня|Вчера|\d{1,2} [а-я]+( \d{4})?)$/);
  }
  await expect(page.getByRole('link', { name: 'Настройки уведомлений' })).toHaveAttribute('href', '#/notifications/settings');
  await expectNoAxeViolations(page);
  await shot(page, 'list-desktop');

  // In the navigation too.
  await expect(page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Уведомления' })).toHaveAttribute('aria-current', 'page');
});

test('the bell is its own chunk: not on the sign-in page, fetched once a parent is in', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Вход в Классный журнал' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((s) => /\/(NotificationBell|NotificationEntry|notifications)[-.]/.test(s))).toEqual([]);
  await page.getByLabel('Логин', { exact: true }).fill('parent');
  await page.getByLabel('Пароль', { exact: true }).fill('Klassny-2026!');
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(bell(page)).toBeVisible();
  expect(scripts.some((s) => /\/NotificationBell-[\w-]+\.js$/.test(s))).toBe(true);
});

test('staff have no bell', async ({ page }) => {
  await signIn(page, 'teacher');
  await expect(page.getByRole('button', { name: 'Выйти' })).toBeVisible();
  await expect(bell(page)).toHaveCount(0);
});

test('the unsubscribe link: public, asks before it stops anything, and refuses a tampered link in Russian', async ({ page }) => {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/unsubscribe')) calls.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`/#/unsubscribe/${TAMPERED}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отписка от писем');
  await expect(page.getByRole('alert').filter({ hasText: 'Ссылка для отписки повреждена или устарела.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Отписаться' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Войти и настроить уведомления' })).toHaveAttribute('href', '#/notifications/settings');
  // Opening the page only asked what the link stops.
  expect(calls).toEqual(['POST /api/unsubscribe/preview']);
  // No sign-in form: the page itself is shown to whoever opens the link.
  await expect(page.getByLabel('Логин', { exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await shot(page, 'unsubscribe-invalid-desktop');

  // Its link leads to the sign-in, then to the settings.
  await page.getByRole('link', { name: 'Войти и настроить уведомления' }).click();
  await page.getByLabel('Логин', { exact: true }).fill('parent');
  await page.getByLabel('Пароль', { exact: true }).fill('Klassny-2026!');
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Настройки уведомлений');
});

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the bell is a full-width sheet; the list, the settings and the unsubscribe page fit', async ({ page }) => {
    test.slow(); // four axe runs on two CPUs
    await signIn(page, 'parent');
    await expect(bell(page)).toBeVisible();
    await openBell(page);
    const box = await panel(page).boundingBox();
    expect(box?.x).toBe(0);
    expect(box?.width).toBe(390);
    await expectEmptyOrItems(panel(page), panel(page).locator('.entry-link'));
    await expectNoAxeViolations(page);
    await shot(page, 'bell-phone');
    await panel(page).getByRole('button', { name: 'Закрыть' }).click();
    await expect(panel(page)).toBeHidden();
    await expect(bell(page)).toBeFocused();

    await page.goto('/#/notifications');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Уведомления');
    await expectEmptyOrItems(page.getByRole('main'), page.getByRole('main').locator('.entry-link'));
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await shot(page, 'list-phone');

    await page.goto('/#/notifications/settings');
    await expect(page.getByLabel('Отметки: на почту', { exact: true })).toBeVisible();
    // A phone names each control beside it.
    await expect(page.getByText('на почту').first()).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await shot(page, 'settings-phone');

    await page.goto(`/#/unsubscribe/${TAMPERED}`);
    await expect(page.getByRole('alert').filter({ hasText: 'Ссылка для отписки повреждена или устарела.' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
    await shot(page, 'unsubscribe-invalid-phone');
  });
});

test('a mark saved in the journal reaches the parent’s bell after deliver-mail runs, and leads to the diary', async ({ page, request }) => {
  test.slow(); // two job runs in processes of their own
  const parentApi = await apiAs(request, 'parent');
  const { children } = await parentApi.get<{ children: { studentId: string; name: string; classId: string }[] }>('/api/me/children');
  const anna = children.find((c) => c.name.startsWith('Морозова Анна'))!;
  const teacher = await apiAs(request, 'teacher');
  const mine = await teacher.get<{ journals: { groupId: string; subjectId: string; classId: string; subjectName: string }[] }>('/api/me/journals');
  const maths = mine.journals.find((j) => j.classId === anna.classId && j.subjectName === 'Математика')!;
  const journal = await teacher.get<{ lessons: { id: string; date: string; status: string }[]; today?: string }>(`/api/journals/${encodeURIComponent(maths.groupId)}/${encodeURIComponent(maths.subjectId)}`);
  const lesson = journal.lessons.filter((l) => l.status === 'conducted').at(-1)!;
  const saved = await teacher.send('PUT', `/api/lessons/${encodeURIComponent(lesson.id)}/marks`, {
    clientRequestId: randomUUID(),
    changes: [{ action: 'create', studentId: anna.studentId, values: ['4'], workTypeId: 'answer', comment: 'Решение у доски' }],
  });
  expect(saved.status).toBe(200);
  // Other tests save marks too, and the stack's scheduler fans out every few minutes: this test
  // follows its own mark (its comment), not the count.
  type Listed = { items: { id: string; title: string; text: string; readAt?: string }[]; unreadCount: number };
  const mineNow = async () =>
    (await parentApi.get<Listed>('/api/me/notifications?limit=50')).items.filter((n) => n.title === 'Математика: новая отметка 4' && n.text.includes('Решение у доски'));

  await runJob('deliver-mail');
  await runJob('deliver-mail'); // twice: nothing doubles
  expect(await mineNow()).toHaveLength(1);

  await signIn(page, 'parent');
  await expect(bell(page)).toHaveAccessibleName(/^Уведомления: \d+ непрочитанн(ое|ых)$/);
  await openBell(page);
  const card = panel(page).getByRole('listitem').filter({ hasText: 'Решение у доски' });
  await expect(card).toHaveCount(1);
  await expect(card.getByText(/Ответ на уроке \(вес 1\) · урок .* · «Решение у доски»/)).toBeVisible();
  await card.locator('.entry-link').click();
  await expect(page).toHaveURL(new RegExp(`#/diary/${anna.studentId}/\\d{4}-\\d{2}-\\d{2}/${lesson.date}$`));
  // Opened at the lesson's day: its heading has the focus; the notification is read.
  await expect(page.locator(`#day-${lesson.date}`)).toBeFocused();
  await expect.poll(async () => (await mineNow())[0]?.readAt !== undefined).toBe(true);
});

test('a valid unsubscribe link from an e-mail: says what it stops, stops it on the button, without signing in', async ({ page, request }) => {
  test.slow();
  const parentApi = await apiAs(request, 'parent');
  const me = await parentApi.get<{ personId: string }>('/api/me');
  const token = await unsubscribeTokenOf(me.personId, 'mark');
  await page.goto(`/#/unsubscribe/${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Отписка от писем');
  await expect(page.getByText(/@school\.example/)).toBeVisible();
  expect((await parentApi.get<{ settings: { topics: { mark: { email: string } } } }>('/api/me/notification-settings')).settings.topics.mark.email).not.toBe('off');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Отписаться' }).click();
  await expect(page.getByRole('status').or(page.getByRole('alert')).first()).toBeVisible();
  await shot(page, 'unsubscribe-done-desktop');
  const after = await parentApi.get<{ settings: { topics: { mark: { email: string } } }; version: number }>('/api/me/notification-settings');
  expect(after.settings.topics.mark.email).toBe('off');
  // Back to the school's, for the other tests.
  const reset = await parentApi.send('PUT', '/api/me/notification-settings', { clientRequestId: randomUUID(), expectedVersion: after.version, settings: null });
  expect(reset.status).toBe(200);
});
