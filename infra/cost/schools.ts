/**
 * The schools the cost model prices: `infra/schools/<id>.json`, of which it reads only what the
 * bill depends on — the Cognito plan (`deployment.cognitoPlan`) and the usage assumptions
 * (`usage`, validated with usageSchema) — so that a file the fleet's stricter schema
 * (infra/lib/school-file.ts) would still refuse for another field can be priced all the same.
 * Every refusal names the file and the field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { repoRoot } from '../lib/paths.ts';
import { COST_PLANS, type CostPlan } from './inventory.ts';
import { resolveUsage, usageSchema, type ResolvedUsage } from './usage.ts';

export const SCHOOLS_DIR = path.join(repoRoot, 'infra', 'schools');

export class CostInputError extends Error {
  override readonly name = 'CostInputError';
}

export type SchoolEntry = { id: string; name?: string; plan?: CostPlan; usage: Record<string, unknown> };

export function schoolIds(dir = SCHOOLS_DIR): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort() : [];
}

export function readSchool(id: string, dir = SCHOOLS_DIR): SchoolEntry {
  const known = schoolIds(dir);
  if (!/^[a-z0-9-]+$/.test(id) || !known.includes(id)) {
    throw new CostInputError(`--school: no school file infra/schools/${id}.json (known: ${known.join(', ') || 'none'})`);
  }
  const file = `infra/schools/${id}.json`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, `${id}.json`), 'utf8'));
  } catch (error) {
    throw new CostInputError(`${file}: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CostInputError(`${file}: must hold one JSON object`);
  const o = raw as Record<string, unknown>;
  const deployment = (o.deployment ?? {}) as Record<string, unknown>;
  const plan = deployment.cognitoPlan;
  if (plan !== undefined && !(COST_PLANS as readonly unknown[]).includes(plan)) {
    throw new CostInputError(`${file}: deployment.cognitoPlan must be one of ${COST_PLANS.join(', ')} (got ${JSON.stringify(plan)})`);
  }
  const usage = o.usage ?? {};
  if (typeof usage !== 'object' || usage === null || Array.isArray(usage)) throw new CostInputError(`${file}: usage must be an object`);
  return {
    id,
    ...(typeof o.schoolName === 'string' ? { name: o.schoolName } : {}),
    ...(plan ? { plan: plan as CostPlan } : {}),
    usage: usage as Record<string, unknown>,
  };
}

/** The school's usage with the command line's overrides on top, validated; a refusal names each field and where it came from. */
export function usageOf(entry: Pick<SchoolEntry, 'id' | 'usage'>, overrides: Record<string, unknown>, optionOf: (field: string) => string): ResolvedUsage {
  const parsed = usageSchema.safeParse({ ...entry.usage, ...overrides });
  if (parsed.success) return resolveUsage(parsed.data);
  const where = (field: string) => (field in overrides ? optionOf(field) : `infra/schools/${entry.id}.json usage.${field}`);
  const problems = parsed.error.issues.flatMap((issue: z.core.$ZodIssue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${where(key)}: unknown usage field (known: ${Object.keys(usageSchema.shape).join(', ')})`)
      : [`${where(String(issue.path[0] ?? ''))}: ${issue.message}`],
  );
  throw new CostInputError(problems.join('; '));
}
