/**
 * Backups of the table (п. 7.1 «регулярное резервное копирование»), end to end against the local
 * stack: the nightly export job, a restore into fresh tables and over the damaged one, a damaged
 * backup refused, the restore command, the monthly drill and its e-mail, the list of backups.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteItemCommand, GetItemCommand, PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { LocalStack } from '#infra/local/stack.ts';
import { LOCAL_BACKUPS_BUCKET } from '#infra/local/stack.ts';
import { createTableInput } from '#infra/local/dynamo/create-table.ts';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';
import { backupListSchema } from '#shared/api/backups.ts';
import { startTestStack } from '../../support/local-stack.ts';
import { createFixtureAccounts, writeFixtureSchool } from '../../support/fixture-school.ts';

const run = promisify(execFile);
const TABLE = LOCAL_TABLE_NAME;
const BUCKET = LOCAL_BACKUPS_BUCKET;
type Item = Record<string, AttributeValue>;

let stack: LocalStack;
// Module-scope SDK clients read the stack's endpoints: import after it started.
let dynamo: typeof import('#functions/lib/dynamo-client.ts').dynamo;
let s3: typeof import('#functions/lib/s3-client.ts').s3;
let backup: typeof import('#functions/backup/backup-store.ts');
let restore: typeof import('#functions/backup/restore.ts');
let restoreTable: typeof import('#functions/backup/restore-table.ts');

const S = (s: string) => ({ S: s });
const N = (n: string | number) => ({ N: String(n) });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A few hundred items of several kinds beside the fixture school, each attribute type once at least. */
function extraItems(): { live: Item[]; expired: Item[] } {
  const live: Item[] = [];
  for (let j = 0; j < 4; j++) {
    const pk = S(`JOURNAL#c-2026-05-А#sub-backup-${j}`);
    for (let d = 1; d <= 10; d++) {
      const date = `2026-10-${String(d).padStart(2, '0')}`;
      live.push({ pk, sk: S(`${date}#03#L`), type: S('Lesson'), topic: S(`Тема «${d}» — дроби`), version: N(1) });
      for (let s = 0; s < 5; s++) {
        live.push({ pk, sk: S(`${date}#03#M#p-st-${s}#m-${j}-${d}-${s}`), type: S('Mark'), value: N(2 + ((d + s) % 4)), weight: N('1.5'), version: N(1) });
      }
      live.push({ pk, sk: S(`${date}#03#A#p-st-${d % 5}`), type: S('Attendance'), code: S('Н') });
    }
    live.push({ pk, sk: S(`2026-10-24#~F#2026-2027-q1#p-st-0`), type: S('FinalMark'), value: N(5) });
    live.push({ pk, sk: S(`2026-10-24#~S#2026-2027-q1`), type: S('JournalPeriodState'), closed: { BOOL: true } });
  }
  for (let a = 0; a < 40; a++) live.push({ pk: S(`AUDIT#m-backup-${a % 8}`), sk: S(`2026-10-0${1 + (a % 9)}T10:00:00.000Z#req-${a}#01`), before: { NULL: true }, after: { M: { value: N(a % 5) } } });
  for (let n = 0; n < 30; n++) live.push({ pk: S(`NOTES#p-parent-${n % 3}`), sk: S(`01JNOTE${String(n).padStart(19, '0')}`), inApp: { BOOL: n % 2 === 0 }, topics: { SS: ['marks', 'attendance'] } });
  // Every attribute type DynamoDB has, numbers that a float would round, binary, sets, nesting.
  live.push({
    pk: S('SECRET#backup-test'),
    sk: S('KEY'),
    big: N('12345678901234567890.123456789012345678'),
    tiny: N('-0.000000000000000000000000000001'),
    key: { B: new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]) },
    keys: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
    scores: { NS: ['1', '2.5', '-3'] },
    names: { SS: ['Ёж', 'ёж', 'Яблоко'] },
    list: { L: [S('a'), N(1), { M: { nested: { L: [{ BOOL: false }, { NULL: true }] } } }] },
    empty: { M: {} },
  });
  // TTL: one counter still valid, five already expired (DynamoDB deletes those within days).
  live.push({ pk: S('RATE#sign-in#198.51.100.7'), sk: S('1'), count: N(1), expiresAt: N(nowSeconds() + 3600) });
  const expired = Array.from({ length: 5 }, (_, i) => ({ pk: S(`RATE#sign-in#203.0.113.${i}`), sk: S('1'), count: N(3), expiresAt: N(nowSeconds() - 60) }));
  return { live, expired };
}

async function scanAll(table: string): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const out = await dynamo.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...((out.Items ?? []) as Item[]));
    ExclusiveStartKey = out.LastEvaluatedKey as Item | undefined;
  } while (ExclusiveStartKey);
  return items;
}

/** Sets have no order: DynamoDB may return their members in any. */
function normalized(item: Item | undefined): Item | undefined {
  if (!item) return item;
  const value = (v: AttributeValue): AttributeValue =>
    v.SS ? { SS: [...v.SS].sort() } : v.NS ? { NS: [...v.NS].sort() } : v.BS ? { BS: [...v.BS].sort(Buffer.compare) } : v.M ? { M: normalized(v.M)! } : v.L ? { L: v.L.map(value) } : v;
  return Object.fromEntries(Object.entries(item).map(([name, v]) => [name, value(v)]));
}
const keyOf = (item: Item) => `${item.pk?.S}|${item.sk?.S}`;
const byKey = (items: Item[]) => new Map(items.map((item) => [keyOf(item), item]));
const typeOf = (item: Item) => {
  const pk = item.pk!.S!;
  const prefix = pk.includes('#') ? pk.slice(0, pk.indexOf('#')) : pk;
  if (prefix !== 'JOURNAL') return prefix;
  const sk = item.sk!.S!;
  return sk.includes('#~F#') ? 'JOURNAL:final' : sk.includes('#~S#') ? 'JOURNAL:state' : sk.endsWith('#L') ? 'JOURNAL:lesson' : sk.includes('#M#') ? 'JOURNAL:mark' : 'JOURNAL:attendance';
};
const countByType = (items: Item[]) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[typeOf(item)] = (counts[typeOf(item)] ?? 0) + 1;
  return counts;
};

let expiredKeys: Set<string>;
let nightly: { id: string; itemCount: number; skippedExpired: number; parts: number };
let tableAtBackup: Item[];
let damagedId: string;

beforeAll(async () => {
  stack = await startTestStack({ prepare: async () => (await writeFixtureSchool(), await createFixtureAccounts()) });
  ({ dynamo } = await import('#functions/lib/dynamo-client.ts'));
  ({ s3 } = await import('#functions/lib/s3-client.ts'));
  backup = await import('#functions/backup/backup-store.ts');
  restore = await import('#functions/backup/restore.ts');
  restoreTable = await import('#functions/backup/restore-table.ts');
  const { live, expired } = extraItems();
  for (const Item of [...live, ...expired]) await dynamo.send(new PutItemCommand({ TableName: TABLE, Item }));
  expiredKeys = new Set(expired.map(keyOf));
}, 120_000);
afterAll(() => stack?.close());

describe('the nightly export (backup-table)', () => {
  it('writes parts and a manifest whose counts per entity type are the table\'s', async () => {
    nightly = (await stack.runJob('backup-table')) as typeof nightly;
    tableAtBackup = (await scanAll(TABLE)).filter((item) => !expiredKeys.has(keyOf(item)));
    expect(tableAtBackup.length).toBeGreaterThan(400);

    const manifest = (await backup.readManifest(BUCKET, nightly.id))!;
    expect(manifest.id).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}Z$/);
    expect(manifest).toMatchObject({ table: TABLE, itemFormat: 'dynamodb-json', compression: 'gzip', itemCount: tableAtBackup.length, skippedExpired: 5 });
    expect(Object.fromEntries(Object.entries(manifest.entities).map(([type, s]) => [type, s.count]))).toEqual(countByType(tableAtBackup));
    expect(manifest.entities['JOURNAL:mark']!.count).toBe(200);
    expect(manifest.parts.reduce((n, p) => n + p.items, 0)).toBe(tableAtBackup.length);
    expect(manifest.bytes).toBe(manifest.parts.reduce((n, p) => n + p.bytes, 0));
    // Each part is where the manifest says, with its size and SHA-256.
    for (const part of manifest.parts) {
      const body = (await backup.getObjectBytes(BUCKET, part.key))!;
      expect(part.key).toMatch(new RegExp(`^backups/${nightly.id}/part-\\d{5}\\.ndjson\\.gz$`));
      expect({ bytes: body.length, sha256: backup.sha256Hex(body) }).toEqual({ bytes: part.bytes, sha256: part.sha256 });
    }
  });

  it('never overwrites a backup: a second export in the same minute is refused and the first stays intact', async () => {
    const { exportTable } = await import('#functions/backup/export-table.ts');
    const at = new Date(Date.now() - 5 * 3600_000);
    const first = await exportTable({ tableName: TABLE, bucket: BUCKET, now: at, segments: 2, partMaxBytes: 20_000 });
    expect(first.parts.length).toBeGreaterThan(2);
    await expect(exportTable({ tableName: TABLE, bucket: BUCKET, now: at })).rejects.toThrow(/exists already/);
    const again = await restore.restoreBackup({ bucket: BUCKET, backup: first.id, targetTable: `${TABLE}-same-minute` });
    expect(again.ok).toBe(true);
    // Two segments and small parts hold the same items, so the same checksums as the nightly one —
    // but for the rate counters: five hours earlier, the expired ones had not expired yet.
    const { RATE: rateThen, ...then } = first.entities;
    const { RATE: rateNow, ...now } = (await backup.readManifest(BUCKET, nightly.id))!.entities;
    expect(then).toEqual(now);
    expect([rateThen!.count, rateNow!.count]).toEqual([1 + expiredKeys.size, 1]);
  });
});

describe('restore', () => {
  it('brings every item back into a fresh table, equal attribute by attribute, with matching checksums', async () => {
    const result = await restore.restoreBackup({ bucket: BUCKET, backup: 'latest', targetTable: `${TABLE}-restored-1` });
    expect(result).toMatchObject({ ok: true, created: true, written: tableAtBackup.length, differences: [], extraItems: 0 });
    expect(result.manifest.id).toBe(nightly.id);
    const restored = byKey(await scanAll(`${TABLE}-restored-1`));
    expect(restored.size).toBe(tableAtBackup.length);
    for (const item of tableAtBackup) expect(normalized(restored.get(keyOf(item))), keyOf(item)).toEqual(normalized(item));
    // Exact decimals, binary and sets survived.
    expect(restored.get('SECRET#backup-test|KEY')).toMatchObject({ big: { N: '12345678901234567890.123456789012345678' }, key: { B: new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]) } });
    // The restored table has the school table's indexes: a student's timeline answers there too.
    const description = await restoreTable.describeTable(`${TABLE}-restored-1`);
    expect(description?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(['due', 'gsi1', 'gsi2', 'gsi3']);
    // The same CreateTable as the local stack's own table (one definition, two builders).
    expect(restoreTable.tableInputOf('x')).toEqual(createTableInput('x'));
  });

  it('after an incident (marks deleted), brings the deleted items back — in a fresh table and over the damaged one', async () => {
    const victims = tableAtBackup.filter((item) => item.pk!.S === 'JOURNAL#c-2026-05-А#sub-backup-1' && typeOf(item) === 'JOURNAL:mark');
    expect(victims).toHaveLength(50);
    for (const victim of victims) await dynamo.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: victim.pk!, sk: victim.sk! } }));
    const gone = await dynamo.send(new GetItemCommand({ TableName: TABLE, Key: { pk: victims[0]!.pk!, sk: victims[0]!.sk! }, ConsistentRead: true }));
    expect(gone.Item).toBeUndefined();

    const fresh = await restore.restoreBackup({ bucket: BUCKET, backup: nightly.id, targetTable: `${TABLE}-restored-2` });
    expect(fresh.ok).toBe(true);
    const restored = byKey(await scanAll(`${TABLE}-restored-2`));
    for (const victim of victims) expect(restored.get(keyOf(victim))).toEqual(victim);

    // A table in use is refused without --force …
    await expect(restore.restoreBackup({ bucket: BUCKET, backup: nightly.id, targetTable: TABLE })).rejects.toThrow(restore.TargetNotEmptyError);
    // … and with it the backup's items are written over it; what came later is left alone.
    await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: { pk: S('NOTES#p-after'), sk: S('01JAFTER'), inApp: { BOOL: true } } }));
    const over = await restore.restoreBackup({ bucket: BUCKET, backup: nightly.id, targetTable: TABLE, force: true });
    // Not the backup's: the item written after it, and the expired counters DynamoDB has not yet removed.
    expect(over).toMatchObject({ ok: true, created: false, extraItems: 1 + expiredKeys.size });
    const live = byKey(await scanAll(TABLE));
    for (const victim of victims) expect(live.get(keyOf(victim))).toEqual(victim);
    expect(live.has('NOTES#p-after|01JAFTER')).toBe(true);
  });

  it('refuses a backup with a damaged part, naming it, before touching any table', async () => {
    const { exportTable } = await import('#functions/backup/export-table.ts');
    const damaged = await exportTable({ tableName: TABLE, bucket: BUCKET, now: new Date(Date.now() - 3 * 3600_000), partMaxBytes: 50_000 });
    damagedId = damaged.id;
    const part = damaged.parts[1]!;
    const body = Buffer.from((await backup.getObjectBytes(BUCKET, part.key))!);
    body[Math.floor(body.length / 2)]! ^= 0x01; // one bit flipped
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: part.key, Body: body }));

    const attempt = restore.restoreBackup({ bucket: BUCKET, backup: damaged.id, targetTable: `${TABLE}-from-damaged` });
    await expect(attempt).rejects.toThrow(restore.BackupCorruptError);
    await expect(attempt).rejects.toThrow(`${part.key}: SHA-256 differs from the manifest`);
    expect(await restoreTable.describeTable(`${TABLE}-from-damaged`)).toBeUndefined();
  });

  it('as a command: `npm run restore` against the running stack prints the summary and exits 0; a damaged backup exits 3', async () => {
    const env = { ...process.env, PORT: String(stack.port), LOG_LEVEL: 'warn' };
    const cli = (...args: string[]) => run('npx', ['tsx', 'infra/local/restore-backup.ts', ...args], { env, cwd: process.cwd() });
    const ok = await cli('--backup', 'latest', '--into-table', `${TABLE}-cli`);
    expect(ok.stdout).toContain(`Копия / backup ${nightly.id}`);
    expect(ok.stdout).toMatch(/JOURNAL:mark\s+200 ✓/);
    expect(ok.stdout).toContain('совпадает с описью копии / matches the manifest');

    const refused = await cli('--into-table', `${TABLE}-cli`).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain('--force');

    const failed = await cli('--backup', damagedId, '--into-table', `${TABLE}-cli-2`).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 3 });
    expect((failed as { stderr: string }).stderr).toContain('Копия повреждена');
  }, 90_000);
});

describe('the monthly restore drill', () => {
  const outbox = async () =>
    (await (await fetch(`http://127.0.0.1:${stack.port}/outbox/messages.json`)).json()) as { to: string[]; subject: string; text: string }[];

  it('restores the latest backup into a scratch table, deletes it, keeps its result and tells the director once', async () => {
    const first = (await stack.runJob('restore-drill')) as { ok: boolean; backupId: string; itemCount: number; mailId: string };
    const second = (await stack.runJob('restore-drill')) as typeof first;
    expect(first).toMatchObject({ ok: true, backupId: nightly.id, itemCount: tableAtBackup.length, problems: [] });
    expect(second.mailId).toBe(first.mailId);

    const { schoolToday } = await import('#functions/lib/school-clock.ts');
    const today = schoolToday();
    expect(await restoreTable.describeTable(`${TABLE}-drill-${today}`)).toBeUndefined();
    const stored = JSON.parse(Buffer.from((await backup.getObjectBytes(BUCKET, `backups/${nightly.id}/drill-${today}.json`))!).toString('utf8'));
    expect(stored).toMatchObject({ backupId: nightly.id, ok: true, itemCount: tableAtBackup.length, problems: [] });
    expect(stored.entities['JOURNAL:mark']).toBe(200);

    await stack.runJob('deliver-mail');
    const reports = (await outbox()).filter((m) => m.subject.startsWith('Проверка восстановления резервной копии'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ to: [process.env.DIRECTOR_EMAIL], subject: 'Проверка восстановления резервной копии: успешно' });
    expect(reports[0]!.text).toContain(`Резервная копия ${nightly.id}`);
    expect(reports[0]!.text).toMatch(/отметки \(JOURNAL:mark\) — 200/);
    expect(reports[0]!.text).toContain('Расхождений с описью копии нет');
  }, 60_000);

  it('reports a failure when no backup is younger than two days', async () => {
    const { runRestoreDrill } = await import('#functions/backup/restore-drill.ts');
    const later = new Date(Date.now() + 3 * 86_400_000);
    const outcome = await runRestoreDrill({ tableName: TABLE, bucket: BUCKET, schoolName: 'Школа', timeZone: 'Europe/Moscow', directorEmail: 'director@school.example', now: later });
    expect(outcome.ok).toBe(false);
    expect(outcome.problems.join(' ')).toContain('старше двух суток');
    const mail = await dynamo.send(new GetItemCommand({ TableName: TABLE, Key: { pk: S(`MAIL#${outcome.mailId}`), sk: S('MAIL') } }));
    expect(mail.Item?.subject?.S).toBe('Проверка восстановления резервной копии: ОШИБКА');
  });
});

describe('the list of backups', () => {
  it('shows complete backups newest first, with counts and the last drill; incomplete ones are left out', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'backups/2030-01-01T0000Z/part-00001.ndjson.gz', Body: 'x' }));
    const { listBackups } = await import('#functions/backup/list-backups.ts');
    const list = backupListSchema.parse(await listBackups(30));
    expect(list.items.map((b) => b.id)).toEqual([...list.items.map((b) => b.id)].sort().reverse());
    expect(list.items.map((b) => b.id)).not.toContain('2030-01-01T0000Z');
    expect(list.items).toHaveLength(3);
    expect(list.items[0]).toMatchObject({ id: nightly.id, itemCount: tableAtBackup.length, verified: { ok: true } });
    expect(list.items[0]!.entityCounts['JOURNAL:mark']).toBe(200);
    expect(list.items[1]!.verified).toBeUndefined();
    expect((await listBackups(1)).items.map((b) => b.id)).toEqual([nightly.id]);
    // The manifest read through S3 is the one the list describes.
    const raw = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `backups/${nightly.id}/manifest.json` }));
    expect(JSON.parse(await raw.Body!.transformToString()).bytes).toBe(list.items[0]!.bytes);
  });
});
