/**
 * In-process synthesis of the school stack for tests: the app reads the same context as
 * `cdk synth` (cdk.json), asset bundling is skipped (`aws:cdk:bundling-stacks: []`) so no esbuild
 * run is needed, and results are cached per set of options within a test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildAppOptions, type KlassnyApp } from '../../infra/lib/klassny-app.ts';
import { repoRoot } from '../../infra/lib/paths.ts';

export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** For tests that synthesize a configuration of their own: a synth takes seconds, more on a busy machine. */
export const SYNTH_TIMEOUT = 180_000;

export type SynthOptions = {
  /** Extra CDK context, as `-c key=value` would give. */
  context?: Record<string, unknown>;
  /** Register cdk-nag and keep CDK's default template validation (slow: ~20 s). Default false. */
  fullValidation?: boolean;
  stackProps?: BuildAppOptions['stackProps'];
};

export type Synthesized = KlassnyApp & { template: Template };

const cache = new Map<string, Synthesized>();

export function synthSchool(options: SynthOptions = {}): Synthesized {
  const key = JSON.stringify(options);
  const cached = cache.get(key);
  if (cached) return cached;

  const built = buildApp({
    nag: options.fullValidation ?? false,
    context: {
      ...cdkJsonContext(),
      'aws:cdk:bundling-stacks': [],
      // CDK's own CloudFormation schema/rule validation takes ~20 s per synth; the template
      // tests only read the template, and the cdk-nag test keeps it on, as `cdk synth` does.
      ...(options.fullValidation ? {} : { '@aws-cdk/core:validateAgainstDefaultRules': false }),
      ...options.context,
    },
    ...(options.stackProps ? { stackProps: options.stackProps } : {}),
  });
  const result = { ...built, template: Template.fromStack(built.stack) };
  cache.set(key, result);
  return result;
}

/** The logical id of an L2 construct's CloudFormation resource in its stack. */
export function logicalIdIn(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

type CfnResource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

/** All resources of a type, keyed by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** The logical id a `{ Ref }` / `{ Fn::GetAtt }` points to, or undefined. */
export function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v.Ref ?? v['Fn::GetAtt']?.[0];
}

/** Every logical id referenced anywhere inside a value (Ref, Fn::GetAtt, Fn::Sub ${Id...}). */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (typeof value === 'object' && value !== null) {
    const id = referencedId(value);
    if (id) into.add(id);
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Fn::Sub' && typeof (Array.isArray(item) ? item[0] : item) === 'string') {
        const text = (Array.isArray(item) ? item[0] : item) as string;
        for (const match of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}/g)) into.add(match[1]!);
      }
      referencedIds(item, into);
    }
  }
  return into;
}

/**
 * Flattens an `Fn::Join` ['', [...]] into text, writing references as `<Id>` / `<Id.Attr>` and
 * `Fn::Select` / `Fn::Split` as `select(i,list)` / `split(separator,text)`.
 */
export function joinedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['Fn::Join'])) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(joinedText).join(separator);
    }
    if (typeof v.Ref === 'string') return `<${v.Ref}>`;
    if (Array.isArray(v['Fn::GetAtt'])) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    // Without spaces, so a rendered value stays one word of a space-separated header such as the CSP.
    if (Array.isArray(v['Fn::Select'])) {
      const [index, list] = v['Fn::Select'] as [number, unknown];
      return `select(${index},${joinedText(list)})`;
    }
    if (Array.isArray(v['Fn::Split'])) {
      const [separator, source] = v['Fn::Split'] as [string, unknown];
      return `split(${separator},${joinedText(source)})`;
    }
  }
  return JSON.stringify(value);
}
