import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { OperationContract } from '#shared/api/operation.ts';
import type { LambdaHandler } from '#functions/http/lib/types.ts';
import { createLogger } from '#functions/lib/logger.ts';
import { buildEvent } from './event.ts';
import { createJwtAuthorizer, type JwtAuthorizerConfig } from './jwt-authorizer.ts';
import { createRouteTable } from './route-table.ts';

/** API Gateway's own limits, so local behaviour matches the deployed API. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const INTEGRATION_TIMEOUT_MS = 30_000;

export type ApiGatewayOptions = {
  operations: OperationContract[];
  defaultArea: string;
  /** Loads an area's Lambda entry module, the same file the CDK stack bundles. */
  loadArea: (area: string) => Promise<LambdaHandler>;
  authorizer: JwtAuthorizerConfig;
};

const log = createLogger({ service: 'klassny-local', component: 'api-gateway' });

/**
 * The HTTP API emulation: route selection, the JWT authorizer, a payload-2.0 event handed to the
 * very handler module the Lambda runs, and the Lambda's structured result written back.
 * Gateway-level failures answer with API Gateway's own bodies ({"message": ...}).
 */
export function createApiGateway(options: ApiGatewayOptions) {
  const routes = createRouteTable(options.operations, options.defaultArea);
  const authorize = createJwtAuthorizer(options.authorizer);
  const areas = new Map<string, Promise<LambdaHandler>>();
  const area = (name: string) => {
    let loaded = areas.get(name);
    if (!loaded) areas.set(name, (loaded = options.loadArea(name)));
    return loaded;
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req, MAX_PAYLOAD_BYTES);
    if (body === 'too-large') return gatewayAnswer(res, 413, 'Request Entity Too Large');
    const route = routes.match(req.method ?? 'GET', url.pathname);

    let authorizer: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    if (route.access === 'authenticated') {
      const result = await authorize(req.headers.authorization);
      if (!result.ok) {
        return gatewayAnswer(res, 401, 'Unauthorized', {
          'www-authenticate': `Bearer scope="" error="invalid_token" error_description="${result.description}"`,
        });
      }
      authorizer = result;
    }

    const event = buildEvent(req, url, body, route, authorizer);
    const context = lambdaContext(`klassny-${route.area}`, started);
    let result: Awaited<ReturnType<LambdaHandler>>;
    try {
      const handler = await area(route.area);
      result = await withTimeout(handler(event, context), INTEGRATION_TIMEOUT_MS);
    } catch (error) {
      const timedOut = error instanceof Error && error.message === 'integration timeout';
      log.error('integration failed', { routeKey: route.routeKey, errorName: error instanceof Error ? error.name : 'unknown' });
      return timedOut ? gatewayAnswer(res, 503, 'Service Unavailable') : gatewayAnswer(res, 500, 'Internal Server Error');
    }
    const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
    if (result.cookies?.length) headers['set-cookie'] = result.cookies;
    headers['apigw-requestid'] = event.requestContext.requestId;
    const payload = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
    res.writeHead(result.statusCode, { ...headers, 'content-length': String(payload.length) });
    res.end(payload);
  };
}

function gatewayAnswer(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'apigw-requestid': randomUUID(), ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('integration timeout')), ms);
    }),
  ]);
}

function lambdaContext(functionName: string, started: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, INTEGRATION_TIMEOUT_MS - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
