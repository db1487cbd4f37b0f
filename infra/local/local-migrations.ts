/**
 * The data migrations on the local stack (docs/data-model.md, "Data migrations"): `npm start`
 * runs the pending ones before the API opens, one line per migration it ran; `npm run migrate`
 * runs them on demand. A freshly seeded table records them all as done instead (the seed's baseline).
 */
import type { MigrationEvent, MigrationRun, RunMigrationsResult } from '#functions/migrations/run-migrations.ts';
import { plural } from './seed/demo-school/summary.ts';

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} с`;

/** «Миграция 0001-homework-due-index: просмотрено 147 115 записей, изменено 11 261 за 41,2 с». */
export function runLine(run: MigrationRun): string {
  const what = `просмотрено ${plural(run.scanned, ['запись', 'записи', 'записей'])}, изменено ${run.changed.toLocaleString('ru-RU')}`;
  const conflicts = run.conflicts ? `, повторено после правок пользователей ${run.conflicts}` : '';
  const state = run.done ? '' : ' — остановлена, продолжится со своего места';
  return `Миграция ${run.id}${run.resumed ? ' (продолжена)' : ''}: ${what}${conflicts} за ${seconds(run.ms)}${state}.`;
}

/** A line for the events worth telling while it runs (a long migration on an old data folder). */
export function eventLine(event: MigrationEvent): string | undefined {
  if (event.kind === 'waiting') return `Миграции выполняет другой процесс (${event.heldBy?.by ?? 'неизвестно кто'}, с ${event.heldBy?.since ?? '?'}): жду.`;
  if (event.kind === 'start') return `Миграция ${event.id}${event.resumedFrom ? ' продолжается с места остановки' : ' начата'}: просматриваю таблицу…`;
  return undefined;
}

/** `npm start`: the pending migrations, before the API opens; an unfinished one stops the start. */
export async function runPendingMigrations(say: (line: string) => void): Promise<RunMigrationsResult> {
  // Imported only now: the SDK clients are made at import and read their endpoints then.
  const { runMigrations } = await import('#functions/migrations/run-migrations.ts');
  const result = await runMigrations({
    runner: `npm start (pid ${process.pid})`,
    report: (event) => {
      const line = eventLine(event);
      if (line) say(line);
    },
  });
  for (const run of result.ran) say(runLine(run));
  if (!result.complete) {
    throw new Error(`миграции данных не завершены (${result.pending.join(', ')})${result.busy ? `: их выполняет ${result.busy.by}` : ''}`);
  }
  return result;
}
