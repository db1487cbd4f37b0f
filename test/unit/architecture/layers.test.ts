import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

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

describe('the layering rules of docs/architecture.md', () => {
  it('the code as it is breaks none', async () => {
    const result = await cruise('shared', 'functions', 'infra', 'web/src');
    expect(result.output).toContain('no dependency violations');
    expect(result.ok).toBe(true);
  }, 60_000);

  // One wrong module per rule, cruised together (one depcruise run instead of one each): each
  // must be reported under its own rule.
  const wrong = [
    {
      rule: 'services-know-no-http',
      what: 'a service importing from the HTTP layer',
      path: 'functions/journal/zz-wrong-import.tmp.ts',
      source: "import type { HttpEvent } from '#functions/http/lib/types.ts';\nexport type X = HttpEvent;\n",
    },
    {
      rule: 'domain-is-pure',
      what: 'the domain importing a contract',
      path: 'shared/domain/zz-wrong-import.tmp.ts',
      source: "import { operations } from '../api/operations.ts';\nexport const n = operations.length;\n",
    },
    {
      rule: 'migrations-on-data',
      what: 'a data migration reaching a service',
      path: 'functions/migrations/zz-wrong-import.tmp.ts',
      source: "import { saveLesson } from '#functions/journal/save-lesson.ts';\nexport const f = saveLesson;\n",
    },
    {
      rule: 'handlers-call-services',
      what: 'a handler reaching a repository',
      path: 'functions/http/handlers/zz-wrong-import.tmp.ts',
      source: "import { getAccount } from '#functions/data/account-repository.ts';\nexport const f = getAccount;\n",
    },
  ];
  let wrongResult: { ok: boolean; output: string };
  beforeAll(async () => {
    for (const m of wrong) writeFileSync(join(root, m.path), m.source);
    try {
      wrongResult = await cruise(...wrong.map((m) => m.path));
    } finally {
      for (const m of wrong) rmSync(join(root, m.path), { force: true });
    }
  }, 60_000);

  for (const m of wrong) {
    it(`${m.what} fails: ${m.rule}`, () => {
      expect(wrongResult.ok).toBe(false);
      expect(wrongResult.output).toMatch(new RegExp(`${m.rule}: ${m.path.replace(/[.]/g, '\\.')}`));
    });
  }
});
