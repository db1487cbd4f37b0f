/**
 * With HOST=0.0.0.0 the local stack is reachable from the network. The stand-ins without any
 * authentication of their own — /dynamodb, /ses/, /outbox/ — answer only callers on this
 * machine (by the socket's peer address) unless KLASSNY_EXPOSE_LOCAL_AWS=1; the site, the API,
 * Cognito (whose admin calls need the stack's SigV4 credentials) and S3 (every request signed,
 * presigned URLs included) stay reachable.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, refuseRemoteCaller, REMOTE_REFUSED_MESSAGE } from '#infra/local/loopback-guard.ts';
import { loadSchoolConfig } from '#infra/local/school-config.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_FILES_BUCKET, LOCAL_USER_POOL_ID, startLocalStack, type LocalStack } from '#infra/local/stack.ts';
import { root } from '../../support/local-stack.ts';

/** An address of this machine that is not loopback (connections to it do not come from loopback). */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('the guard', () => {
  it('knows loopback addresses, IPv4, IPv6 and IPv4-mapped', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ['192.0.2.2', '::ffff:192.0.2.2', '10.0.0.1', 'fd00::2', '::', '0.0.0.0', '128.0.0.1', '', undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('answers other machines 403 on /dynamodb, /ses/ and /outbox/ only', () => {
    const fake = (remoteAddress: string) => {
      const out: { status?: number; body?: string } = {};
      const res = {
        writeHead: (status: number) => ((out.status = status), res),
        end: (body: string) => void (out.body = body),
      } as unknown as ServerResponse;
      return { req: { socket: { remoteAddress } } as unknown as IncomingMessage, res, out };
    };
    for (const path of ['/dynamodb', '/dynamodb/', '/ses/v2/email/outbound-emails', '/outbox', '/outbox/', '/outbox/messages.json']) {
      const remote = fake('203.0.113.9');
      expect(refuseRemoteCaller(remote.req, remote.res, path), path).toBe(true);
      expect(remote.out.status).toBe(403);
      expect(JSON.parse(remote.out.body!)).toEqual({ message: REMOTE_REFUSED_MESSAGE });
      const local = fake('::ffff:127.0.0.1');
      expect(refuseRemoteCaller(local.req, local.res, path), path).toBe(false);
      expect(local.out.status).toBeUndefined();
    }
    for (const path of ['/', '/index.html', '/api/health', '/cognito/', '/config.json', '/outboxes', '/s3/klassny-files/pending/a']) {
      expect(refuseRemoteCaller(fake('203.0.113.9').req, fake('203.0.113.9').res, path), path).toBe(false);
    }
  });
});

describe.skipIf(!lanAddress)(`the stack on 0.0.0.0, called at ${lanAddress ?? '(no non-loopback address)'}`, () => {
  let closed: LocalStack;
  let exposed: LocalStack;
  beforeAll(async () => {
    const school = loadSchoolConfig(root);
    [closed, exposed] = await Promise.all([
      startLocalStack({ root, port: 0, host: '0.0.0.0', school, scheduler: false }),
      startLocalStack({ root, port: 0, host: '0.0.0.0', school, scheduler: false, exposeLocalAws: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([closed?.close(), exposed?.close()]);
  });

  const from = (stack: LocalStack, where: 'lan' | 'loopback', path: string, init?: RequestInit) =>
    fetch(`http://${where === 'lan' ? lanAddress : '127.0.0.1'}:${stack.port}${path}`, init);
  const listTables = { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' };
  const sendEmail = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ FromEmailAddress: 'a@b.test', Destination: { ToAddresses: ['c@d.test'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }),
  };

  it('refuses /dynamodb, /ses/ and /outbox/ to another machine with 403 and a short explanation', async () => {
    for (const [path, init] of [
      ['/dynamodb', listTables],
      ['/ses/v2/email/outbound-emails', sendEmail],
      ['/outbox/', undefined],
      ['/outbox/messages.json', undefined],
    ] as const) {
      const response = await from(closed, 'lan', path, init);
      expect(response.status, path).toBe(403);
      expect(await response.json()).toEqual({ message: REMOTE_REFUSED_MESSAGE });
    }
    expect(((await (await from(closed, 'loopback', '/outbox/messages.json')).json()) as unknown[]).length).toBe(0);
  });

  it('still answers them on this machine', async () => {
    const tables = await from(closed, 'loopback', '/dynamodb', listTables);
    expect(tables.status).toBe(200);
    expect(((await tables.json()) as { TableNames: string[] }).TableNames.length).toBeGreaterThan(0);
    expect((await from(closed, 'loopback', '/outbox/')).status).toBe(200);
  });

  it('serves the site config, the API and Cognito\'s public side to the network', async () => {
    expect((await from(closed, 'lan', '/config.json')).status).toBe(200);
    expect((await from(closed, 'lan', `/cognito/${LOCAL_USER_POOL_ID}/.well-known/jwks.json`)).status).toBe(200);
    const unauthenticated = await from(closed, 'lan', '/api/users', { headers: { authorization: 'Bearer nope' } });
    expect(unauthenticated.status).toBe(401);
  });

  it('lets Cognito admin calls from the network through only with the stack\'s credentials', async () => {
    const unsigned = await from(closed, 'lan', '/cognito/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers' },
      body: JSON.stringify({ UserPoolId: LOCAL_USER_POOL_ID }),
    });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    const client = new CognitoIdentityProviderClient({
      endpoint: `http://${lanAddress}:${closed.port}/cognito`,
      region: LOCAL_AWS_CREDENTIALS.region,
      credentials: LOCAL_AWS_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      expect((await client.send(new ListUsersCommand({ UserPoolId: LOCAL_USER_POOL_ID }))).Users).toEqual([]);
    } finally {
      client.destroy();
    }
  });

  it('answers /s3/ to the network, signed requests only: a presigned URL for this address works', async () => {
    const unsigned = await from(closed, 'lan', `/s3/${LOCAL_FILES_BUCKET}/pending/lan`, { method: 'PUT', body: 'x' });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>AccessDenied</Code>');
    const client = new S3Client({
      endpoint: `http://${lanAddress}:${closed.port}/s3`,
      forcePathStyle: true,
      region: LOCAL_AWS_CREDENTIALS.region,
      credentials: LOCAL_AWS_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      await client.send(new PutObjectCommand({ Bucket: LOCAL_FILES_BUCKET, Key: 'pending/lan', Body: 'с телефона' }));
      const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: LOCAL_FILES_BUCKET, Key: 'pending/lan' }), { expiresIn: 60 });
      expect(new URL(url).hostname).toBe(lanAddress);
      expect(await (await fetch(url)).text()).toBe('с телефона');
    } finally {
      client.destroy();
    }
  });

  it('answers them to the network when asked to (KLASSNY_EXPOSE_LOCAL_AWS=1)', async () => {
    expect((await from(exposed, 'lan', '/outbox/messages.json')).status).toBe(200);
    expect((await from(exposed, 'lan', '/dynamodb', listTables)).status).toBe(200);
  });
});
