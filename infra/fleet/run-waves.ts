/**
 * A rollout: the waves one after another, up to `concurrency` schools of a wave at a time, each
 * school's step (deploy, then the smoke test) timed. The first failure stops the rollout: no
 * other school starts (those already running finish), and everything not started is reported as
 * skipped, with the school that stopped it.
 */
import { stackNameOf } from '../lib/stack-name.ts';
import type { FleetSchool } from './school-files.ts';
import type { Wave } from './waves.ts';

export type StepOutcome = { detail: string; version?: string };
export type SchoolRow = {
  school: string;
  stack: string;
  wave: string;
  version: string;
  result: 'ok' | 'failed' | 'skipped';
  seconds: number;
  detail: string;
};

export async function runWaves(
  waves: readonly Wave[],
  options: {
    concurrency: number;
    step: (school: FleetSchool) => Promise<StepOutcome>;
    /** Default true (a rollout); a diff looks at every school whatever one of them shows. */
    stopOnFailure?: boolean;
    now?: () => number;
  },
): Promise<SchoolRow[]> {
  const now = options.now ?? Date.now;
  const rows = new Map<string, SchoolRow>();
  let stoppedBy: string | undefined;

  for (const wave of waves) {
    const queue = [...wave.schools];
    const worker = async () => {
      for (let school = queue.shift(); school; school = queue.shift()) {
        if (stoppedBy) {
          rows.set(school.schoolId, skipped(school, stoppedBy));
          continue;
        }
        const started = now();
        try {
          const outcome = await options.step(school);
          rows.set(school.schoolId, { ...rowOf(school), version: outcome.version ?? '', result: 'ok', seconds: (now() - started) / 1000, detail: outcome.detail });
        } catch (error) {
          if (options.stopOnFailure ?? true) stoppedBy ??= school.schoolId;
          rows.set(school.schoolId, {
            ...rowOf(school),
            result: 'failed',
            seconds: (now() - started) / 1000,
            detail: oneLine((error as Error).message ?? String(error)),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, wave.schools.length)) }, worker));
  }
  return waves.flatMap((wave) => wave.schools.map((school) => rows.get(school.schoolId)!));
}

function rowOf(school: FleetSchool): Omit<SchoolRow, 'result' | 'seconds' | 'detail'> {
  return { school: school.schoolId, stack: stackNameOf(school.schoolId), wave: school.wave, version: '' };
}

function skipped(school: FleetSchool, by: string): SchoolRow {
  return { ...rowOf(school), result: 'skipped', seconds: 0, detail: `not started: ${by} failed` };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}
