/**
 * Which schools an action covers, and in which waves they are deployed: `pilot` first, then the
 * other waves by name (`main` last but one only by the alphabet — name waves `wave-2`, `wave-3`
 * to order them). `--wave <name>` takes one wave, `--school <id>` named schools (in their waves).
 */
import type { FleetSchool } from './school-files.ts';

export const PILOT_WAVE = 'pilot';

export type Wave = { name: string; schools: FleetSchool[] };

export type Selection = { wave?: string; schools?: readonly string[] };

export function selectSchools(all: readonly FleetSchool[], selection: Selection): FleetSchool[] {
  const problems: string[] = [];
  if (selection.wave !== undefined && !all.some((s) => s.wave === selection.wave)) {
    problems.push(`no school is in wave "${selection.wave}" (waves: ${[...new Set(all.map((s) => s.wave))].sort().join(', ')})`);
  }
  for (const id of selection.schools ?? []) {
    if (!all.some((s) => s.schoolId === id)) problems.push(`no school file for "${id}"`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return all.filter(
    (s) => (selection.wave === undefined || s.wave === selection.wave) && (selection.schools === undefined || selection.schools.includes(s.schoolId)),
  );
}

export function wavesOf(schools: readonly FleetSchool[]): Wave[] {
  const names = [...new Set(schools.map((s) => s.wave))].sort((a, b) => (a === PILOT_WAVE ? -1 : b === PILOT_WAVE ? 1 : a.localeCompare(b)));
  return names.map((name) => ({ name, schools: schools.filter((s) => s.wave === name).sort((a, b) => a.schoolId.localeCompare(b.schoolId)) }));
}
