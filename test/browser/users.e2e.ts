import { createHmac, randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  expect,
  test,
  NAVIGATION,
  accessTokenOf,
  expectNoAxeViolations,
  fillSignIn,
  navTitles,
  openSection,
  saveScreenshot,
  signIn,
  storedAuth,
} from './support.ts';

/**
 * An account of this test's own, so that disabling it disturbs no other test: the class teacher
 * issues a code to a parent of 5А, and the code is redeemed (through the API, as the page does).
 */
async function newParentAccount(request: APIRequestContext): Promise<{ login: string; password: string; name: string }> {
  const auth = { Authorization: `Bearer ${await accessTokenOf(request, 'teacher')}` };
  const me = (await (await request.get('/api/me', { headers: auth })).json()) as { classTeacherOf: { classId: string }[] };
  const classId = me.classTeacherOf[0]?.classId;
  expect(classId).toBeTruthy();
  const query = `scope=class&classId=${encodeURIComponent(classId ?? '')}`;
  const invitees = (await (await request.get(`/api/invitees?${query}`, { headers: auth })).json()) as {
    people: { personId: string; name: string; kind: string; roles: string[]; state: string }[];
  };
  // The last parent without an account (the activation test takes the first).
  const person = invitees.people.filter((p) => p.kind === 'parent' && p.state === 'none').at(-1);
  expect(person).toBeTruthy();
  const issued = await request.post('/api/invite-codes', {
    headers: auth,
    data: { clientRequestId: randomUUID(), scope: { kind: 'class', classId }, invitees: [{ personId: person?.personId, roles: person?.roles }] },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  const code = ((await issued.json()) as { codes: { code: string }[] }).codes[0]?.code;
  const preview = await request.post('/api/invite-codes/preview', { data: { code } });
  expect(preview.status(), await preview.text()).toBe(200);
  const version = ((await preview.json()) as { document: { version: string } }).document.version;
  const login = `disable.me.${Date.now().toString(36)}`;
  const password = 'Otklyuchit-2026!';
  const redeemed = await request.post('/api/invite-codes/redeem', {
    data: { code, login, password, consent: { documentVersion: version, accepted: true } },
  });
  expect(redeemed.status(), await redeemed.text()).toBe(201);
  return { login, password, name: person?.name ?? '' };
}

test('the operator disables an account: its open session ends at its next request', async ({ newContext, request }) => {
  test.slow(); // three people, two axe runs
  const account = await newParentAccount(request);

  // The user, signed in on two devices; «Выйти» on one leaves the other signed in.
  const laptop = await newContext();
  const phone = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const user = await laptop.newPage();
  const other = await phone.newPage();
  await signIn(user, account.login, account.password);
  await signIn(other, account.login, account.password);
  await other.getByRole('button', { name: 'Выйти', exact: true }).click();
  await expect(other.getByText('Вы вышли из системы.')).toBeVisible();
  await user.getByRole('link', { name: 'Мои данные' }).click();
  await expect(user.getByRole('heading', { level: 1 })).toHaveText('Мои данные');
  await expect(user.getByRole('main')).toContainText(account.login);

  // The operator finds and disables it.
  const operatorContext = await newContext();
  const operator = await operatorContext.newPage();
  await signIn(operator, 'operator');
  await openSection(operator, 'Пользователи');
  await expect(operator.getByRole('heading', { level: 1 })).toHaveText('Пользователи');
  await operator.getByLabel('Логин или ФИО').fill(account.login);
  const row = operator.getByRole('row').filter({ hasText: account.login });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('активна');
  await expectNoAxeViolations(operator);
  await saveScreenshot(operator, 'users-desktop');
  await row.getByRole('button', { name: `Отключить: ${account.name}` }).click();
  const dialog = operator.getByRole('dialog', { name: 'Отключить учётную запись?' });
  await expect(dialog).toContainText(account.login);
  await dialog.getByRole('button', { name: 'Отключить' }).click();
  await expect(row).toContainText('отключена оператором');
  await expect(operator.getByText(/учётная запись отключена\.$/)).toBeVisible();
  await expect(row.getByRole('button', { name: `Включить: ${account.name}` })).toBeFocused();

  // The user's next request is refused: back to sign-in, told why.
  await user.getByRole('link', { name: 'Главная' }).click();
  const refused = user.waitForResponse((r) => r.url().endsWith('/api/me') && r.status() === 401);
  await user.getByRole('link', { name: 'Мои данные' }).click();
  const body = (await (await refused).json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('SESSION_ENDED');
  await expect(user.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await expect(user.getByRole('status')).toHaveText(body.error.message);
  expect(await storedAuth(user)).toEqual({ session: {}, local: {} });
  // Signing in again is refused with the one message that reveals nothing.
  await fillSignIn(user, account.login, account.password);
  await expect(user.getByRole('alert')).toContainText('Неверный логин или пароль.');

  // The consent given at redemption is in the operator's register, newest first.
  await openSection(operator, 'Согласия');
  await expect(operator.getByRole('heading', { level: 1 })).toHaveText('Согласия');
  // Their own consent (their children's rows name them as the signer).
  const consent = operator.getByRole('row').filter({ has: operator.getByRole('button', { name: `Отозвать согласие: ${account.name}` }) });
  await expect(consent).toHaveCount(1);
  // Given online: a readable phrase; the request came from a script, so no browser is named.
  await expect(consent.locator('td.from > span').first()).toHaveText(/^онлайн, с адреса [\d.:a-f]+ \(браузер не определён\)$/);
  await expectNoAxeViolations(operator);
  await saveScreenshot(operator, 'consents-desktop');

  await Promise.all([laptop.close(), phone.close(), operatorContext.close()]);
});

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret, as an authenticator app computes it. */
function totp(secret: string, now = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('a new staff member: the operator registers them, they turn on the app code and sign in with it', async ({ page, request }) => {
  test.slow();
  // The operator's staff register: «Новый сотрудник» issues the code at once.
  await signIn(page, 'operator');
  await openSection(page, 'Пригласительные коды');
  await page.getByRole('link', { name: 'Коды для сотрудников' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Пригласительные коды: Сотрудники');
  const lastName = 'Сергеева';
  await page.getByLabel('Фамилия').fill(lastName);
  await page.getByLabel('Имя', { exact: true }).fill('Вера');
  await page.getByLabel('Должность').fill('учитель физики');
  await page.getByRole('button', { name: 'Внести и выдать код' }).click();
  const slip = page.getByRole('region', { name: /^Выданные коды/ }).locator('.slip');
  await expect(slip).toContainText(lastName);
  await expect(slip).toContainText('учитель');
  const code = (await slip.locator('.slip-code').innerText()).trim();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'invite-register-staff-desktop');
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  // They redeem it (the activation page is covered in activation.e2e.ts) and sign in.
  const preview = (await (await request.post('/api/invite-codes/preview', { data: { code } })).json()) as { document: { version: string } };
  const login = `fizik.${Date.now().toString(36)}`;
  const password = 'Fizika-2026!x';
  const redeemed = await request.post('/api/invite-codes/redeem', {
    data: { code, login, password, consent: { documentVersion: preview.document.version, accepted: true } },
  });
  expect(redeemed.status(), await redeemed.text()).toBe(201);
  await signIn(page, login, password);

  // «Мои данные»: the authenticator app.
  await page.getByRole('link', { name: 'Мои данные' }).click();
  const mfa = page.getByRole('region', { name: 'Вход с кодом из приложения' });
  await expect(mfa).toContainText('не включён');
  await mfa.getByRole('button', { name: 'Подключить приложение' }).click();
  await expect(page.getByRole('heading', { name: 'Подключение приложения' })).toBeFocused();
  await expect(mfa.getByRole('img', { name: 'QR-код для приложения-аутентификатора' })).toBeVisible();
  const secret = (await mfa.locator('.secret').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(mfa.getByRole('link', { name: 'откройте ссылку в приложении' })).toHaveAttribute(
    'href',
    `otpauth://totp/Klassny:${login}?secret=${secret}&issuer=Klassny`,
  );
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'my-data-mfa-desktop');
  await mfa.getByLabel('Код из приложения').fill('000000' === totp(secret) ? '111111' : '000000');
  await mfa.getByRole('button', { name: 'Подтвердить и включить' }).click();
  await expect(mfa.getByText('Неверный код.', { exact: false })).toBeVisible();
  await mfa.getByLabel('Код из приложения').fill(totp(secret));
  await mfa.getByRole('button', { name: 'Подтвердить и включить' }).click();
  await expect(mfa).toContainText('Включён.');

  // From now on the password alone is not enough.
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();
  await fillSignIn(page, login, password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Код подтверждения');
  await page.getByLabel('Код', { exact: true }).fill(totp(secret));
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
});

test('the director reads users and consents, the coordinator users — without changing anything', async ({ page }) => {
  test.slow(); // two people, two axe runs
  await signIn(page, 'director');
  expect(await navTitles(page)).toEqual(NAVIGATION.director);
  await openSection(page, 'Пользователи');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Пользователи');
  const users = page.getByRole('table', { name: 'Учётные записи' });
  await expect(users.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Отключить или включить учётную запись может школьный оператор.');
  await expect(page.getByRole('main').getByRole('button', { name: /^(Отключить|Включить)/ })).toHaveCount(0);
  await expect(users.getByRole('columnheader')).toHaveCount(5);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'users-director-desktop');

  await openSection(page, 'Согласия');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Согласия');
  await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Отзыв по письменному заявлению оформляет школьный оператор');
  await expect(page.getByRole('main').getByRole('button', { name: /^Отозвать/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  await signIn(page, 'coordinator');
  await openSection(page, 'Пользователи');
  await expect(page.getByRole('table', { name: 'Учётные записи' }).getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('main').getByRole('button', { name: /^(Отключить|Включить)/ })).toHaveCount(0);
});

/** The site's config with a staff idle time of `minutes` (as a deployment may set it). */
async function withStaffIdleMinutes(page: Page, minutes: number): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...json, staffIdleMinutes: minutes } });
  });
}

test('a staff session ends after the idle time, with a warning first; a parent’s does not', async ({ page, newContext }) => {
  // Ten minutes from the config; the page's clock is moved on by the test.
  await withStaffIdleMinutes(page, 10);
  await page.clock.install();
  await signIn(page, 'teacher');
  const warning = page.getByRole('alertdialog', { name: 'Скоро выход из системы' });
  await page.clock.fastForward('07:50');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('00:11');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Вы не работали 8 минут. Через 2 минуты выполнится выход из системы на этом устройстве');
  await expect(warning.getByRole('button', { name: 'Продолжить работу' })).toBeFocused();
  await expectNoAxeViolations(page);
  await saveScreenshot(page, 'idle-warning-desktop');
  await warning.getByRole('button', { name: 'Продолжить работу' }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Counting starts again; this time nobody answers.
  await page.clock.fastForward('07:50');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('00:11');
  await expect(warning).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await expect(page.getByRole('status')).toHaveText('Вы не работали 10 минут, поэтому выход из системы выполнен автоматически. Войдите снова.');
  expect(await storedAuth(page)).toEqual({ session: {}, local: {} });

  // A parent is not timed out.
  const context = await newContext();
  const parent = await context.newPage();
  await withStaffIdleMinutes(parent, 10);
  await parent.clock.install();
  await signIn(parent, 'parent');
  await parent.clock.fastForward('30:00');
  await expect(parent.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
  await expect(parent.getByRole('alertdialog')).toHaveCount(0);
  await context.close();
});
