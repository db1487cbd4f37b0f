/**
 * Reads everything a school's stack is parameterised by from CDK context:
 *
 * - the school config (`-c school=<id>` selects `infra/schools/<id>.json`, `demo` when absent;
 *   the context keys `schoolId`, `schoolName`, `timeZone`, `directorEmail`, `mailFrom` override
 *   single fields), validated with the shared zod schema;
 * - deployment options that are not part of the school's identity (custom domain for the web
 *   site, Cognito feature plan).
 *
 * Anything invalid stops the synth with a message that says which value is wrong and where it
 * came from, before a single construct is created.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { schoolConfigSchema, type SchoolConfig } from '../../shared/config/school-config.ts';
import { repoRoot } from './paths.ts';

/** Reads one context value (`app.node.tryGetContext`); CLI `-c key=value` values are strings. */
export type ContextReader = (key: string) => unknown;

export const DEFAULT_SCHOOL = 'demo';
export const SCHOOLS_DIR = path.join(repoRoot, 'infra', 'schools');

/** Context keys that override single fields of the school file. */
export const schoolConfigKeys = Object.keys(schoolConfigSchema.shape) as (keyof SchoolConfig)[];

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

export function resolveSchoolConfig(context: ContextReader, schoolsDir: string = SCHOOLS_DIR): SchoolConfig {
  const selected = context('school') ?? DEFAULT_SCHOOL;
  if (typeof selected !== 'string' || !/^[a-z0-9-]+$/.test(selected)) {
    throw new StackConfigError(
      `Invalid context value school=${JSON.stringify(selected)}: expected a school id such as "demo" ` +
        `(lower-case letters, digits and hyphens), selecting infra/schools/<id>.json.`,
    );
  }
  const file = path.join(schoolsDir, `${selected}.json`);
  const source = `${path.relative(repoRoot, file)}${hasOverrides(context) ? ' with -c overrides' : ''}`;

  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('the file must hold one JSON object');
      }
      fromFile = parsed as Record<string, unknown>;
    } catch (error) {
      throw new StackConfigError(`Cannot read school config ${path.relative(repoRoot, file)}: ${(error as Error).message}`);
    }
    if (fromFile.schoolId !== selected) {
      throw new StackConfigError(
        `School config ${path.relative(repoRoot, file)} has schoolId ${JSON.stringify(fromFile.schoolId)}, ` +
          `but the file name selects "${selected}": they must be the same.`,
      );
    }
  } else if (!schoolConfigKeys.every((key) => context(key) !== undefined)) {
    throw new StackConfigError(
      `No school config for "${selected}": create ${path.relative(repoRoot, file)} ` +
        `(fields: ${schoolConfigKeys.join(', ')}; see docs/deploy.md) or pass every field with -c <field>=<value>.`,
    );
  }

  const merged: Record<string, unknown> = { ...fromFile };
  for (const key of schoolConfigKeys) {
    const value = context(key);
    if (value !== undefined) merged[key] = value;
  }

  const result = schoolConfigSchema.safeParse(merged);
  if (!result.success) {
    throw new StackConfigError(`Invalid school config (${source}):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function hasOverrides(context: ContextReader): boolean {
  return schoolConfigKeys.some((key) => context(key) !== undefined);
}

/**
 * Options of one deployment that are not part of the school's identity. They may be kept in the
 * school file under `"deployment"` (ignored by the school schema and the local stand-in); a
 * context key of the same name overrides the file.
 *
 * `domainName` + `certificateArn`: serve the site from the school's own host name. Only with a
 * certificate of its own does CloudFront apply a minimum TLS version (TLSv1.2_2021); on the
 * default *.cloudfront.net certificate the policy is fixed by CloudFront.
 *
 * `cognitoPlan`: `plus` (default) turns on Cognito threat protection (compromised-credential
 * checks and adaptive authentication); `essentials` saves its per-user price and keeps everything
 * else.
 */
const stackOptionsSchema = z
  .object({
    domainName: z
      .string()
      .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'domainName must be a lower-case host name such as journal.school.example')
      .optional(),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/,
        'certificateArn must be an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from that region)',
      )
      .optional(),
    cognitoPlan: z.enum(['plus', 'essentials']).default('plus'),
  })
  .refine((o) => (o.domainName === undefined) === (o.certificateArn === undefined), {
    message: 'domainName and certificateArn go together: give both or neither',
  });

export type StackOptions = z.infer<typeof stackOptionsSchema>;

const stackOptionKeys = ['domainName', 'certificateArn', 'cognitoPlan'] as const;

export function resolveStackOptions(context: ContextReader, schoolsDir: string = SCHOOLS_DIR): StackOptions {
  const selected = context('school') ?? DEFAULT_SCHOOL;
  const file = path.join(schoolsDir, `${String(selected)}.json`);
  let fromFile: Record<string, unknown> = {};
  if (typeof selected === 'string' && existsSync(file)) {
    const deployment = (JSON.parse(readFileSync(file, 'utf8')) as { deployment?: unknown }).deployment;
    if (deployment !== undefined && (typeof deployment !== 'object' || deployment === null || Array.isArray(deployment))) {
      throw new StackConfigError(`${path.relative(repoRoot, file)}: "deployment" must be an object`);
    }
    fromFile = (deployment ?? {}) as Record<string, unknown>;
  }
  const raw = Object.fromEntries(stackOptionKeys.map((key) => [key, context(key) ?? fromFile[key]]));
  const unknownKeys = Object.keys(fromFile).filter((key) => !(stackOptionKeys as readonly string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw new StackConfigError(
      `${path.relative(repoRoot, file)}: unknown "deployment" keys ${unknownKeys.join(', ')} (known: ${stackOptionKeys.join(', ')})`,
    );
  }
  const result = stackOptionsSchema.safeParse(raw);
  if (!result.success) {
    throw new StackConfigError(`Invalid deployment options (school file "deployment" and -c context):\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
