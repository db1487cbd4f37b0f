import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SchoolConfig } from '#shared/config/school-config.ts';
import type { FunctionEnv } from '#shared/config/function-env.ts';
import { PASSWORD_POLICY } from '#shared/config/access-settings.ts';
import { PASSWORD_HISTORY_SIZE } from '#shared/config/limits.ts';
import { operations, DEFAULT_ROUTE_AREA } from '#shared/api/operations.ts';
import { LOCAL_TABLE_NAME } from '#shared/table/definition.ts';
import { schedules } from '#functions/scheduled/schedules.ts';
import type { LambdaHandler } from '#functions/http/lib/types.ts';
import type { WebRuntimeConfig } from '#infra/lib/web-site.ts';
import { createLogger, errorFields } from '#functions/lib/logger.ts';
import { createApiGateway } from './api-gateway/api-gateway.ts';
import { createCognitoEmulator } from './cognito/index.ts';
import { createDynamoFront, ensureTable, resolveDynamoModes, type DynamoModes } from './dynamo/index.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createOutboxStore } from './ses/outbox-store.ts';
import { createOutboxPages } from './ses/outbox-pages.ts';
import { createSesV2Endpoint } from './ses/sesv2-endpoint.ts';
import { createS3Endpoint } from './s3/index.ts';
import { startScheduler } from './scheduler.ts';
import { createStaticSite } from './static-site.ts';
import { createSignInRateLimiter, type SignInRateLimit } from './sign-in-rate-limit.ts';
import { refuseRemoteCaller } from './loopback-guard.ts';

export const LOCAL_USER_POOL_ID = 'local_klassny';
export const LOCAL_CLIENT_ID = 'klassny-web';
export const ROLE_GROUPS = ['director', 'coordinator', 'operator', 'teacher', 'student', 'parent'];
/**
 * The local stack's one IAM identity: the functions sign their AWS calls with it (AWS_* variables
 * of localAwsEnv) and the Cognito emulator accepts admin calls signed with it and nothing else.
 */
export const LOCAL_AWS_CREDENTIALS = { region: 'eu-central-1', accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** The bucket of homework files (FILES_BUCKET), created by the stack at start. */
export const LOCAL_FILES_BUCKET = 'klassny-files';
/**
 * The bucket of the nightly table exports (BACKUPS_BUCKET, docs/backups.md), created at start like
 * the files bucket; on disk under `<data folder>/s3/klassny-backups/`.
 */
export const LOCAL_BACKUPS_BUCKET = 'klassny-backups';

export type LocalStackOptions = {
  root: string;
  port: number;
  host: string;
  /** Where everything is kept between runs; undefined keeps it in memory (tests). */
  dataDir?: string;
  school: SchoolConfig;
  scheduler: boolean;
  /** Runs once the stand-ins answer and before the API opens (the demo seed). */
  prepare?: () => Promise<void>;
  /** Sign-in calls per address and window (the web ACL's rule in AWS); defaults to RATE_LIMITS.signInPerAddress. */
  signInRateLimit?: SignInRateLimit;
  /**
   * The local DynamoDB's opt-in modes (docs/local-dynamodb.md): transaction conflicts, GSI lag.
   * Each one not given here comes from KLASSNY_DYNAMO_CONFLICTS / KLASSNY_DYNAMO_INDEX_LAG_MS; off by default.
   */
  dynamo?: DynamoModes;
  /**
   * Answer /dynamodb, /ses/ and /outbox/ (no authentication of their own) to callers on other
   * machines too; by default only loopback callers get them, others 403 (KLASSNY_EXPOSE_LOCAL_AWS=1).
   */
  exposeLocalAws?: boolean;
};

export type LocalStack = {
  url: string;
  port: number;
  runJob(name: string, event?: unknown): Promise<unknown>;
  close(): Promise<void>;
};

const log = createLogger({ service: 'klassny-local' });

/**
 * The local stand-in for AWS, in one process and on one port: DynamoDB (dynalite with
 * transactions), Cognito, SES v2 with its outbox page, S3 (homework files), the HTTP API with its
 * JWT authorizer, the scheduler, and the web site with its /config.json.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  let ready = false;
  let draining = false;
  let inFlight = 0;
  let routes: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;

  const server = createServer((req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
    const handle = routes ?? (async (_req: IncomingMessage, r: ServerResponse) => unavailable(r));
    handle(req, res).catch((error: unknown) => {
      log.error('local request failed', { path: req.url?.split('?')[0], ...errorFields(error) });
      if (!res.headersSent) unavailable(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host}:${port}`;
  const internal = `http://127.0.0.1:${port}`;
  const dataPath = (name: string) => (options.dataDir ? join(options.dataDir, name) : undefined);

  Object.assign(process.env, localFunctionEnv(options.school, url), localAwsEnv(internal, url));

  const dynamo = await createDynamoFront({
    dataDir: dataPath('dynamodb'),
    log: (m) => log.error(m, { component: 'dynamodb' }),
    ...resolveDynamoModes(options.dynamo),
  });
  const cognito = createCognitoEmulator({
    dataDir: dataPath('cognito'),
    userPoolId: LOCAL_USER_POOL_ID,
    clientId: LOCAL_CLIENT_ID,
    issuerBaseUrl: `${url}/cognito`,
    iam: LOCAL_AWS_CREDENTIALS,
    groups: ROLE_GROUPS,
    // The pool's policy in AWS (infra/lib/user-directory.ts), in the emulator's field names.
    passwordPolicy: {
      minimumLength: PASSWORD_POLICY.minLength,
      requireLowercase: PASSWORD_POLICY.requireLowercase,
      requireUppercase: PASSWORD_POLICY.requireUppercase,
      requireNumbers: PASSWORD_POLICY.requireDigits,
      requireSymbols: PASSWORD_POLICY.requireSymbols,
    },
    passwordHistorySize: PASSWORD_HISTORY_SIZE,
    // The pool's trigger in AWS (infra/lib/school-stack.ts), the same module, called at the same moment.
    triggers: {
      postAuthentication: async (event) => (await import('../../functions/identity/record-sign-in.ts')).handler(event),
    },
    onError: (m) => log.error(m, { component: 'cognito' }),
  });
  const signInLimiter = createSignInRateLimiter(options.signInRateLimit);
  const outbox = createOutboxStore(dataPath('outbox'));
  const s3 = await createS3Endpoint({
    dataDir: dataPath('s3'),
    credentials: LOCAL_AWS_CREDENTIALS,
    basePath: '/s3',
    onError: (m) => log.error(m, { component: 's3' }),
  });
  const sesEndpoint = createSesV2Endpoint(outbox);
  const outboxPages = createOutboxPages(outbox);
  const site = createStaticSite(join(options.root, 'web', 'dist'));
  const api = createApiGateway({
    operations,
    defaultArea: DEFAULT_ROUTE_AREA,
    loadArea: async (area) => ((await import(`../../functions/http/areas/${area}.ts`)) as { handler: LambdaHandler }).handler,
    authorizer: { issuer: cognito.issuer, audience: [LOCAL_CLIENT_ID], jwksUrl: `${internal}/cognito/${LOCAL_USER_POOL_ID}/.well-known/jwks.json` },
  });
  const runJob = async (name: string, event: unknown = { source: 'klassny.local', job: name, time: new Date().toISOString() }) => {
    if (!schedules.some((s) => s.name === name)) throw new Error(`unknown job: ${name} (known: ${schedules.map((s) => s.name).join(', ')})`);
    const job = (await import(`../../functions/scheduled/${name}.ts`)) as { handler: (e: unknown) => Promise<unknown> };
    return job.handler(event);
  };

  routes = async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!options.exposeLocalAws && refuseRemoteCaller(req, res, path)) return;
    if (path.startsWith('/dynamodb')) return dynamo.handle(req, res);
    if (path === '/cognito' || path.startsWith('/cognito/')) {
      if (signInLimiter.reject(req, res)) return;
      return cognito.handle(req, res, path.slice('/cognito'.length) || '/');
    }
    if (path.startsWith('/ses/')) return sesEndpoint(req, res, path.slice('/ses'.length));
    // Not behind the loopback guard: like S3 itself, every request must carry the stack's SigV4
    // signature (a presigned URL included), and browsers on other machines use presigned URLs.
    if (path === '/s3' || path.startsWith('/s3/')) return s3.handle(req, res);
    if (path === '/outbox' || path.startsWith('/outbox/')) return outboxPages(req, res, path.slice('/outbox'.length) || '/');
    if (path === '/config.json') return siteConfig(req, res);
    if (path.startsWith('/api/') || path === '/api') {
      if (!ready || draining) return unavailable(res);
      return api(req, res);
    }
    return site(req, res);
  };

  /** The site's runtime config, written by the deployment in AWS (infra/lib) and served here. */
  function siteConfig(req: IncomingMessage, res: ServerResponse) {
    const origin = `http://${req.headers.host ?? `localhost:${port}`}`;
    json(res, 200, {
      apiUrl: '',
      region: LOCAL_AWS_CREDENTIALS.region,
      cognitoEndpoint: `${origin}/cognito/`,
      userPoolId: LOCAL_USER_POOL_ID,
      userPoolClientId: LOCAL_CLIENT_ID,
      schoolName: options.school.schoolName,
      timeZone: options.school.timeZone,
    } satisfies WebRuntimeConfig);
  }

  let scheduler: ReturnType<typeof startScheduler> | undefined;
  try {
    // The table and its indexes come from the one definition the CDK stack also uses.
    const tables = new DynamoDBClient({ endpoint: `${internal}/dynamodb` });
    const { missingIndexes } = await ensureTable(tables, LOCAL_TABLE_NAME);
    tables.destroy();
    if (missingIndexes.length) {
      throw new Error(`the local table lacks indexes ${missingIndexes.join(', ')} (added since it was created): start once with --reset`);
    }
    await ensureBucket(`${internal}/s3`, LOCAL_FILES_BUCKET);
    await ensureBucket(`${internal}/s3`, LOCAL_BACKUPS_BUCKET);
    await options.prepare?.();
  } catch (error) {
    await closeAll();
    throw error;
  }
  scheduler = options.scheduler ? startScheduler(schedules, options.school.timeZone, (name) => runJob(name)) : undefined;
  ready = true;

  async function closeAll() {
    draining = true;
    await scheduler?.stop();
    // Let requests already accepted finish: their writes are acknowledged only when they answer.
    const deadline = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await cognito.close();
    await dynamo.close();
    await s3.close();
  }

  return { url, port, runJob, close: closeAll };
}

/** The functions read these, exactly as they read the Lambda environment in AWS. */
export function localFunctionEnv(school: SchoolConfig, webUrl: string): FunctionEnv {
  return {
    TABLE_NAME: LOCAL_TABLE_NAME,
    USER_POOL_ID: LOCAL_USER_POOL_ID,
    USER_POOL_CLIENT_ID: LOCAL_CLIENT_ID,
    SCHOOL_ID: school.schoolId,
    SCHOOL_NAME: school.schoolName,
    SCHOOL_TIME_ZONE: school.timeZone,
    DIRECTOR_EMAIL: school.directorEmail,
    MAIL_FROM: school.mailFrom,
    WEB_URL: webUrl,
    FILES_BUCKET: LOCAL_FILES_BUCKET,
    BACKUPS_BUCKET: LOCAL_BACKUPS_BUCKET,
    LOG_LEVEL: (process.env.LOG_LEVEL as FunctionEnv['LOG_LEVEL']) ?? 'info',
  };
}

/**
 * The SDK's standard variables pointing every client at the stand-ins (no code knows it is local).
 * S3 is the one service whose addresses reach browsers (presigned URLs): its endpoint is the site's
 * own address, so an upload is a same-origin request (the signed host must be the one the browser
 * calls; 127.0.0.1 and localhost are different origins).
 */
export function localAwsEnv(internalUrl: string, siteUrl = internalUrl): Record<string, string> {
  return {
    AWS_REGION: LOCAL_AWS_CREDENTIALS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
    // A session token left in the shell (real AWS credentials) would be signed along and refused.
    AWS_SESSION_TOKEN: '',
    AWS_ENDPOINT_URL_DYNAMODB: `${internalUrl}/dynamodb`,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `${internalUrl}/cognito`,
    AWS_ENDPOINT_URL_SESV2: `${internalUrl}/ses`,
    AWS_ENDPOINT_URL_S3: `${siteUrl}/s3`,
    // CloudWatch has no stand-in: the business metrics' EMF lines (functions/lib/metrics.ts) would only fill the console.
    POWERTOOLS_METRICS_DISABLED: 'true',
  };
}

/** The stack's bucket, created through the S3 API as a deployment would (already there on a restart). */
async function ensureBucket(endpoint: string, bucket: string): Promise<void> {
  const client = new S3Client({ endpoint, forcePathStyle: true, maxAttempts: 1 });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if ((error as { name?: string }).name !== 'BucketAlreadyOwnedByYou') throw error;
  } finally {
    client.destroy();
  }
}

function json(res: ServerResponse, status: number, payload: unknown) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function unavailable(res: ServerResponse, status = 503, message = 'Service Unavailable') {
  json(res, status, { message });
}
