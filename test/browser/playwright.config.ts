import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PORT = 3999;
const BASE_URL = `http://127.0.0.1:${PORT}`;

/**
 * Browser tests against the whole product as `npm start` runs it (fresh data each run),
 * driven by Debian's Chromium: no browser is downloaded.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  outputDir: `${root}test-results/playwright`,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'npx tsx infra/local/main.ts --reset',
    cwd: root,
    env: { PORT: String(PORT), KLASSNY_DATA_DIR: '.tmp/browser-data' },
    url: `${BASE_URL}/api/health`,
    timeout: 180_000, // the demo school is generated and loaded on start
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
