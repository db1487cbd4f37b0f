/**
 * `npm run migrate`: the table's data migrations (docs/data-model.md, "Data migrations").
 * Exits 0 when every migration is done, 1 on a failure, 2 on a usage error, 3 when another runner
 * holds the lease (with --exit-if-busy, or after waiting), 4 when stopped early (resumable).
 *
 *   npm run migrate                      the pending ones on the local stack: `npm start` running on PORT,
 *                                        or the stand-ins started for this on KLASSNY_DATA_DIR (default .data/)
 *   npm run migrate -- --status          each migration with its record (status, counts, cursor) and the lease
 *   AWS_PROFILE=… AWS_REGION=… npm run migrate -- --table <TableName> [--status]
 *                                        a deployed school's table (the stack's output TableName); credentials
 *                                        from the usual chain — the deploy runs them itself, this is for a look
 *                                        or a run by hand
 *   options: --exit-if-busy (do not wait for another runner), --max-pages <n> (stop after n pages)
 */
import './quiet-sdk.ts';
import { parseArgs } from 'node:util';
import type { MigrationStatus } from '#functions/migrations/run-migrations.ts';
import { withLocalStack } from './attach.ts';
import { eventLine, runLine } from './local-migrations.ts';

const { values } = parseArgs({
  options: {
    status: { type: 'boolean', default: false },
    table: { type: 'string' },
    'exit-if-busy': { type: 'boolean', default: false },
    'max-pages': { type: 'string' },
  },
});
const maxPages = values['max-pages'] === undefined ? undefined : Number(values['max-pages']);
if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) {
  process.stderr.write('--max-pages: a whole number of pages, e.g. --max-pages 10\n');
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);

function printStatus(status: MigrationStatus): void {
  for (const { migration, record } of status.known) {
    const state = !record ? 'ожидает / pending' : record.status === 'done' ? (record.baseline ? 'выполнена / done (baseline)' : 'выполнена / done') : 'идёт или прервана / running';
    say(`${migration.id}  ${state}`);
    say(`    ${migration.description}`);
    if (!record) continue;
    say(`    release ${record.release}${record.finishedRelease && record.finishedRelease !== record.release ? ` → ${record.finishedRelease}` : ''}; started ${record.startedAt}${record.finishedAt ? `, finished ${record.finishedAt}` : `, last page ${record.updatedAt}`}`);
    say(`    pages ${record.pages}, scanned ${record.scanned}, changed ${record.changed}, conflicts ${record.conflicts}, runs ${record.runs}`);
    if (record.cursor) say(`    cursor ${record.cursor.pk} / ${record.cursor.sk}`);
  }
  for (const record of status.unknown) say(`${record.id}  ${record.status} — не известна этой версии / not known to this release (a newer one ran it)`);
  if (status.lease && status.lease.leaseUntil > Date.now()) say(`lease: ${status.lease.by}, release ${status.lease.release}, since ${status.lease.since}`);
}

async function work(): Promise<number> {
  // Imported only now: the SDK clients are made at import and read their endpoints then.
  const { migrationStatus, runMigrations } = await import('#functions/migrations/run-migrations.ts');
  if (values.status) {
    printStatus(await migrationStatus());
    return 0;
  }
  const result = await runMigrations({
    runner: `npm run migrate (pid ${process.pid})`,
    ifBusy: values['exit-if-busy'] ? 'exit' : 'wait',
    ...(maxPages ? { maxPages } : {}),
    report: (event) => {
      const line = eventLine(event);
      if (line) say(line);
    },
  });
  for (const run of result.ran) say(runLine(run));
  if (result.busy) {
    say(`Миграции выполняет другой процесс / another runner holds the lease: ${result.busy.by} (release ${result.busy.release}, since ${result.busy.since})`);
    return 3;
  }
  if (!result.complete) {
    say(`Не завершены / not finished: ${result.pending.join(', ')} — продолжатся со своего места / the next run resumes`);
    return 4;
  }
  if (result.ran.length === 0) say('Все миграции выполнены / every migration is done.');
  return 0;
}

try {
  let code: number;
  if (values.table) {
    // A deployed school's table: the SDK's own environment (profile, region), no local endpoints.
    process.env.TABLE_NAME = values.table;
    say(`Таблица / table ${values.table}${process.env.AWS_REGION ? ` (${process.env.AWS_REGION})` : ''}`);
    code = await work();
  } else {
    code = await withLocalStack(work);
  }
  process.exit(code);
} catch (error) {
  process.stderr.write(`Не удалось / failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(1);
}
