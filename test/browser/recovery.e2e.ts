import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  accessTokenOf,
  expect,
  expectNoAxeViolations,
  horizontalOverflow,
  openSection,
  saveScreenshot,
  signIn,
  test,
} from './support.ts';

// Access is recovered in person (decision 19): a code for someone who already has an account
// sets a new password for it, and only the operator issues such a code. The register and the
// slip say which codes are for recovery; the holder sees the last recovery in «Мои данные».

const RECOVERY_BY_OPERATOR = 'У этого человека уже есть учётная запись. Восстановить доступ к ней может только школьный оператор.';

/** Redeems a code through the API, as the activation page does; the account's login. */
async function redeem(request: APIRequestContext, code: string, login: string, password: string): Promise<void> {
  const preview = await request.post('/api/invite-codes/preview', { data: { code } });
  expect(preview.status(), await preview.text()).toBe(200);
  const version = ((await preview.json()) as { document: { version: string } }).document.version;
  const redeemed = await request.post('/api/invite-codes/redeem', {
    data: { code, login, password, consent: { documentVersion: version, accepted: true } },
  });
  expect(redeemed.status(), await redeemed.text()).toBe(201);
}

function personItem(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${name}$`) }) });
}

test('the operator recovers a staff member’s access: the register and the slip say so, an old password is refused', async ({
  page,
  request,
}) => {
  test.slow(); // two people, three axe runs
  // A staff member of this test's own, with an account.
  await signIn(page, 'operator');
  await openSection(page, 'Пригласительные коды');
  await page.getByRole('link', { name: 'Коды для сотрудников' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Пригласительные коды: Сотрудники');
  const suffix = Date.now().toString(36);
  const name = 'Громова Лидия';
  await page.getByLabel('Фамилия').fill('Громова');
  await page.getByLabel('Имя', { exact: true }).fill('Лидия');
  await page.getByLabel('Должность').fill('учитель химии');
  await page.getByRole('button', { name: 'Внести и выдать код' }).click();
  const slips = page.getByRole('region', { name: /^Выданные коды/ });
  await expect(slips.locator('.slip-kind')).toHaveText('Пригласительный код');
  const first = (await slips.locator('.slip-code').innerText()).trim();
  const login = `gromova.${suffix}`;
  const password = 'Ximiya-2026!x';
  await redeem(request, first, login, password);

  // She forgot her password: the operator issues a recovery code, after a confirmation.
  await page.reload();
  const person = personItem(page, name).last();
  await expect(person).toContainText('есть учётная запись');
  await expect(person).not.toContainText('код выдаёт школьный оператор'); // the operator is offered everyone
  await person.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Выдать коды (1), из них для восстановления доступа — 1', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Выдать код восстановления доступа?' });
  await expect(confirm).toContainText(`Уже есть учётная запись: ${name}. Код выдаётся для восстановления доступа`);
  await confirm.getByRole('button', { name: 'Выдать коды' }).click();
  const slip = slips.locator('.slip');
  await expect(slip).toHaveCount(1);
  await expect(slip.locator('.slip-kind')).toHaveText('Код восстановления доступа к учётной записи');
  await expect(slip).toContainText(name);
  await expect(slip).toContainText('Логин остаётся прежним');
  const code = (await slip.locator('.slip-code').innerText()).trim();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'recovery-slip-desktop');

  // The register: the recovery code is marked as such, the activation code before it is not.
  await page.getByRole('button', { name: 'Готово, коды распечатаны' }).click();
  const rows = page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  await expect(rows.first()).toContainText('восстановление доступа');
  await expect(rows.first()).toContainText('активен');
  await expect(rows.filter({ hasText: 'использован' }).first()).not.toContainText('восстановление доступа');
  await rows.first().scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'recovery-register-desktop');
  // On the printed form too.
  await page.emulateMedia({ media: 'print' });
  await expect(rows.first().getByText('восстановление доступа')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  // She redeems it: the login stays, a password used before is refused, a new one signs her in.
  await page.getByRole('link', { name: 'У меня есть пригласительный код' }).click();
  await page.getByLabel('Пригласительный код').fill(code);
  await page.getByRole('button', { name: 'Проверить код' }).click();
  await expect(page.getByRole('main')).toContainText(`уже есть учётная запись с логином «${login}»`);
  await page.getByRole('button', { name: 'Продолжить' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Шаг 3 из 3. Задайте новый пароль' })).toBeFocused();
  await expect(page.getByLabel('Логин', { exact: true })).toHaveValue(login);
  await expect(page.getByLabel('Логин', { exact: true })).toHaveAttribute('readonly', '');
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByLabel('Повторите пароль').fill(password);
  await page.getByRole('button', { name: 'Задать пароль и войти' }).click();
  await expect(page.getByRole('alert').first()).toContainText('не из ранее использованных');
  const renewed = 'Ximiya-2027!y';
  await page.getByLabel('Пароль', { exact: true }).fill(renewed);
  await page.getByLabel('Повторите пароль').fill(renewed);
  await page.getByRole('button', { name: 'Задать пароль и войти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Здравствуйте, ${name}!`);

  // «Мои данные»: when the password was last set with a recovery code, and who issued it.
  await page.getByRole('link', { name: 'Мои данные' }).click();
  const sessions = page.getByRole('region', { name: 'Сеансы' });
  await expect(sessions).toContainText(
    /Пароль последний раз установлен по коду восстановления \d\d\.\d\d\.\d{4} в \d\d:\d\d, код выдал\(а\) Соколова Ирина Павловна\. Если это были не вы — обратитесь к школьному оператору\./,
  );
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'my-data-recovery-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await sessions.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'my-data-recovery-phone');
});

test('the class teacher is not offered people who have an account, and is told why', async ({ page }) => {
  await signIn(page, 'teacher');
  await openSection(page, 'Коды для класса');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Пригласительные коды: 5А/);
  await expect(page.getByText('восстановить доступ к учётной записи (например, если забыт пароль) может только школьный оператор')).toBeVisible();
  // The demo student and her father have accounts (the seed links them).
  const people = page.locator('.people');
  const withAccount = people.getByRole('listitem').filter({ hasText: 'есть учётная запись' });
  expect(await withAccount.count()).toBeGreaterThanOrEqual(2);
  await expect(withAccount.getByRole('checkbox')).toHaveCount(0);
  await expect(personItem(page, 'Морозова Анна Дмитриевна').getByRole('checkbox')).toHaveCount(0);
  await expect(personItem(page, 'Морозова Анна Дмитриевна')).toContainText('код выдаёт школьный оператор');
  await expect(personItem(page, 'Морозов Дмитрий Игоревич').getByRole('checkbox')).toHaveCount(0);
  // Everyone else can still be ticked, and contacts can be edited for all.
  const without = people.getByRole('listitem').filter({ hasText: 'нет учётной записи' });
  await expect(without.first().getByRole('checkbox')).toBeVisible();
  await expect(withAccount.first().getByRole('button', { name: /^Изменить контакты: / })).toBeVisible();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'invite-register-class-teacher-desktop');
});

test('a code for someone who made an account meanwhile: the class teacher sees the API’s reason', async ({ page, request }) => {
  await signIn(page, 'teacher');
  await openSection(page, 'Коды для класса');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Пригласительные коды: 5А/);

  // A parent without an account; not the first (the activation test's) nor the last (the users test's).
  const auth = { Authorization: `Bearer ${await accessTokenOf(request, 'teacher')}` };
  const me = (await (await request.get('/api/me', { headers: auth })).json()) as { classTeacherOf: { classId: string }[] };
  const classId = me.classTeacherOf[0]?.classId ?? '';
  const invitees = (await (await request.get(`/api/invitees?scope=class&classId=${encodeURIComponent(classId)}`, { headers: auth })).json()) as {
    people: { personId: string; name: string; kind: string; roles: string[]; state: string }[];
  };
  const parent = invitees.people.filter((p) => p.kind === 'parent' && p.state === 'none').at(-2);
  expect(parent, 'a 5А parent without an account').toBeTruthy();
  const name = parent?.name ?? '';
  const item = personItem(page, name);
  await item.getByRole('checkbox').check();
  await expect(page.getByRole('button', { name: 'Выдать коды (1)', exact: true })).toBeVisible();

  // Meanwhile the parent gets a code (another device) and makes an account with it.
  const issued = await request.post('/api/invite-codes', {
    headers: auth,
    data: { clientRequestId: randomUUID(), scope: { kind: 'class', classId }, invitees: [{ personId: parent?.personId, roles: parent?.roles }] },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  const code = ((await issued.json()) as { codes: { code: string }[] }).codes[0]?.code ?? '';
  await redeem(request, code, `meanwhile.${Date.now().toString(36)}`, 'Meanwhile-2026!x');

  // The page still offered them: the API refuses, and its message is what the teacher reads.
  await page.getByRole('button', { name: 'Выдать коды (1)', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(RECOVERY_BY_OPERATOR);
  await expect(page.getByRole('alert')).toBeInViewport();
  // The list follows: now with an account, no checkbox, nothing ticked.
  await expect(item).toContainText('есть учётная запись');
  await expect(item.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Выдать коды', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Выданные коды/ })).toHaveCount(0);
  await saveScreenshot(page, 'invite-register-refused-desktop');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('the class teacher’s register fits the screen', async ({ page }) => {
    await signIn(page, 'teacher');
    await openSection(page, 'Коды для класса');
    await expect(personItem(page, 'Морозова Анна Дмитриевна')).toContainText('есть учётная запись');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'invite-register-class-teacher-phone');
  });
});
