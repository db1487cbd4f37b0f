import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type APIRequestContext, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';

// The callbacks given to page.evaluate() run in the browser. The root tsconfig is Node-only
// (no DOM lib, on purpose: the functions must not see browser globals), so the few browser
// globals used here are declared in this module only.
type BrowserStorage = {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};
type BrowserStyle = { outlineStyle: string; color: string; backgroundColor: string };
declare const sessionStorage: BrowserStorage;
declare const localStorage: BrowserStorage;
declare const window: { innerWidth: number };
declare const document: { documentElement: { scrollWidth: number }; body: unknown };
declare function getComputedStyle(element: unknown): BrowserStyle;

/**
 * The site's Content-Security-Policy must hold while it is used: every `securitypolicyviolation`
 * event a page of the context raises (a blocked inline `<style>`, `style="…"` attribute, script,
 * connection …) is collected. Chromium raises it for each blocked thing, so an empty list means
 * nothing was blocked.
 */
export async function watchCsp(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding('__klassnyCspViolation', ({ page }, text: string) => {
    violations.push(`${page?.url() ?? '?'}: ${text}`);
  });
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      window.__klassnyCspViolation([e.effectiveDirective, e.blockedURI || '(inline)', e.sample, e.sourceFile + ':' + e.lineNumber].join(' '));
    });`,
  });
}

type Fixtures = {
  /** The CSP violations of this test's pages; the test fails when there is any. */
  cspViolations: string[];
  /** Another browser (context) whose pages are watched for CSP violations too; closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};

/** Playwright's `test`, with every page of the test watched for CSP violations. */
export const test = base.extend<Fixtures>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await watchCsp(context, violations);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  newContext: async ({ browser, cspViolations }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      await watchCsp(context, cspViolations);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});
export { expect };

/** The demo accounts the local server seeds (infra/local/seed/demo-accounts.ts). */
export const DEMO_PASSWORD = 'Klassny-2026!';

export type RoleKey = 'director' | 'coordinator' | 'operator' | 'teacher' | 'student' | 'parent';

/**
 * Each role's navigation, in order, as the web shows it (a teacher who leads no class). Only
 * sections that work are offered: none leads to a «Раздел в разработке» page.
 */
export const NAVIGATION: Record<RoleKey, string[]> = {
  teacher: ['Главная', 'Журнал', 'Отчёты'],
  student: ['Главная', 'Дневник', 'Оценки', 'Уведомления'],
  parent: ['Главная', 'Дети и дневник', 'Оценки', 'Уведомления'],
  operator: ['Главная', 'Пользователи', 'Пригласительные коды', 'Согласия', 'Дистанционные дни', 'Отчёты', 'Контроль'],
  coordinator: ['Главная', 'Контроль журнала', 'Классы', 'Пользователи', 'Дистанционные дни', 'Отчёты', 'Контроль'],
  director: ['Главная', 'Контроль журнала', 'Классы', 'Пользователи', 'Согласия', 'Дистанционные дни', 'Отчёты', 'Контроль'],
};

/** A class teacher's navigation (the demo `teacher` leads 5А): «Коды для класса» after «Журнал». */
export const CLASS_TEACHER_NAVIGATION = ['Главная', 'Журнал', 'Коды для класса', 'Отчёты'];

/** The navigation a demo login sees with its default role. */
export function navigationOfLogin(login: RoleKey): string[] {
  return login === 'teacher' ? CLASS_TEACHER_NAVIGATION : NAVIGATION[login];
}

export const ROLE_RU: Record<RoleKey, string> = {
  director: 'директор',
  coordinator: 'координатор',
  operator: 'оператор',
  teacher: 'учитель',
  student: 'обучающийся',
  parent: 'родитель',
};

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

export type RuntimeConfig = {
  apiUrl: string;
  cognitoEndpoint: string;
  userPoolClientId: string;
  schoolName: string;
};

export async function runtimeConfig(request: APIRequestContext): Promise<RuntimeConfig> {
  const response = await request.get('/config.json');
  expect(response.ok()).toBe(true);
  return (await response.json()) as RuntimeConfig;
}

/** Calls Cognito's JSON API directly (as the web does), outside the browser. */
/** Signs in through Cognito outside the browser: the access token for API calls. */
export async function accessTokenOf(request: APIRequestContext, login: string, password = DEMO_PASSWORD): Promise<string> {
  const config = await runtimeConfig(request);
  const auth = await cognitoCall(request, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: login, PASSWORD: password },
  });
  expect(auth.status, JSON.stringify(auth.json)).toBe(200);
  return (auth.json['AuthenticationResult'] as { AccessToken: string }).AccessToken;
}

export async function cognitoCall(
  request: APIRequestContext,
  target: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const config = await runtimeConfig(request);
  const response = await request.post(config.cognitoEndpoint, {
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
    },
    data: JSON.stringify(body),
  });
  return { status: response.status(), json: (await response.json()) as Record<string, unknown> };
}

/** The profile the API reports for a demo account (so tests do not hard-code names). */
export async function profileOf(
  request: APIRequestContext,
  login: string,
  password = DEMO_PASSWORD,
): Promise<{ displayName: string; roles: RoleKey[] }> {
  const config = await runtimeConfig(request);
  const auth = await cognitoCall(request, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: login, PASSWORD: password },
  });
  expect(auth.status, JSON.stringify(auth.json)).toBe(200);
  const token = (auth.json['AuthenticationResult'] as { AccessToken: string }).AccessToken;
  const me = await request.get('/api/me', { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  return (await me.json()) as { displayName: string; roles: RoleKey[] };
}

export async function fillSignIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
}

/** Opens the site and signs in; resolves once the home page shows the greeting. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Вход в Классный журнал' })).toBeVisible();
  await fillSignIn(page, login, password);
  await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Разделы' });
}

export async function navTitles(page: Page): Promise<string[]> {
  return (await mainNav(page).getByRole('link').allTextContents()).map((t) => t.trim());
}

/** Every Klassny key in both storages of the page. */
export async function storedAuth(page: Page): Promise<{ session: Record<string, string>; local: Record<string, string> }> {
  return page.evaluate(() => {
    const pick = (storage: BrowserStorage) => {
      const out: Record<string, string> = {};
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key && /session|token/i.test(key)) out[key] = storage.getItem(key) ?? '';
      }
      return out;
    };
    return { session: pick(sessionStorage), local: pick(localStorage) };
  });
}

/** Everything in the page's two storages, every key (not only Klassny's). */
export async function storageContents(page: Page): Promise<{ session: Record<string, string>; local: Record<string, string> }> {
  return page.evaluate(() => {
    const all = (storage: BrowserStorage) => {
      const out: Record<string, string> = {};
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key !== null) out[key] = storage.getItem(key) ?? '';
      }
      return out;
    };
    return { session: all(sessionStorage), local: all(localStorage) };
  });
}

/** This tab's tokens as the web keeps them (sessionStorage `klassny.session`). */
export type StoredSession = { accessToken: string; refreshToken?: string; issuedAt: number; expiresAt: number; idToken?: string };

export async function storedSession(page: Page): Promise<StoredSession> {
  const raw = (await storedAuth(page)).session['klassny.session'];
  expect(raw, 'the tab keeps its session in sessionStorage').toBeTruthy();
  return JSON.parse(raw ?? '{}') as StoredSession;
}

/** Spoils the stored access token (and optionally the refresh token) to simulate refusal. */
export async function spoilTokens(page: Page, mode: 'access' | 'both'): Promise<void> {
  await page.evaluate((which) => {
    const session = JSON.parse(sessionStorage.getItem('klassny.session') ?? '{}') as Record<string, unknown>;
    const spoiled = which === 'both' ? { accessToken: 'spoiled', refreshToken: 'spoiled' } : { accessToken: 'spoiled' };
    sessionStorage.setItem('klassny.session', JSON.stringify({ ...session, ...spoiled }));
  }, mode);
}

/** A4 in PDF points, as Chromium prints it. */
export const A4_LANDSCAPE = { width: 842, height: 595 };
export const A4_PORTRAIT = { width: 595, height: 842 };

/** The first page's size in points (its MediaBox, rounded), from `page.pdf({ preferCSSPageSize: true })`. */
export function pdfPageSize(pdf: Buffer): { width: number; height: number } {
  const box = /\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(box, 'the PDF names its page size').not.toBeNull();
  const [x0, y0, x1, y1] = (box ?? []).slice(1).map(Number) as [number, number, number, number];
  return { width: Math.round(x1 - x0), height: Math.round(y1 - y0) };
}

/** How many pixels the page is wider than the viewport (0 or less = no horizontal scroll). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

export function outlineStyle(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).outlineStyle);
}

export function pageColors(page: Page): Promise<{ color: string; background: string }> {
  return page.evaluate(() => ({
    color: getComputedStyle(document.body).color,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
}

/** axe with the WCAG 2.1 AA rules: the list of violations must be empty. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** Signs in and opens a section from the navigation (through «Меню» on a phone). */
export async function openSection(page: Page, title: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Меню' });
  if (await menu.isVisible()) await menu.click();
  await mainNav(page).getByRole('link', { name: title, exact: true }).click();
}
