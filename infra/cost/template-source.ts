/**
 * Where the cost model gets the school's CloudFormation template: a saved one
 * (`--template cdk.out/Klassny-<id>.template.json`), or the CDK app synthesized in-process.
 * The in-process synth skips bundling the functions and CDK's template validation (the cost
 * model reads resource properties only, which neither changes), so it takes seconds rather than
 * the ~25 s of `cdk synth`.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../lib/klassny-app.ts';
import { repoRoot } from '../lib/paths.ts';
import type { CfnTemplate } from './inventory.ts';
import { CostInputError } from './schools.ts';

export function readTemplate(file: string): CfnTemplate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.resolve(file), 'utf8'));
  } catch (error) {
    throw new CostInputError(`--template: cannot read ${file}: ${(error as Error).message}`);
  }
  const t = parsed as CfnTemplate;
  if (typeof t !== 'object' || t === null || typeof t.Resources !== 'object') throw new CostInputError(`--template: ${file} is not a CloudFormation template (no Resources)`);
  return t;
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** The school's stack as `cdk synth -c school=<id>` would make it (without asset bundling). */
export function synthesizeTemplate(schoolId: string, context: Record<string, unknown> = {}): CfnTemplate {
  try {
    const { app, stack } = buildApp({
      nag: false,
      context: {
        ...cdkJsonContext(),
        school: schoolId,
        'aws:cdk:bundling-stacks': [],
        '@aws-cdk/core:validateAgainstDefaultRules': false,
        ...context,
      },
    });
    const assembly = app.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template as CfnTemplate;
    // The app wrote its cloud assembly to a temporary folder of its own; only the template is needed.
    rmSync(assembly.directory, { recursive: true, force: true });
    return template;
  } catch (error) {
    throw new CostInputError(
      `synthesizing the stack of "${schoolId}" failed: ${(error as Error).message.split('\n')[0]} — ` +
        `pass a saved template with --template cdk.out/Klassny-${schoolId}.template.json`,
    );
  }
}
