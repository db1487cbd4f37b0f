import { PASSWORD_POLICY } from '../../shared/config/access-settings.ts';
import {
  expect,
  test,
  NAVIGATION,
  ROLE_RU,
  cognitoCall,
  fillSignIn,
  mainNav,
  navTitles,
  navigationOfLogin,
  profileOf,
  runtimeConfig,
  signIn,
  spoilTokens,
  storedAuth,
  storedSession,
  type RoleKey,
} from './support.ts';

const ROLES: RoleKey[] = ['director', 'coordinator', 'operator', 'teacher', 'parent', 'student'];

test.describe('sign-in per role', () => {
  for (const login of ROLES) {
    test(`${login} sees their name, roles and navigation`, async ({ page, request }) => {
      const profile = await profileOf(request, login);
      await signIn(page, login);

      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Здравствуйте, ${profile.displayName}!`);
      const banner = page.getByRole('banner');
      await expect(banner).toContainText(profile.displayName);
      for (const role of profile.roles) await expect(banner).toContainText(new RegExp(ROLE_RU[role], 'i'));
      const config = await runtimeConfig(request);
      await expect(page.getByRole('main')).toContainText(config.schoolName);

      // The coordinator also teaches: the default (most senior) role decides the navigation.
      expect(await navTitles(page)).toEqual(navigationOfLogin(login));
      await expect(mainNav(page).getByRole('link', { name: 'Главная' })).toHaveAttribute('aria-current', 'page');

      // The tokens are the tab's: sessionStorage only, nothing in localStorage.
      const stored = await storedAuth(page);
      expect(Object.keys(stored.session)).toEqual(['klassny.session']);
      expect(Object.keys(stored.local)).toEqual([]);
    });
  }

  test('a section opens from the navigation; none is a placeholder', async ({ page }) => {
    await signIn(page, 'teacher');
    await mainNav(page).getByRole('link', { name: 'Журнал' }).click();
    await expect(page).toHaveURL(/#\/journal$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
    await expect(mainNav(page).getByRole('link', { name: 'Журнал' })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(/^Журнал — Классный журнал/);

    // Reloading keeps the session and the page.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');

    // Sections still to come are neither offered nor pages: an old address finds nothing.
    await page.goto('/#/schedule');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
    await expect(page.getByText('Раздел в разработке')).toHaveCount(0);
    // No link to the raw API description in anyone's footer.
    await expect(page.getByRole('contentinfo').getByRole('link')).toHaveCount(0);
  });
});

test('a wrong password is refused and stores no token', async ({ page }) => {
  await page.goto('/');
  await fillSignIn(page, 'teacher', 'Wrong-password-1!');
  await expect(page.getByRole('alert')).toContainText('Неверный логин или пароль');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  const stored = await storedAuth(page);
  expect(stored).toEqual({ session: {}, local: {} });
});

test('the coordinator switches role and the navigation follows', async ({ page }) => {
  await signIn(page, 'coordinator');
  const roleSelect = page.getByLabel('Роль', { exact: true });
  await expect(roleSelect).toHaveValue('coordinator');
  expect(await navTitles(page)).toEqual(NAVIGATION.coordinator);

  await roleSelect.selectOption('teacher');
  await expect(mainNav(page).getByRole('link', { name: 'Журнал' })).toBeVisible();
  expect(await navTitles(page)).toEqual(NAVIGATION.teacher);
  await expect(page.getByRole('main')).toContainText('Текущая роль');
  await expect(page.getByRole('main')).toContainText('учитель');

  // The choice is remembered.
  await page.reload();
  await expect(page.getByLabel('Роль', { exact: true })).toHaveValue('teacher');
  expect(await navTitles(page)).toEqual(NAVIGATION.teacher);

  // A section of the other role is not offered; switching back leaves it for the home page.
  await mainNav(page).getByRole('link', { name: 'Журнал' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
  await page.getByLabel('Роль', { exact: true }).selectOption('coordinator');
  await expect(page).toHaveURL(/#\/$/);
  expect(await navTitles(page)).toEqual(NAVIGATION.coordinator);
});

test('a single-role user gets no role switch', async ({ page }) => {
  await signIn(page, 'teacher');
  await expect(page.getByLabel('Роль', { exact: true })).toHaveCount(0);
});

test('the newcomer sets a new password and gets in', async ({ page, request }) => {
  await page.goto('/');
  await fillSignIn(page, 'newcomer', 'Temp-2026!');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Задайте новый пароль');
  await expect(page.getByLabel('Новый пароль', { exact: true })).toBeFocused();

  // Mismatch is caught before asking Cognito.
  await page.getByLabel('Новый пароль', { exact: true }).fill('Novyi-Parol-2026!');
  await page.getByLabel('Повторите новый пароль', { exact: true }).fill('Novyi-Parol-2027!');
  await page.getByRole('button', { name: 'Сохранить и войти' }).click();
  await expect(page.getByRole('alert')).toContainText('Пароли не совпадают');

  // Cognito's password policy is explained in Russian.
  await page.getByLabel('Новый пароль', { exact: true }).fill('простой');
  await page.getByLabel('Повторите новый пароль', { exact: true }).fill('простой');
  await page.getByRole('button', { name: 'Сохранить и войти' }).click();
  await expect(page.getByRole('alert')).toContainText(`не менее ${PASSWORD_POLICY.minLength} символов`);

  await page.getByLabel('Новый пароль', { exact: true }).fill('Novyi-Parol-2026!');
  await page.getByLabel('Повторите новый пароль', { exact: true }).fill('Novyi-Parol-2026!');
  await page.getByRole('button', { name: 'Сохранить и войти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
  expect(await navTitles(page)).toEqual(NAVIGATION.teacher);

  // The new password is now the password.
  const profile = await profileOf(request, 'newcomer', 'Novyi-Parol-2026!');
  await expect(page.getByRole('banner')).toContainText(profile.displayName);
});

test('signing out ends the session for good', async ({ page, request }) => {
  await signIn(page, 'teacher');
  const session = await storedSession(page);
  const refreshToken = session.refreshToken ?? '';
  expect(session.accessToken).toBeTruthy();
  expect(refreshToken).toBeTruthy();

  await page.getByRole('button', { name: 'Выйти' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await expect(page.getByText('Вы вышли из системы.')).toBeVisible();
  expect(await storedAuth(page)).toEqual({ session: {}, local: {} });

  // The page cannot get back in without signing in.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await page.goto('/#/journal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');

  // «Выйти» revoked this device's session (RevokeToken): its refresh token renews nothing…
  const config = await runtimeConfig(request);
  const refreshed = await cognitoCall(request, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  expect(refreshed.status).toBe(400);
  expect(refreshed.json['__type']).toBe('NotAuthorizedException');
  // …and its access token is refused by Cognito.
  const user = await cognitoCall(request, 'GetUser', { AccessToken: session.accessToken });
  expect(user.status).toBe(400);
  expect(user.json['__type']).toBe('NotAuthorizedException');

  // The page holds no token any more: opening it again makes no authorised API call.
  const authorised: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/') && r.headers()['authorization']) authorised.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  expect(authorised).toEqual([]);

  // Note: like API Gateway's JWT authorizer, the API does not check revocation, so the old
  // access token itself stays valid until it expires. Recorded here, not asserted.
  const me = await request.get('/api/me', { headers: { Authorization: `Bearer ${session.accessToken}` } });
  test.info().annotations.push({ type: 'revoked access token on /api/me', description: `HTTP ${me.status()}` });
});

test('a refused access token is refreshed once; a refused refresh token leads to sign-in', async ({ page }) => {
  await signIn(page, 'student');
  // Spoil the access token (it still looks unexpired): /api/me answers 401, the page refreshes and retries.
  await spoilTokens(page, 'access');
  const statuses: number[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/me')) statuses.push(r.status());
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
  expect(statuses).toEqual([401, 200]);
  const refreshed = await storedAuth(page);
  expect(refreshed.session['klassny.session']).not.toContain('spoiled');

  await spoilTokens(page, 'both');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Вход в Классный журнал');
  await expect(page.getByText('Сеанс завершён. Войдите снова.')).toBeVisible();
  expect(await storedAuth(page)).toEqual({ session: {}, local: {} });
});

test('/api/me without a token answers 401 the way API Gateway does', async ({ request }) => {
  // An HTTP API's JWT authorizer answers by itself; its body cannot be customised
  // (shared/api/errors.ts: gatewayUnauthorizedSchema, documented in the OpenAPI).
  const response = await request.get('/api/me');
  expect(response.status()).toBe(401);
  expect(response.headers()['content-type']).toMatch(/application\/json/);
  expect(await response.json()).toEqual({ message: 'Unauthorized' });
});

test('/api/me with an ID token instead of an access token answers 401 UNAUTHENTICATED', async ({ request }) => {
  const config = await runtimeConfig(request);
  const auth = await cognitoCall(request, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: 'student', PASSWORD: 'Klassny-2026!' },
  });
  const idToken = (auth.json['AuthenticationResult'] as { IdToken: string }).IdToken;
  const response = await request.get('/api/me', { headers: { Authorization: `Bearer ${idToken}` } });
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { error: { code: string; message: string; requestId?: string } };
  expect(body.error.code).toBe('UNAUTHENTICATED');
  expect(body.error.message).toMatch(/[а-яё]/i);
});
