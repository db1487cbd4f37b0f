import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The one-way house is checked by dependency-cruiser (.dependency-cruiser.cjs) in `npm test`.
 * Here: the tree as it is passes, and a deliberately wrong import fails with the rule it breaks —
 * so the check cannot silently stop checking (a path regex that matches nothing, say).
 */
const root = join(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

async function cruise(...paths: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run('npx', ['depcruise', ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** Writes a module with one wrong import for the duration of a check (named so that nothing else picks it up). */
async function withModule(path: string, source: string, check: () => Promise<void>) {
  const file = join(root, path);
  writeFileSync(file, source);
  try {
    await check();
  } finally {
    rmSync(file, { force: true });
  }
}

describe('the layering rules of docs/architecture.md', () => {
  it('the code as it is breaks none', async () => {
    const result = await cruise('shared', 'functions', 'infra', 'web/src');
    expect(result.output).toContain('no dependency violations');
    expect(result.ok).toBe(true);
  }, 60_000);

  it('a service importing from the HTTP layer fails: services-know-no-http', async () => {
    await withModule('functions/journal/zz-wrong-import.tmp.ts', "import type { HttpEvent } from '#functions/http/lib/types.ts';\nexport type X = HttpEvent;\n", async () => {
      const result = await cruise('functions/journal/zz-wrong-import.tmp.ts');
      expect(result.ok).toBe(false);
      expect(result.output).toContain('services-know-no-http');
    });
  }, 60_000);

  it('the domain importing a contract fails: domain-is-pure', async () => {
    await withModule('shared/domain/zz-wrong-import.tmp.ts', "import { operations } from '../api/operations.ts';\nexport const n = operations.length;\n", async () => {
      const result = await cruise('shared/domain/zz-wrong-import.tmp.ts');
      expect(result.ok).toBe(false);
      expect(result.output).toContain('domain-is-pure');
    });
  }, 60_000);

  it('a data migration reaching a service fails: migrations-on-data', async () => {
    await withModule('functions/migrations/zz-wrong-import.tmp.ts', "import { saveLesson } from '#functions/journal/save-lesson.ts';\nexport const f = saveLesson;\n", async () => {
      const result = await cruise('functions/migrations/zz-wrong-import.tmp.ts');
      expect(result.ok).toBe(false);
      expect(result.output).toContain('migrations-on-data');
    });
  }, 60_000);

  it('a handler reaching a repository fails: handlers-call-services', async () => {
    await withModule('functions/http/handlers/zz-wrong-import.tmp.ts', "import { getAccount } from '#functions/data/account-repository.ts';\nexport const f = getAccount;\n", async () => {
      const result = await cruise('functions/http/handlers/zz-wrong-import.tmp.ts');
      expect(result.ok).toBe(false);
      expect(result.output).toContain('handlers-call-services');
    });
  }, 60_000);
});
