import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

/** Builds web/dist when it is missing or older than its sources (web/ and the shared contracts it imports). */
export async function ensureWebBuilt(root: string, log: (line: string) => void): Promise<void> {
  const dist = join(root, 'web', 'dist', 'index.html');
  const sources = [join(root, 'web', 'src'), join(root, 'web', 'index.html'), join(root, 'shared')].filter(existsSync);
  if (existsSync(dist) && statSync(dist).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  log('Собираю веб-интерфейс (web/dist)…');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
  log(`Веб-интерфейс собран за ${((Date.now() - started) / 1000).toFixed(1)} с.`);
}
