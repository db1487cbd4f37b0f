/**
 * The embedded stack the benchmark measures: the same `startLocalStack` as `npm start`, on an
 * ephemeral port of 127.0.0.1, scheduler off, over a copy of a seeded data folder.
 *
 * Seeding the demo school takes up to a minute, so the seeded folder is kept under
 * `.tmp/bench-data/<school>-<seed version>/` and reused; the seed version is a hash of the
 * seed's source files (and of the table layout), so changing the generator reseeds. Every run
 * works on a throw-away copy of it (the save scenario writes), so runs start from the same data.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDateOf } from '#shared/domain/dates.ts';
import { loadSchoolConfig } from '#infra/local/school-config.ts';
import { LOCAL_CLIENT_ID, startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { DEMO_PASSWORD } from '#infra/local/seed/demo-accounts.ts';

export const root = resolve(import.meta.dirname, '..');

/** Bump to reseed every cached folder when the bench's own expectations of the data change. */
const BENCH_SEED_FORMAT = 1;
/** The demo seed generates "the year up to today": an older seed lacks the recent weeks. */
const DEMO_SEED_MAX_AGE_DAYS = 7;

export type SchoolKind = 'demo' | 'fixture';

/** The logins that play each role, and the files whose content is the seed's version. */
const SCHOOLS: Record<SchoolKind, { teacher: string; parent: string; sources: string[] }> = {
  demo: { teacher: 'teacher', parent: 'parent', sources: ['infra/local/seed'] },
  fixture: { teacher: 't_math5', parent: 'p_father', sources: ['test/support/fixture-school.ts', 'infra/local/seed/demo-accounts.ts'] },
};
const LAYOUT_SOURCES = ['shared/table/definition.ts', 'functions/data/keys.ts'];

export type SeedInfo = {
  school: SchoolKind;
  seedVersion: string;
  /** The day the data was generated (the demo's "today"). */
  seededOn: string;
  seedSeconds: number;
  /** Items of the table by type, counted once after seeding. */
  items: Record<string, number>;
};

export type BenchStack = {
  stack: LocalStack;
  port: number;
  /** The DynamoDB endpoint of the stack, for the floor and for discovery. */
  dynamoEndpoint: string;
  seed: SeedInfo & { reused: boolean };
  logins: { teacher: string; parent: string };
  signIn(login: string): Promise<string>;
  close(): Promise<void>;
};

export function localDocumentClient(endpoint: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  // The same marshalling options as the functions' client (functions/lib/dynamo-client.ts).
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
}

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of await readdir(path)) out.push(...(await filesUnder(join(path, entry))));
  return out;
}

async function seedVersion(school: SchoolKind): Promise<string> {
  const hash = createHash('sha256').update(`bench-seed-format ${BENCH_SEED_FORMAT}\n`);
  const files: string[] = [];
  for (const source of [...SCHOOLS[school].sources, ...LAYOUT_SOURCES]) files.push(...(await filesUnder(join(root, source))));
  for (const file of files.sort()) hash.update(`${relative(root, file)}\n`).update(await readFile(file)).update('\n');
  return hash.digest('hex').slice(0, 12);
}

/** Today in the school's time zone (as the functions and the demo seed see it). */
export function schoolToday(): string {
  return localDateOf(Date.now(), loadSchoolConfig(root).timeZone);
}
const today = schoolToday;

function daysSince(date: string): number {
  return Math.floor((Date.parse(today()) - Date.parse(date)) / 86_400_000);
}

export function startOn(dataDir: string, prepare?: () => Promise<void>): Promise<LocalStack> {
  return startLocalStack({ root, port: 0, host: '127.0.0.1', dataDir, school: loadSchoolConfig(root), scheduler: false, prepare });
}

/**
 * Seeds in a child process (bench/seed.ts): the functions' SDK clients keep the endpoint of the
 * first stack they talked to, so the stack measured here must be the first this process starts.
 */
function seedInChild(school: SchoolKind, dataDir: string): Promise<Record<string, number>> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, join(root, 'bench', 'seed.ts'), school, dataDir],
      { cwd: root, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`seeding the ${school} school failed: ${error.message}\n${stderr.slice(-2000)}`));
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolvePromise((JSON.parse(last) as { items: Record<string, number> }).items);
        } catch {
          reject(new Error(`the seed process printed no item counts: ${stdout.slice(-500)}`));
        }
      },
    );
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The seeded folder for this school and seed version: reused if present and fresh, else made. */
async function seededFolder(school: SchoolKind, options: { fresh: boolean; say: (line: string) => void }): Promise<{ dir: string; info: SeedInfo; reused: boolean }> {
  const version = await seedVersion(school);
  const base = join(root, '.tmp', 'bench-data');
  const dir = join(base, `${school}-${version}`);
  const markerPath = join(dir, 'bench-seed.json');
  await mkdir(base, { recursive: true });
  for (const entry of await readdir(base)) {
    // Folders of older seed versions of this school are of no further use …
    const old = entry.startsWith(`${school}-`) && entry !== `${school}-${version}`;
    // … nor are the working copies of runs that died without cleaning up.
    const pid = /^run-(\d+)-/.exec(entry)?.[1];
    if (old || (pid && !alive(Number(pid)))) await rm(join(base, entry), { recursive: true, force: true });
  }
  const marker = await readFile(markerPath, 'utf8').then((t) => JSON.parse(t) as SeedInfo, () => undefined);
  const stale = marker && school === 'demo' && daysSince(marker.seededOn) > DEMO_SEED_MAX_AGE_DAYS;
  if (marker && !stale && !options.fresh) return { dir: join(dir, 'data'), info: marker, reused: true };

  options.say(`Seeding the ${school} school into ${relative(root, dir)} (seed version ${version}) …`);
  await rm(dir, { recursive: true, force: true });
  const partial = join(dir, 'data');
  const started = Date.now();
  const items = await seedInChild(school, partial);
  const info: SeedInfo = { school, seedVersion: version, seededOn: today(), seedSeconds: Math.round((Date.now() - started) / 100) / 10, items };
  await writeFile(markerPath, JSON.stringify(info, null, 2) + '\n');
  options.say(`Seeded in ${info.seedSeconds} s.`);
  return { dir: partial, info, reused: false };
}

/** Starts the stack on a throw-away copy of the seeded school. */
export async function startBenchStack(options: { school: SchoolKind; fresh?: boolean; say: (line: string) => void }): Promise<BenchStack> {
  const seeded = await seededFolder(options.school, { fresh: options.fresh ?? false, say: options.say });
  const workDir = join(root, '.tmp', 'bench-data', `run-${process.pid}-${Date.now()}`);
  await cp(seeded.dir, workDir, { recursive: true });
  let stack: LocalStack;
  try {
    stack = await startOn(workDir);
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
  const cognito = new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${stack.port}/cognito`, region: 'eu-central-1' });
  return {
    stack,
    port: stack.port,
    dynamoEndpoint: `http://127.0.0.1:${stack.port}/dynamodb`,
    seed: { ...seeded.info, reused: seeded.reused },
    logins: { teacher: SCHOOLS[options.school].teacher, parent: SCHOOLS[options.school].parent },
    async signIn(login) {
      const out = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: LOCAL_CLIENT_ID, AuthParameters: { USERNAME: login, PASSWORD: DEMO_PASSWORD } }),
      );
      const token = out.AuthenticationResult?.AccessToken;
      if (!token) throw new Error(`no token for ${login}: ${out.ChallengeName ?? 'no result'}`);
      return token;
    },
    async close() {
      cognito.destroy();
      try {
        await stack.close();
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    },
  };
}
