/**
 * Reads everything a school's stack is parameterised by from CDK context: `-c school=<id>`
 * selects `infra/schools/<id>.json` (`demo` when absent), validated with the school file's schema
 * (school-file.ts); single fields may be overridden with `-c <field>=<value>` — the school's own
 * fields and `operationsEmail` at the top, the deployment options (`domainName`,
 * `certificateArn`, `cognitoPlan`) into `"deployment"`.
 *
 * Anything invalid stops the synth with a message that says which value is wrong and where it
 * came from, before a single construct is created.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { schoolConfigSchema, type SchoolConfig } from '../../shared/config/school-config.ts';
import { repoRoot } from './paths.ts';
import { DEPLOYMENT_KEYS, schoolFileSchema, type SchoolFile, type StackOptions } from './school-file.ts';

export type { StackOptions } from './school-file.ts';

/** Reads one context value (`app.node.tryGetContext`); CLI `-c key=value` values are strings. */
export type ContextReader = (key: string) => unknown;

export const DEFAULT_SCHOOL = 'demo';
export const SCHOOLS_DIR = path.join(repoRoot, 'infra', 'schools');

/** Context keys that override single fields of the school file. */
export const schoolConfigKeys = Object.keys(schoolConfigSchema.shape) as (keyof SchoolConfig)[];
const topLevelOverrideKeys = [...schoolConfigKeys, 'operationsEmail'] as const;

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

/** A school file as read, before validation: a JSON object or a message saying why not. */
export function readSchoolFileJson(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StackConfigError(`Cannot read school config ${path.relative(repoRoot, file)}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StackConfigError(`Cannot read school config ${path.relative(repoRoot, file)}: the file must hold one JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** Keys of `"deployment"` the stack does not know, named before zod's general message. */
export function unknownDeploymentKeys(raw: Record<string, unknown>): string[] {
  const deployment = raw.deployment;
  if (typeof deployment !== 'object' || deployment === null || Array.isArray(deployment)) return [];
  return Object.keys(deployment).filter((key) => !(DEPLOYMENT_KEYS as readonly string[]).includes(key));
}

/** The whole school file with the context's overrides, validated. */
export function resolveSchoolFile(context: ContextReader, schoolsDir: string = SCHOOLS_DIR): SchoolFile {
  const selected = context('school') ?? DEFAULT_SCHOOL;
  if (typeof selected !== 'string' || !/^[a-z0-9-]+$/.test(selected)) {
    throw new StackConfigError(
      `Invalid context value school=${JSON.stringify(selected)}: expected a school id such as "demo" ` +
        `(lower-case letters, digits and hyphens), selecting infra/schools/<id>.json.`,
    );
  }
  const file = path.join(schoolsDir, `${selected}.json`);
  const relative = path.relative(repoRoot, file);
  const overridden = [...topLevelOverrideKeys, ...DEPLOYMENT_KEYS].some((key) => context(key) !== undefined);
  const source = `${relative}${overridden ? ' with -c overrides' : ''}`;

  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    fromFile = readSchoolFileJson(file);
    if (fromFile.schoolId !== selected) {
      throw new StackConfigError(
        `School config ${relative} has schoolId ${JSON.stringify(fromFile.schoolId)}, ` +
          `but the file name selects "${selected}": they must be the same.`,
      );
    }
  } else if (!topLevelOverrideKeys.every((key) => context(key) !== undefined)) {
    throw new StackConfigError(
      `No school config for "${selected}": create ${relative} ` +
        `(fields: ${topLevelOverrideKeys.join(', ')}; see docs/deploy.md) or pass every field with -c <field>=<value>.`,
    );
  }

  const unknown = unknownDeploymentKeys(fromFile);
  if (unknown.length > 0) {
    throw new StackConfigError(`${relative}: unknown "deployment" keys ${unknown.join(', ')} (known: ${DEPLOYMENT_KEYS.join(', ')})`);
  }
  if (fromFile.deployment !== undefined && (typeof fromFile.deployment !== 'object' || fromFile.deployment === null || Array.isArray(fromFile.deployment))) {
    throw new StackConfigError(`${relative}: "deployment" must be an object`);
  }

  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of topLevelOverrideKeys) {
    const value = context(key);
    if (value !== undefined) merged[key] = value;
  }
  const deployment: Record<string, unknown> = { ...((fromFile.deployment as Record<string, unknown> | undefined) ?? {}) };
  for (const key of DEPLOYMENT_KEYS) {
    const value = context(key);
    if (value !== undefined) deployment[key] = value;
  }
  merged.deployment = deployment;

  const result = schoolFileSchema.safeParse(merged);
  if (!result.success) {
    throw new StackConfigError(`Invalid school config (${source}):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** The school's own fields (shared/config/school-config.ts), as the functions get them. */
export function resolveSchoolConfig(context: ContextReader, schoolsDir: string = SCHOOLS_DIR): SchoolConfig {
  const file = resolveSchoolFile(context, schoolsDir);
  return schoolConfigSchema.parse(file);
}

/** The deployment options of the school file with the context's overrides. */
export function resolveStackOptions(context: ContextReader, schoolsDir: string = SCHOOLS_DIR): StackOptions {
  return resolveSchoolFile(context, schoolsDir).deployment;
}
