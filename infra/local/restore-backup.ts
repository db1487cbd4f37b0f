/**
 * `npm run restore`: a backup of the table (п. 7.1) restored into a table, checked against its
 * manifest (functions/backup/restore.ts). Exits 0 when every entity type matches, 1 on any
 * difference, 2 on a usage error or a refused target, 3 when the backup is damaged.
 *
 *   npm run restore -- --backup <id|latest> --into-table <name> [--force]
 *       local: the backups of `npm start` (running on PORT, or started for this on the same data folder)
 *   AWS_PROFILE=… AWS_REGION=… npm run restore -- --bucket <BackupsBucketName> --into-table <name> [--backup <id>] [--force]
 *       a deployed stack: the bucket from the stack's outputs; AWS credentials from the usual chain
 *
 * `--table-name` is another name for `--into-table`. A table that does not exist is made from
 * the shared definition; one that holds items is refused unless `--force`. See docs/backups.md.
 */
import './quiet-sdk.ts';
import { parseArgs } from 'node:util';
import type { RestoreResult } from '#functions/backup/restore.ts';
import { withLocalStack } from './attach.ts';

const { values } = parseArgs({
  options: {
    backup: { type: 'string', default: 'latest' },
    'into-table': { type: 'string' },
    'table-name': { type: 'string' },
    bucket: { type: 'string' },
    force: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
  },
});

const target = values['into-table'] ?? values['table-name'];
if (!target) {
  process.stderr.write(
    'Укажите таблицу / name the target table: npm run restore -- --backup <id|latest> --into-table <name> [--force] [--bucket <name>]\n',
  );
  process.exit(2);
}
const say = (line: string) => process.stdout.write(`${line}\n`);

async function restore(bucket: string): Promise<RestoreResult> {
  // Imported only now: the SDK clients are made at import and read their endpoints then.
  const { restoreBackup } = await import('#functions/backup/restore.ts');
  return restoreBackup({
    bucket,
    backup: values.backup,
    targetTable: target!,
    force: values.force,
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    onProgress: (message) => say(`  … ${message}`),
  });
}

function summary(result: RestoreResult): void {
  const { manifest } = result;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  say('');
  say(`Копия / backup ${manifest.id} (${manifest.startedAt}, table ${manifest.table}) → ${result.targetTable}${result.created ? ' (создана / created)' : ''}`);
  say(`  записей / items: ${result.written}; частей / parts: ${manifest.parts.length}, ${mb(manifest.bytes)} MB (${mb(manifest.rawBytes)} MB NDJSON)`);
  say(`  проверка частей / parts checked: ${s(result.downloadMs)} s; запись / write: ${s(result.restoreMs)} s; сверка / read back: ${s(result.verifyMs)} s`);
  say('  по видам / per entity type:');
  const width = Math.max(...Object.keys({ ...manifest.entities, ...result.actual }).map((t) => t.length), 10);
  for (const [type, expected] of Object.entries(manifest.entities)) {
    const actual = result.actual[type];
    const same = actual?.count === expected.count && actual.checksum === expected.checksum;
    say(`    ${type.padEnd(width)} ${String(expected.count).padStart(8)} ${same ? '✓' : `✗ восстановлено / restored ${actual?.count ?? 0}`}`);
  }
  for (const d of result.differences.filter((x) => !x.expected)) say(`    ${d.type.padEnd(width)} ${'—'.padStart(8)} ✗ нет в копии / not in the backup: ${d.actual?.count ?? 0}`);
  if (result.extraItems > 0) say(`  записей вне копии в таблице / items in the table the backup does not hold: ${result.extraItems} (оставлены / left as they are)`);
  say('');
  say(
    result.ok
      ? 'Итог / result: совпадает с описью копии / matches the manifest (counts and checksums of every entity type).'
      : `Итог / result: РАСХОЖДЕНИЯ / DIFFERENCES in ${result.differences.length} entity type(s): ${result.differences.map((d) => d.type).join(', ')}`,
  );
}

try {
  const result = values.bucket
    ? await restore(values.bucket)
    : await withLocalStack(async () => {
        const bucket = process.env.BACKUPS_BUCKET;
        if (!bucket) throw new Error('the local stack gives no BACKUPS_BUCKET');
        say(`Локальный стек / local stack: bucket ${bucket}, endpoint ${process.env.AWS_ENDPOINT_URL_DYNAMODB}`);
        return restore(bucket);
      });
  summary(result);
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'BackupCorruptError') {
    process.stderr.write(`Копия повреждена, ничего не восстановлено / the backup is damaged, nothing restored:\n  ${message}\n`);
    process.exit(3);
  }
  if (name === 'TargetNotEmptyError' || name === 'BackupNotFoundError') {
    process.stderr.write(`Отказ / refused: ${message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Не удалось / failed: ${name ? `${name}: ` : ''}${message}\n`);
  process.exit(1);
}
