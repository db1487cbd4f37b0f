import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * What the browser tests need of the running stack beyond the site: a scheduled job run now
 * (`npm run job`, attached to the stack on the tests' port), and an unsubscribe link signed with
 * the stack's key as an e-mail would carry it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const env = { ...process.env, PORT: '3999', KLASSNY_DATA_DIR: '.tmp/browser-data' };

export async function runJob(name: string): Promise<string> {
  const { stdout } = await run('npx', ['tsx', 'infra/local/run-job.ts', name], { cwd: root, env });
  return stdout;
}

export async function unsubscribeTokenOf(personId: string, scope: string): Promise<string> {
  const { stdout } = await run('npx', ['tsx', 'test/browser/unsubscribe-token.ts', personId, scope], { cwd: root, env });
  return stdout.trim();
}
