import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../../support/local-stack.ts';

const port = 3900 + Math.floor(Math.random() * 90);
let dataDir: string;

function start(args: string[] = []): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, PORT: String(port), KLASSNY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Ctrl-C')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
  return { child, output: () => out, ready };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function signIn(login: string) {
  const res = await fetch(`http://127.0.0.1:${port}/cognito/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'klassny-web', AuthParameters: { USERNAME: login, PASSWORD: 'Klassny-2026!' } }),
  });
  return ((await res.json()) as { AuthenticationResult: { AccessToken: string } }).AuthenticationResult.AccessToken;
}

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start: one command, data kept between runs, Ctrl-C stops cleanly', () => {
  it('starts with the demo accounts, stops on SIGINT, and starts again with the same data', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'klassny-start-'));
    const first = start(['--reset']);
    await first.ready;
    expect(first.output()).toContain('Демо-школа создана');
    expect(first.output()).toContain(`http://localhost:${port}/`);
    expect(first.output()).toMatch(/director\s+Воронцова Елена Викторовна/);
    const token = await signIn('teacher');
    expect((await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    first.child.kill('SIGINT');
    expect(await exited(first.child)).toBe(0);
    expect(first.output()).toContain('Остановлено. Данные сохранены.');

    const second = start();
    await second.ready;
    expect(second.output()).not.toContain('Демо-школа создана');
    // The signature key, the users and the table all survived: the old token still verifies.
    const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ login: 'teacher', displayName: 'Кузнецова Марина Алексеевна' });
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 120_000);

  it('a busy port is reported in one clear line', async () => {
    const net = await import('node:net');
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const run = start();
      await expect(run.ready).rejects.toThrow(/Порт занят/);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
