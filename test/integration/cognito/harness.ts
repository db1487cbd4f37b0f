/** Starts the emulator behind a node:http server on an ephemeral port, mounted at /cognito. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoEmulator, type CognitoEmulator, type CognitoEmulatorOptions } from '#infra/local/cognito/index.ts';

export const POOL_ID = 'local_klassny';
export const CLIENT_ID = 'klassny-web';
export const PASSWORD = 'Correct-Horse-9';
/** The IAM identity the emulator accepts admin calls from, and the one the harness client signs with. */
export const IAM = { region: 'eu-central-1', accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface Harness {
  baseUrl: string;
  endpoint: string;
  /** The JWKS as served on this server (the emulator's jwksUrl follows issuerBaseUrl). */
  jwksUrl: string;
  emulator: CognitoEmulator;
  /** SDK client with (dummy) IAM credentials, as the functions use it. */
  client: CognitoIdentityProviderClient;
  close(): Promise<void>;
}

export async function startEmulator(options: Partial<CognitoEmulatorOptions> = {}): Promise<Harness> {
  let emulator: CognitoEmulator | undefined;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (emulator && (url === '/cognito' || url.startsWith('/cognito/') || url.startsWith('/cognito?'))) {
      emulator.handle(req, res, url.slice('/cognito'.length));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const endpoint = `${baseUrl}/cognito`;
  try {
    emulator = createCognitoEmulator({
      userPoolId: POOL_ID,
      clientId: CLIENT_ID,
      issuerBaseUrl: endpoint,
      groups: ['teachers', 'students', 'parents', 'admins'],
      iam: IAM,
      scrypt: { N: 1024, r: 8, p: 1 },
      ...options,
    });
  } catch (err) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  const client = new CognitoIdentityProviderClient({
    endpoint,
    region: IAM.region,
    credentials: { accessKeyId: IAM.accessKeyId, secretAccessKey: IAM.secretAccessKey },
    maxAttempts: 1,
  });
  return {
    baseUrl,
    endpoint,
    jwksUrl: `${endpoint}/${emulator.userPoolId}/.well-known/jwks.json`,
    emulator,
    client,
    close: async () => {
      client.destroy();
      await emulator?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
