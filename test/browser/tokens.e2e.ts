import type { APIRequestContext, Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  cognitoCall,
  expect,
  fillSignIn,
  runtimeConfig,
  signIn,
  storageContents,
  storedSession,
  test,
} from './support.ts';

/**
 * Tokens on a shared school computer (docs/web.md, «Tokens»): they live in the tab
 * (sessionStorage), never in localStorage, so a closed tab or a sign-out leaves nothing behind
 * and another tab or window has to sign in by itself.
 */

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;
const SIGN_IN_HEADING = 'Вход в Классный журнал';

async function refreshRefused(request: APIRequestContext, refreshToken: string): Promise<boolean> {
  const config = await runtimeConfig(request);
  const answer = await cognitoCall(request, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return answer.status === 400 && answer.json['__type'] === 'NotAuthorizedException';
}

/** No key or value of localStorage holds a token: no JWT, not this session's tokens. */
async function expectNoTokenInLocalStorage(page: Page, tokens: string[]): Promise<void> {
  const { local } = await storageContents(page);
  for (const [key, value] of Object.entries(local)) {
    const entry = `${key}=${value}`;
    expect(entry, `localStorage ${key}`).not.toMatch(JWT);
    for (const token of tokens) expect(entry, `localStorage ${key}`).not.toContain(token);
  }
  expect(Object.keys(local).every((key) => key === 'klassny.role' || key.startsWith('klassny.lastActivity.'))).toBe(true);
}

test('tokens stay in the tab: none in localStorage, a new tab or window signs in by itself, sign-out leaves nothing', async ({
  page,
  context,
  newContext,
  request,
}) => {
  await signIn(page, 'teacher');
  const session = await storedSession(page);
  expect(session.accessToken).toMatch(JWT);
  expect(session.refreshToken).toBeTruthy();
  expect(session).not.toHaveProperty('idToken'); // Cognito's ID token is not kept: nothing reads it
  const refreshToken = session.refreshToken ?? '';
  await expectNoTokenInLocalStorage(page, [session.accessToken, refreshToken]);
  // The activity shared with other tabs is only a time.
  const { local } = await storageContents(page);
  for (const [key, value] of Object.entries(local)) if (key.startsWith('klassny.lastActivity.')) expect(value).toMatch(/^\d+$/);

  // A reload keeps the tab's session.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();

  // Another tab of the same browser has its own (empty) sessionStorage: it is not signed in and
  // makes no authorised call.
  const authorised: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('/api/') && r.frame().page() !== page && r.headers()['authorization']) authorised.push(r.url());
  });
  const secondTab = await context.newPage();
  await secondTab.goto('/');
  await expect(secondTab.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
  expect((await storageContents(secondTab)).session).toEqual({});
  expect(authorised).toEqual([]);

  // Another window (a new browser context: nothing of this one's storage) is not signed in either.
  const otherBrowser = await newContext();
  const otherWindow = await otherBrowser.newPage();
  await otherWindow.goto('/#/journal');
  await expect(otherWindow.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
  expect(await storageContents(otherWindow)).toEqual({ session: {}, local: {} });

  // The second tab signs in by itself (as the same teacher); a third one as a parent.
  await fillSignIn(secondTab, 'teacher', DEMO_PASSWORD);
  await expect(secondTab.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
  const secondRefreshToken = (await storedSession(secondTab)).refreshToken ?? '';
  expect(secondRefreshToken).toBeTruthy();
  expect(secondRefreshToken).not.toBe(refreshToken);
  const parentTab = await context.newPage();
  await signIn(parentTab, 'parent');

  // «Выйти» in the first tab: its sessionStorage is empty, its refresh token revoked …
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
  await expect(page.getByText('Вы вышли из системы.')).toBeVisible();
  expect((await storageContents(page)).session).toEqual({});
  await expectNoTokenInLocalStorage(page, [session.accessToken, refreshToken]);
  expect(await refreshRefused(request, refreshToken)).toBe(true);
  // … the teacher's other tab follows (and revokes its own), the parent's tab stays signed in.
  await expect(secondTab.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
  await expect(secondTab.getByText('Вы вышли из системы в другой вкладке.')).toBeVisible();
  expect((await storageContents(secondTab)).session).toEqual({});
  await expect.poll(() => refreshRefused(request, secondRefreshToken)).toBe(true);
  await parentTab.reload();
  await expect(parentTab.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
  await parentTab.close();
  await secondTab.close();
});

test('a refresh token an earlier version left in localStorage is removed when the site opens', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
  await page.evaluate(() => {
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'klassny.refreshToken',
      'left-by-an-earlier-version',
    );
  });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SIGN_IN_HEADING);
  expect((await storageContents(page)).local).not.toHaveProperty('klassny.refreshToken');
});
