import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schoolConfigSchema, type SchoolConfig } from '#shared/config/school-config.ts';

/** The same per-school file the CDK app reads (infra/schools/<id>.json), validated the same way. */
export function loadSchoolConfig(root: string, schoolId = process.env.KLASSNY_SCHOOL ?? 'demo'): SchoolConfig {
  const file = join(root, 'infra', 'schools', `${schoolId}.json`);
  const parsed = schoolConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
