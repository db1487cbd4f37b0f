/**
 * The browser series: the journal page in Debian's Chromium against the benchmark's stack —
 * how soon the grid is drawn once its data has arrived, and how soon a keystroke is painted.
 *
 * - The teacher's real journal (the bench's target: a class × subject × period of the demo
 *   school), opened by reloading the page: its data → first screen, → every row, and the page's
 *   start → first screen.
 * - A 35-student × 60-lesson journal: the same page, the same request, answered with a
 *   generated journal of that size (web/src/lib/grid/test-journal.ts) in place of the real one.
 *   Its writes are answered 503 by the route, so typing reaches no data.
 * - Keystrokes in the 35 × 60 grid: from the key's event to the frame painted after it (a
 *   message posted from the next animation frame is handled once that frame is on screen).
 *
 * The page marks `journal:data` when the answer arrives, `journal:drawn` when the first screen
 * is painted and `journal:complete` when every row is (JournalPage.svelte, JournalGrid.svelte).
 */
import { chromium, type Page } from '@playwright/test';
import { ensureWebBuilt } from '#infra/local/web-build.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';
import type { ClassJournal } from '../web/src/lib/journal.ts';
import { testJournal, testJournalAs } from '../web/src/lib/grid/test-journal.ts';
import { quantile } from './stats.ts';

export type Series = { n: number; p50: number; p95: number; max: number };
export type BrowserResult = {
  chromium: string;
  real: { students: number; lessons: number; dataToFirstScreen: Series; dataToComplete: Series; startToFirstScreen: Series };
  large: { students: number; lessons: number; dataToFirstScreen: Series; dataToComplete: Series };
  keystroke: Series;
};

/** What the bench gives: where the site is, who signs in, which journal. */
export type BrowserTarget = { port: number; login: string; journal: { groupId: string; subjectId: string; periodId: string } };

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function series(values: number[]): Series {
  const round = (v: number) => Math.round(v * 10) / 10;
  return { n: values.length, p50: round(quantile(values, 0.5)), p95: round(quantile(values, 0.95)), max: round(Math.max(...values)) };
}

/** Reloads and reads the page's marks: data → first screen, data → every row, start → first screen. */
async function drawTimes(page: Page, reloads: number): Promise<{ first: number[]; complete: number[]; fromStart: number[]; size: { students: number; lessons: number } }> {
  const first: number[] = [];
  const complete: number[] = [];
  const fromStart: number[] = [];
  let size = { students: 0, lessons: 0 };
  for (let i = 0; i < reloads; i++) {
    await page.reload();
    await page.waitForFunction(`performance.getEntriesByName('journal:complete').length > 0`, undefined, { timeout: 30_000 });
    const t = (await page.evaluate(`(() => {
      const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      const grid = document.querySelector('[role="grid"]');
      return {
        data: at('journal:data'),
        drawn: at('journal:drawn'),
        complete: at('journal:complete'),
        students: grid?.querySelectorAll('tbody tr').length ?? 0,
        lessons: grid?.querySelectorAll('thead th.lesson').length ?? 0,
      };
    })()`)) as { data: number; drawn: number; complete: number; students: number; lessons: number };
    first.push(t.drawn - t.data);
    complete.push(t.complete - t.data);
    fromStart.push(t.drawn);
    size = { students: t.students, lessons: t.lessons };
  }
  return { first, complete, fromStart, size };
}

async function signIn(page: Page, base: string, login: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Здравствуйте, / }).waitFor();
}

/** Key → painted frame, for each key pressed in the focused grid. */
async function keystrokes(page: Page, count: number): Promise<number[]> {
  await page.locator('[role="grid"] tbody tr').first().locator('td.cell').last().click();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    // Browser code as text: this file is compiled without the DOM's types.
    await page.evaluate(`(() => {
      globalThis.t0 = undefined;
      globalThis.t1 = undefined;
      addEventListener('keydown', (event) => {
        globalThis.t0 = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => (globalThis.t1 = performance.now());
          channel.port2.postMessage(0);
        });
      }, { capture: true, once: true });
    })()`);
    // A digit opens the cell with it; Enter writes it and moves down (the next cell).
    await page.keyboard.press(i % 2 === 0 ? String((i % 5) + 1) : 'Enter');
    await page.waitForFunction('globalThis.t1 !== undefined');
    times.push((await page.evaluate('globalThis.t1 - globalThis.t0')) as number);
  }
  return times;
}

export async function measureBrowser(root: string, target: BrowserTarget, say: (line: string) => void, plan = { reloads: 10, keys: 30 }): Promise<BrowserResult> {
  await ensureWebBuilt(root, say);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // bypassCSP: Playwright's waitForFunction evaluates its text in the page, which the site's CSP
    // (no 'unsafe-eval') refuses; the policy does not change how the grid is drawn.
    const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1280, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    const base = `http://127.0.0.1:${target.port}/`;
    await signIn(page, base, target.login);
    const j = target.journal;
    await page.goto(`${base}#/journal/${encodeURIComponent(j.groupId)}/${encodeURIComponent(j.subjectId)}/${encodeURIComponent(j.periodId)}`);
    await page.waitForFunction(`performance.getEntriesByName('journal:complete').length > 0`, undefined, { timeout: 30_000 });
    const real = await drawTimes(page, plan.reloads);

    // The same journal answered as a 35 × 60 one; its writes never reach the API.
    const synthetic = testJournal({ students: 35, lessons: 60 });
    await page.route(/\/api\/journals\/[^/]+\/[^/?]+(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: testJournalAs(synthetic, (await response.json()) as ClassJournal) });
    });
    await page.route(/\/api\/lessons\//, (route) => route.fulfill({ status: 503, json: { error: { code: 'BUSY', message: 'Занято' } } }));
    const large = await drawTimes(page, plan.reloads);
    const keys = await keystrokes(page, plan.keys);
    return {
      chromium: browser.version(),
      real: { ...real.size, dataToFirstScreen: series(real.first), dataToComplete: series(real.complete), startToFirstScreen: series(real.fromStart) },
      large: { ...large.size, dataToFirstScreen: series(large.first), dataToComplete: series(large.complete) },
      keystroke: series(keys),
    };
  } finally {
    await browser.close();
  }
}

export const DRAW_TARGET_MS = 100;
export const KEYSTROKE_TARGET_MS = 16;

export function renderBrowser(r: BrowserResult): string {
  const s = (x: Series) => `${x.p50} / ${x.p95} / ${x.max}`;
  const over = (x: Series, target: number) => (x.p50 <= target ? 'within' : '**over**');
  return [
    `Chromium ${r.chromium}, headless, 1280 × 800; the page reloaded ${r.real.dataToFirstScreen.n} times per journal, ${r.keystroke.n} keys typed.`,
    '',
    '| journal page | p50 / p95 / max, ms |',
    '|---|---|',
    `| real journal (${r.real.students} students × ${r.real.lessons} lessons): its data → first screen painted | ${s(r.real.dataToFirstScreen)} |`,
    `| real journal: its data → every row painted | ${s(r.real.dataToComplete)} |`,
    `| real journal: page start (reload) → first screen painted | ${s(r.real.startToFirstScreen)} |`,
    `| ${r.large.students} × ${r.large.lessons} journal: its data → first screen painted | ${s(r.large.dataToFirstScreen)} |`,
    `| ${r.large.students} × ${r.large.lessons} journal: its data → every row painted | ${s(r.large.dataToComplete)} |`,
    `| ${r.large.students} × ${r.large.lessons} journal: a keystroke → its cell painted | ${s(r.keystroke)} |`,
    '',
    `Targets (reported, not enforced): the ${r.large.students} × ${r.large.lessons} journal drawn within ${DRAW_TARGET_MS} ms of its data at p50 — first screen ${over(r.large.dataToFirstScreen, DRAW_TARGET_MS)}, every row ${over(r.large.dataToComplete, DRAW_TARGET_MS)}; a keystroke painted within ${KEYSTROKE_TARGET_MS} ms at p50 — ${over(r.keystroke, KEYSTROKE_TARGET_MS)}.`,
  ].join('\n');
}
