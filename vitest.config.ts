import { defineConfig } from 'vitest/config';

/** Infrastructure tests that need a fresh process (they set the functions' environment). */
const INFRA_ISOLATED = ['test/infra/lambda-bundle.test.ts', 'test/infra/trigger-bundle.test.ts'];

export default defineConfig({
  test: {
    // Two projects (include and exclude are theirs: a project extending this config would add to lists set here).
    projects: [
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // The bundle tests run the Lambda bundles with their own environment: kept apart.
          exclude: INFRA_ISOLATED,
          // The CDK tests only synthesize: sharing a fork's modules imports aws-cdk-lib once and
          // lets test/infra/support.ts's synth cache serve every file of the fork (saves ~1 min of CPU).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'main',
          exclude: ['test/browser/**', 'node_modules/**', 'test/infra/**/*.test.ts'],
          include: ['test/**/*.test.ts', 'web/src/**/*.test.ts'],
        },
      },
      { extends: true, test: { name: 'bundles', include: INFRA_ISOLATED } },
    ],
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
