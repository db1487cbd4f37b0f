import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';
import { expect, openSection, signIn, test } from './support.ts';

// Route splitting (docs/web.md): the sign-in page loads the app's shell only — at most 60 kB of
// JavaScript, gzip — and every page is its own chunk, fetched when first shown; the journal (its
// page and grid) among them. Measured on what the browser actually fetched.

const SIGN_IN_BUDGET = 60_000;

/** The JavaScript files a page fetches from now on, with their gzip size (the server may send them plain). */
function watchScripts(page: Page): { sizes: Map<string, number>; withZod: Set<string>; settled: () => Promise<void> } {
  const sizes = new Map<string, number>();
  // The page takes the regulation's rules from shared/domain's zod-free modules: no schema library in any script.
  const withZod = new Set<string>();
  const pending: Promise<void>[] = [];
  page.on('response', (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    pending.push(
      response.body().then((body) => {
        sizes.set(url.pathname, gzipSync(body, { level: 9 }).length);
        if (body.includes('ZodError')) withZod.add(url.pathname);
      }),
    );
  });
  return { sizes, withZod, settled: async () => void (await Promise.all(pending)) };
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);

test('the sign-in page loads at most 60 kB of JavaScript (gzip) and no page; the journal comes as its own chunk', async ({ page }) => {
  const scripts = watchScripts(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Вход в Классный журнал' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await scripts.settled();
  const signInFiles = [...scripts.sizes.keys()];
  const signInBytes = total(scripts.sizes);
  console.log(`sign-in page: ${signInFiles.length} script(s), ${(signInBytes / 1000).toFixed(1)} kB gzip — ${signInFiles.join(', ')}`);
  expect(signInBytes).toBeLessThanOrEqual(SIGN_IN_BUDGET);
  // No page chunk on the sign-in page: only the shell.
  expect(signInFiles.filter((f) => /\/(JournalPage|JournalList|LessonPage|FinalMarksPage|Home|DiaryWeek|MyDataPage)-/.test(f))).toEqual([]);

  // Signed in, the journal list and then a journal load their own chunks.
  await page.getByLabel('Логин', { exact: true }).fill('teacher');
  await page.getByLabel('Пароль', { exact: true }).fill('Klassny-2026!');
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Здравствуйте, / })).toBeVisible();
  await openSection(page, 'Журнал');
  await page.getByRole('region', { name: 'Мои журналы' }).getByRole('link', { name: '5А · Математика', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^5А · Математика/);
  await scripts.settled();
  const later = [...scripts.sizes.keys()].filter((f) => !signInFiles.includes(f));
  expect(later.some((f) => /\/JournalPage-[\w-]+\.js$/.test(f)), later.join(', ')).toBe(true);
  expect([...scripts.withZod]).toEqual([]);
});

test('a page opened by its address loads its chunk and focuses nothing unexpected', async ({ page }) => {
  await signIn(page, 'teacher');
  await page.goto('/#/me');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Мои данные');
  await page.goto('/#/journal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Журнал');
  // In-app navigation: focus goes to the new page's heading once its chunk is there.
  await page.getByRole('link', { name: 'Главная' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});
