/**
 * Admin operations (Admin*, ListUsers, CreateGroup, ListGroups) are IAM-authorized in AWS: the
 * emulator verifies their SigV4 signature against the pool's IAM credentials, and answers them
 * without CORS headers. Public operations (InitiateAuth, GetUser ...) need no signature.
 */
import { request } from 'node:http';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './flows.ts';
import { CLIENT_ID, IAM, POOL_ID, startEmulator, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startEmulator();
  for (const Username of ['user.aaaa', 'user.bbbb']) {
    await h.client.send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username, MessageAction: 'SUPPRESS' }));
  }
});
afterAll(async () => {
  await h.close();
});

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** An SDK client like the functions', with other credentials, region or clock. */
async function callWith(config: {
  accessKeyId?: string;
  secretAccessKey?: string;
  region?: string;
  systemClockOffset?: number;
}): Promise<{ name: string; message: string; status?: number }> {
  const client = new CognitoIdentityProviderClient({
    endpoint: h.endpoint,
    region: config.region ?? IAM.region,
    credentials: { accessKeyId: config.accessKeyId ?? IAM.accessKeyId, secretAccessKey: config.secretAccessKey ?? IAM.secretAccessKey },
    ...(config.systemClockOffset !== undefined ? { systemClockOffset: config.systemClockOffset } : {}),
    maxAttempts: 1,
  });
  try {
    return await failure(client.send(new ListUsersCommand({ UserPoolId: POOL_ID })));
  } finally {
    client.destroy();
  }
}

type Captured = { method: string; path: string; headers: Record<string, string>; body: string };

/** The request exactly as the SDK signed and sent it. */
async function signedRequest(command: AdminGetUserCommand): Promise<Captured> {
  const client = new CognitoIdentityProviderClient({
    endpoint: h.endpoint,
    region: IAM.region,
    credentials: { accessKeyId: IAM.accessKeyId, secretAccessKey: IAM.secretAccessKey },
    maxAttempts: 1,
  });
  let captured: Captured | undefined;
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { method: string; path: string; headers: Record<string, string>; body: string | Uint8Array };
      const body = typeof req.body === 'string' ? req.body : Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString('utf8');
      captured = { method: req.method, path: req.path, headers: { ...req.headers }, body };
      return next(args);
    },
    { step: 'deserialize', name: 'captureSignedRequest' },
  );
  try {
    await client.send(command);
  } finally {
    client.destroy();
  }
  if (!captured) throw new Error('nothing captured');
  return captured;
}

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: { __type?: string; message?: string; Username?: string } };

/** Sends a request with exactly these headers (fetch would add or refuse some). */
function send(req: Captured): Promise<Answer> {
  const url = new URL(h.endpoint);
  return new Promise((resolve, reject) => {
    const out = request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: req.headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Answer['body'] }));
      },
    );
    out.on('error', reject);
    out.end(req.body);
  });
}

const corsHeaders = (headers: Answer['headers'] | Headers) =>
  (headers instanceof Headers ? [...headers.keys()] : Object.keys(headers)).filter((name) => name.startsWith('access-control-'));

describe('admin calls are verified against the pool\'s IAM credentials (SigV4)', () => {
  it('refuses a signature made with another secret: InvalidSignatureException', async () => {
    expect(await callWith({ secretAccessKey: 'not-the-secret' })).toEqual({ name: 'InvalidSignatureException', message: SIGNATURE_MISMATCH, status: 400 });
  });

  it('refuses an unknown access key: UnrecognizedClientException', async () => {
    expect(await callWith({ accessKeyId: 'AKIAEXAMPLEOTHER', secretAccessKey: 'x' })).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
  });

  it('refuses a signature more than 5 minutes old or ahead', async () => {
    const late = await callWith({ systemClockOffset: -10 * 60 * 1000 });
    expect(late.name).toBe('InvalidSignatureException');
    expect(late.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const early = await callWith({ systemClockOffset: 10 * 60 * 1000 });
    expect(early.name).toBe('InvalidSignatureException');
    expect(early.message).toMatch(/^Signature not yet current/);
    // Within 5 minutes is fine (clocks drift).
    const client = new CognitoIdentityProviderClient({
      endpoint: h.endpoint,
      region: IAM.region,
      credentials: { accessKeyId: IAM.accessKeyId, secretAccessKey: IAM.secretAccessKey },
      systemClockOffset: -3 * 60 * 1000,
      maxAttempts: 1,
    });
    try {
      expect((await client.send(new ListUsersCommand({ UserPoolId: POOL_ID }))).Users?.length).toBeGreaterThanOrEqual(2);
    } finally {
      client.destroy();
    }
  });

  it('refuses a signature scoped to another region', async () => {
    expect(await callWith({ region: 'us-east-1' })).toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/^Credential should be scoped to a valid region\./),
    });
  });

  it('refuses a made-up signature in the right shape', async () => {
    const real = await signedRequest(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'user.aaaa' }));
    const forged = real.headers.authorization!.replace(/Signature=[0-9a-f]{64}$/, `Signature=${'0'.repeat(64)}`);
    const answer = await send({ ...real, headers: { ...real.headers, authorization: forged } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ __type: 'InvalidSignatureException', message: SIGNATURE_MISMATCH });
  });

  it('recomputes the signature over the body and the signed headers', async () => {
    const real = await signedRequest(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'user.aaaa' }));
    expect(real.headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-target/);

    // The same request again (within 5 minutes, as AWS allows) is accepted.
    const replay = await send(real);
    expect(replay.status).toBe(200);
    expect(replay.body.Username).toBe('user.aaaa');

    // Another user in the body, same length: the signature no longer matches.
    const otherUser = await send({ ...real, body: real.body.replace('user.aaaa', 'user.bbbb') });
    expect(otherUser.status).toBe(400);
    expect(otherUser.body.__type).toBe('InvalidSignatureException');

    // Another operation under the same signature.
    const otherTarget = await send({
      ...real,
      headers: { ...real.headers, 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser' },
    });
    expect(otherTarget.body.__type).toBe('InvalidSignatureException');
    expect((await h.client.send(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'user.aaaa' }))).Username).toBe('user.aaaa');
  });

  it('refuses a session token it never issued', async () => {
    const client = new CognitoIdentityProviderClient({
      endpoint: h.endpoint,
      region: IAM.region,
      credentials: { accessKeyId: IAM.accessKeyId, secretAccessKey: IAM.secretAccessKey, sessionToken: 'some-token' },
      maxAttempts: 1,
    });
    try {
      expect((await failure(client.send(new ListUsersCommand({ UserPoolId: POOL_ID })))).name).toBe('UnrecognizedClientException');
    } finally {
      client.destroy();
    }
  });
});

describe('CORS', () => {
  it('answers admin calls, accepted or refused, without any CORS header', async () => {
    const real = await signedRequest(new AdminGetUserCommand({ UserPoolId: POOL_ID, Username: 'user.aaaa' }));
    const accepted = await send({ ...real, headers: { ...real.headers, origin: 'http://evil.example' } });
    expect(accepted.status).toBe(200);
    expect(corsHeaders(accepted.headers)).toEqual([]);

    const unsigned = await fetch(`${h.endpoint}/`, {
      method: 'POST',
      headers: {
        origin: 'http://evil.example',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers',
      },
      body: JSON.stringify({ UserPoolId: POOL_ID }),
    });
    expect(unsigned.status).toBe(400);
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');
    expect(corsHeaders(unsigned.headers)).toEqual([]);
  });

  it('keeps CORS on the public calls a browser makes, which need no signature', async () => {
    const response = await fetch(`${h.endpoint}/`, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:5173',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'user.aaaa', PASSWORD: 'Wrong-Pass-1!' } }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await response.json()) as { __type: string }).__type).toBe('NotAuthorizedException');
  });
});
