/**
 * cdk-nag (AwsSolutions) over the whole app, as `cdk synth` runs it: no unacknowledged finding,
 * error or warning, in any supported configuration, and every acknowledgement says why.
 */
import { type IConstruct } from 'constructs';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT, synthSchool, type SynthOptions } from './support.ts';

/** Acknowledgements recorded on `root` (and, by default, everything below it); ids without CDK's `Annotation::` prefix. */
function acknowledgementsIn(root: IConstruct, deep = true): { path: string; id: string; reason: unknown }[] {
  return (deep ? root.node.findAll() : [root]).flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const configurations: [string, SynthOptions][] = [
  ['default (demo school, Plus plan, CloudFront domain)', {}],
  ['Essentials plan', { context: { cognitoPlan: 'essentials' } }],
  [
    'custom domain',
    {
      context: {
        domainName: 'journal.school.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b7a3c1e-1111-2222-3333-444455556666',
      },
    },
  ],
];

describe('cdk-nag AwsSolutions', () => {
  it('lets the real synth through (nag plugin and CDK default validation registered)', () => {
    // Throws "Validation failed" if any plugin reports a violation.
    const { app } = synthSchool({ fullValidation: true });
    expect(() => app.synth({ force: true })).not.toThrow();
  }, SYNTH_TIMEOUT);

  it.each(configurations)('reports no unacknowledged errors or warnings: %s', (_name, options) => {
    const { app } = synthSchool(options);
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.description} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  }, SYNTH_TIMEOUT);

  it.each(configurations)('gives every acknowledgement a written reason: %s', (_name, options) => {
    const { app } = synthSchool(options);
    const acknowledgements = acknowledgementsIn(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(id, path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(typeof reason, `${id} at ${path}`).toBe('string');
      expect((reason as string).trim().length, `${id} at ${path}`).toBeGreaterThanOrEqual(40);
    }
  }, SYNTH_TIMEOUT);

  it.each(configurations)('acknowledges only findings that occur: %s', (_name, options) => {
    const { app } = synthSchool(options);
    // Wraps cdk-nag's own check to record which acknowledgement (construct + id) silenced a finding.
    const checks = new AwsSolutionsChecks();
    const internals = checks as unknown as { isAcknowledged(resource: IConstruct, ruleId: string): boolean };
    const original = internals.isAcknowledged.bind(checks);
    const used = new Set<string>();
    internals.isAcknowledged = (resource, ruleId) => {
      const acknowledged = original(resource, ruleId);
      if (acknowledged) {
        for (let scope: IConstruct | undefined = resource; scope; scope = scope.node.scope) {
          if (acknowledgementsIn(scope, false).some((a) => a.id === ruleId)) {
            used.add(`${scope.node.path} ${ruleId}`);
            break;
          }
        }
      }
      return acknowledged;
    };
    checks.validateScope(app);
    const unused = acknowledgementsIn(app).filter((a) => !used.has(`${a.path} ${a.id}`));
    expect(unused).toEqual([]);
  }, SYNTH_TIMEOUT);

  it('acknowledges nothing at stack or app level, so new resources are always checked', () => {
    const { app, stack } = synthSchool();
    for (const scope of [app, stack]) {
      expect(scope.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
    }
  });
});
