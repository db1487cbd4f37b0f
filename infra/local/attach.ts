import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schedules } from '#functions/scheduled/schedules.ts';
import { loadSchoolConfig } from './school-config.ts';
import { localAwsEnv, localFunctionEnv, startLocalStack } from './stack.ts';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Runs `work` against the local stand-ins: those of a running `npm start` on PORT when there is
 * one (its data folder is locked by it), otherwise a stack started just for this, on the same
 * data folder, without scheduler or web.
 */
export async function withLocalStack<T>(work: () => Promise<T>): Promise<T> {
  const port = Number(process.env.PORT ?? 3000);
  const school = loadSchoolConfig(root);
  const running = `http://127.0.0.1:${port}`;
  if (await answers(`${running}/api/health`)) {
    const site = `http://localhost:${port}`;
    Object.assign(process.env, localFunctionEnv(school, site), localAwsEnv(running, site));
    return work();
  }
  const stack = await startLocalStack({
    root,
    port: 0,
    host: '127.0.0.1',
    dataDir: resolve(root, process.env.KLASSNY_DATA_DIR ?? '.data'),
    school,
    scheduler: false,
  });
  try {
    return await work();
  } finally {
    await stack.close();
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

export function knownJobs(): string[] {
  return schedules.map((s) => s.name);
}
