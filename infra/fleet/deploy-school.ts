/**
 * One school's step of a rollout: deploy its stack, check it reports the release being rolled
 * out, then smoke-test it from outside through its outputs. Any of the three failing fails the
 * school (and so stops the rollout, run-waves.ts).
 */
import { stackNameOf } from '../lib/stack-name.ts';
import type { SmokeReport, SmokeTarget } from '../smoke/types.ts';
import type { StepOutcome } from './run-waves.ts';
import type { FleetSchool } from './school-files.ts';

export type DeploySchoolOptions = {
  release: string;
  /** Deploys the school's stack and answers its outputs (the toolkit in the CLI). */
  deploy: (school: FleetSchool) => Promise<Record<string, string>>;
  /** The smoke test; absent with --no-smoke. */
  smoke?: (target: SmokeTarget, expectVersion: string) => Promise<SmokeReport>;
  /** Every deployed stack's outputs, as `cdk deploy --outputs-file` writes them. */
  outputs: Record<string, Record<string, string>>;
};

export async function deployAndCheck(school: FleetSchool, options: DeploySchoolOptions): Promise<StepOutcome & { version: string }> {
  const stackOutputs = await options.deploy(school);
  options.outputs[stackNameOf(school.schoolId)] = stackOutputs;
  const deployed = stackOutputs.Release ?? '';
  if (deployed !== options.release) throw new Error(`the stack reports release "${deployed}", not "${options.release}"`);
  if (!options.smoke) return { detail: 'deployed (smoke test skipped)', version: deployed };
  const webUrl = stackOutputs.WebUrl;
  if (!webUrl) throw new Error('the stack has no WebUrl output to smoke-test');
  const report = await options.smoke({ name: school.schoolId, webUrl, ...(stackOutputs.ApiUrl ? { apiUrl: stackOutputs.ApiUrl } : {}) }, options.release);
  const failed = report.checks.filter((c) => !c.ok && !c.skipped);
  if (failed.length > 0) throw new Error(`smoke test failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`);
  return { detail: `deployed, smoke test: ${report.checks.filter((c) => c.ok && !c.skipped).length} checks ok`, version: deployed };
}
