import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    // Each file gets its own process: the functions read process.env and keep module-scope clients.
    pool: 'forks',
    // Two files at a time: a file's stack (dynalite, the stand-ins) runs in its own fork, so one
    // fork keeps one core busy; the default (cores − 1) left the second core idle here
    // (224 s → 156 s on the 2-core machine).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      LOG_LEVEL: 'warn',
      // No CloudWatch here: handlers called directly would print their EMF lines (tests that check them turn it on).
      POWERTOOLS_METRICS_DISABLED: 'true',
      // Stacks started by tests seed the demo accounts only; the full demo school is seeded by
      // its own test (test/integration/seed) and by the browser tests' server.
      KLASSNY_DEMO_SCHOOL: 'accounts',
    },
  },
});
