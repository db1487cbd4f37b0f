/**
 * Reads every school file of a folder (`infra/schools/*.json` by default) and validates them all
 * before anything is synthesized or deployed: each against the school file's schema, the file's
 * name against its schoolId, and the fleet as a whole — no school id twice, no two schools on one
 * host name. Every problem is reported with its file and field, all at once, so a wave never
 * starts with one bad file in it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readSchoolFileJson, StackConfigError, unknownDeploymentKeys } from '../lib/config-from-context.ts';
import { repoRoot } from '../lib/paths.ts';
import { schoolFileSchema, type SchoolFile } from '../lib/school-file.ts';

export type FleetSchool = SchoolFile & { file: string };

export class FleetConfigError extends Error {
  override readonly name = 'FleetConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`The school files have ${problems.length} problem(s); nothing was synthesized or deployed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadSchoolFiles(dir: string): FleetSchool[] {
  const shown = path.relative(repoRoot, dir) || dir;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new FleetConfigError([`${shown}: cannot read the folder (${(error as Error).message})`]);
  }
  if (names.length === 0) throw new FleetConfigError([`${shown}: no school files (*.json)`]);

  const problems: string[] = [];
  const schools: FleetSchool[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const label = path.relative(repoRoot, file) || file;
    let raw: Record<string, unknown>;
    try {
      raw = readSchoolFileJson(file);
    } catch (error) {
      problems.push((error as StackConfigError).message);
      continue;
    }
    const unknown = unknownDeploymentKeys(raw);
    if (unknown.length > 0) problems.push(`${label}: deployment: unknown keys ${unknown.join(', ')}`);
    const parsed = schoolFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${fieldOf(issue)}: ${issue.message}`);
      continue;
    }
    const expectedId = name.slice(0, -'.json'.length);
    if (parsed.data.schoolId !== expectedId) {
      problems.push(`${label}: schoolId: "${parsed.data.schoolId}" differs from the file name; the file must be ${parsed.data.schoolId}.json`);
    }
    schools.push({ ...parsed.data, file: label });
  }

  for (const [value, files] of duplicates(schools, (s) => s.schoolId)) {
    problems.push(`${files.join(', ')}: schoolId: "${value}" is in ${files.length} files (one stack per school: each id once)`);
  }
  for (const [value, files] of duplicates(schools, (s) => s.deployment.domainName)) {
    problems.push(`${files.join(', ')}: deployment.domainName: "${value}" is in ${files.length} files (one host name serves one school)`);
  }
  if (problems.length > 0) throw new FleetConfigError(problems);
  return schools;
}

function fieldOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.join(', ');
  return issue.path.length > 0 ? issue.path.join('.') : '(file)';
}

function duplicates(schools: readonly FleetSchool[], keyOf: (s: FleetSchool) => string | undefined): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const school of schools) {
    const key = keyOf(school);
    if (key !== undefined) seen.set(key, [...(seen.get(key) ?? []), school.file]);
  }
  return new Map([...seen].filter(([, files]) => files.length > 1));
}
