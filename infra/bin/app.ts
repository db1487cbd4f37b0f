#!/usr/bin/env node
/**
 * CDK entry point (cdk.json: `npx tsx infra/bin/app.ts`).
 *   npx cdk synth -c school=<id>     # infra/schools/<id>.json; `demo` when no school is given
 *   npx cdk deploy -c school=<id>
 */
import { buildApp } from '../lib/klassny-app.ts';
import { StackConfigError } from '../lib/config-from-context.ts';

try {
  buildApp().app.synth();
} catch (error) {
  if (error instanceof StackConfigError) {
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
