/**
 * `npm start`: the whole product on one machine. Options: `--reset` starts afresh;
 * PORT (default 3000), HOST (default 127.0.0.1), KLASSNY_DATA_DIR (default .data/),
 * KLASSNY_SCHOOL (default demo → infra/schools/demo.json), KLASSNY_EXPOSE_LOCAL_AWS=1 (answer
 * /dynamodb, /ses/ and /outbox/ to other machines too; by default only to this one).
 */
import './quiet-sdk.ts';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPendingMigrations } from './local-migrations.ts';
import { DEMO_PASSWORD, demoAccounts } from './seed/demo-accounts.ts';
import { seedDemoSchool } from './seed/seed.ts';
import { loadSchoolConfig } from './school-config.ts';
import { startLocalStack } from './stack.ts';
import { ensureWebBuilt } from './web-build.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const say = (line: string) => process.stdout.write(line + '\n');

async function main() {
  const started = Date.now();
  const reset = process.argv.includes('--reset');
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = resolve(root, process.env.KLASSNY_DATA_DIR ?? '.data');
  const school = loadSchoolConfig(root);

  await ensureWebBuilt(root, say);
  if (reset) {
    await rm(dataDir, { recursive: true, force: true });
    say(`Данные удалены (${dataDir}): начинаем с чистого листа.`);
  }
  const readyFrom = Date.now();
  const stack = await startLocalStack({
    root,
    port,
    host,
    dataDir,
    school,
    scheduler: true,
    exposeLocalAws: process.env.KLASSNY_EXPOSE_LOCAL_AWS === '1',
    prepare: async () => {
      const { seeded } = await seedDemoSchool();
      if (seeded) say('Демо-школа создана.');
      // A data folder of an earlier release is brought to this release's layout before the API opens.
      await runPendingMigrations(say);
    },
  });

  const width = Math.max(...demoAccounts.map((a) => a.login.length));
  say('');
  say(`Классный журнал — ${school.schoolName}`);
  say(`  Открыть:        ${stack.url}/`);
  say(`  API:            ${stack.url}/api/health · описание ${stack.url}/api/openapi.json`);
  say(`  Почта (SES):    ${stack.url}/outbox/`);
  say(`  Данные:         ${dataDir}`);
  say('');
  say(`Демо-учётные записи (пароль ${DEMO_PASSWORD}, если не указан другой):`);
  for (const a of demoAccounts) {
    say(`  ${a.login.padEnd(width)}  ${a.displayName} — ${a.note}${a.temporaryPassword ? ` (временный пароль ${a.temporaryPassword})` : ''}`);
  }
  say('');
  say(`Готово за ${((Date.now() - readyFrom) / 1000).toFixed(1)} с (всего ${((Date.now() - started) / 1000).toFixed(1)} с). Ctrl-C — остановить.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: останавливаюсь, дожидаюсь начатых запросов…`);
    await stack.close();
    say('Остановлено. Данные сохранены.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Не удалось запустить: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && /EADDRINUSE/.test(error.message)) {
    process.stderr.write('Порт занят: укажите другой, например PORT=3001 npm start\n');
  }
  process.exit(1);
});
