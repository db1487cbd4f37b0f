import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { OperationContract } from '#shared/api/operation.ts';
import type { LambdaHandler } from '#functions/http/lib/types.ts';
import { HTTP_FUNCTION_TIMEOUT_SECONDS, httpFunctionTimeoutSeconds } from '#shared/config/limits.ts';
import { createLogger } from '#functions/lib/logger.ts';
import { buildEvent } from './event.ts';
import { createJwtAuthorizer, type JwtAuthorizerConfig } from './jwt-authorizer.ts';
import { createRouteTable } from './route-table.ts';

/** API Gateway's own limits, so local behaviour matches the deployed API. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/**
 * How long a handler may run: the HTTP functions' Lambda timeout in AWS (shared/config/limits.ts).
 * It is shorter than API Gateway's integration timeout (30 s), so what the caller sees when a
 * function runs too long is a failed invocation: 500, as API Gateway answers a Lambda timeout.
 */
export const FUNCTION_TIMEOUT_MS = HTTP_FUNCTION_TIMEOUT_SECONDS * 1000;

export type ApiGatewayOptions = {
  operations: OperationContract[];
  defaultArea: string;
  /** Loads an area's Lambda entry module, the same file the CDK stack bundles. */
  loadArea: (area: string) => Promise<LambdaHandler>;
  authorizer: JwtAuthorizerConfig;
  /** The functions' timeout; each area's own (shared/config/limits.ts) unless a test needs a short one. */
  functionTimeoutMs?: number;
};

const log = createLogger({ service: 'klassny-local', component: 'api-gateway' });

/**
 * The HTTP API emulation: route selection, the JWT authorizer, a payload-2.0 event handed to the
 * very handler module the Lambda runs, and the Lambda's structured result written back.
 * Gateway-level failures answer with API Gateway's own bodies ({"message": ...}).
 */
export function createApiGateway(options: ApiGatewayOptions) {
  const routes = createRouteTable(options.operations, options.defaultArea);
  const timeoutOf = (areaName: string) => options.functionTimeoutMs ?? httpFunctionTimeoutSeconds(areaName) * 1000;
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
    // A path API Gateway cannot decode (a malformed % escape) is refused before routing.
    if (!decodablePath(url.pathname)) return gatewayAnswer(res, 400, 'Bad Request');
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
    const functionTimeoutMs = timeoutOf(route.area);
    const context = lambdaContext(`klassny-${route.area}`, started, functionTimeoutMs);
    let result: Awaited<ReturnType<LambdaHandler>>;
    try {
      const handler = await area(route.area);
      result = await withTimeout(handler(event, context), functionTimeoutMs);
    } catch (error) {
      const timedOut = error instanceof Error && error.message === 'function timeout';
      log.error(timedOut ? 'function timed out' : 'integration failed', {
        routeKey: route.routeKey,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
      // A Lambda timeout and an unhandled error are both failed invocations to API Gateway.
      return gatewayAnswer(res, 500, 'Internal Server Error');
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
      timer = setTimeout(() => reject(new Error('function timeout')), ms);
    }),
  ]);
}

function decodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function lambdaContext(functionName: string, started: number, timeoutMs: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
